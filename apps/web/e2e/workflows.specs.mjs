import { apiAs, assert, clickForAnswer, login, menuNames, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

export const workflowSpecs = [
  {
    name: 'admin builds a workflow rule and sees a status change create a task in the run log',
    async run({ page, config }) {
      const leadName = `E2E 工作流 ${stamp}`;
      await login(page, config.admin);
      assert((await menuNames(page)).includes('menu-workflow-rules'), 'the admin menu has the workflow rules entry');
      await page.goto('/admin/workflow-rules');
      await page.locator('[data-testid="page-workflow-rules"]').waitFor();
      await page.locator('[data-testid="wf-create"]').click();
      await page.locator('[data-testid="page-workflow-rule"] [data-testid="wf-trigger"]').waitFor();

      await page.locator('input[data-testid="wf-name"]').fill(`合格线索回访 ${stamp}`);
      // when: the status changes to Qualified
      await page.locator('[data-testid="wf-trigger-to"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'Qualified' }).first().click();
      // if: the name is this test's lead (demo leads changing at the same time stay out of it)
      await page.locator('[data-testid="wf-condition-add"]').click();
      const condition = page.locator('[data-testid="wf-condition-0"]');
      await condition.locator('input.el-input__inner').last().fill(leadName);
      // then: a task for the owner
      await page.locator('input[data-testid="wf-action-title-0"]').fill(`回访 ${stamp}`);
      await shot(page, config, '70-workflow-builder');
      const saved = await clickForAnswer(page, page.locator('[data-testid="wf-save"]'), 'POST', /^\/api\/v1\/workflow-rules$/);
      const rule = await saved.json();
      assert(rule.trigger.to === 'qualified' && rule.conditions.conditions[0].value === leadName, `the rule was built as asked: ${JSON.stringify(rule)}`);
      await page.waitForURL(new RegExp(`/admin/workflow-rules/${rule.id}$`));
      await page.locator('[data-testid="wf-runs"]').waitFor();

      // a person moves the lead's status: the rule runs in the background and its run appears in the log
      const admin = await apiAs(config, config.admin);
      const lead = await admin.send('POST', '/api/v1/leads', { name: leadName, source: 'web' });
      await admin.send('PATCH', `/api/v1/leads/${lead.id}`, { status: 'qualified', version: lead.version });
      const outcome = page.locator('[data-testid="wf-runs"] [data-testid="wf-run-outcome"]', { hasText: 'Succeeded' });
      await outcome.first().waitFor({ timeout: 30000 });
      assert((await page.locator('[data-testid="wf-runs"] .el-table__row').first().innerText()).includes('Create a task'), 'the run log names the task action');
      const tasks = await admin.send('GET', `/api/v1/tasks?leadId=${lead.id}`);
      assert(tasks.data.length === 1 && tasks.data[0].title === `回访 ${stamp}`, `one task was created: ${JSON.stringify(tasks.data)}`);
      await shot(page, config, '71-workflow-run-log');

      // the dry run shows what the rule would do, and changes nothing
      await page.locator('[data-testid="wf-dry-run-open"]').click();
      const dialog = page.locator('[data-testid="wf-dry-run"]');
      await dialog.locator('.el-select__wrapper').click();
      await page.keyboard.type(leadName);
      await page.locator('.el-select-dropdown__item:visible', { hasText: leadName }).first().click();
      await clickForAnswer(page, dialog.locator('[data-testid="wf-dry-run-go"]'), 'POST', /\/test$/);
      await dialog.locator('[data-testid="wf-dry-run-verdict"]', { hasText: 'Yes' }).waitFor();
      await shot(page, config, '72-workflow-dry-run');
      const after = await admin.send('GET', `/api/v1/tasks?leadId=${lead.id}`);
      assert(after.data.length === 1, 'the dry run created no task');
      await admin.send('POST', `/api/v1/workflow-rules/${rule.id}/disable`);
    },
  },
  {
    name: 'the workflow rule pages in Chinese',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.evaluate(() => localStorage.setItem('keyuan.locale', 'zh-CN'));
      await page.goto('/admin/workflow-rules');
      await page.locator('[data-testid="page-workflow-rules"]').waitFor();
      assert((await page.locator('[data-testid="page-workflow-rules"]').innerText()).includes('自动化规则'), 'the list is in Chinese');
      await page.locator('[data-testid="wf-create"]').click();
      await page.locator('[data-testid="wf-trigger"]').waitFor();
      const text = await page.locator('[data-testid="page-workflow-rule"]').innerText();
      for (const word of ['触发', '条件', '动作', '创建任务']) assert(text.includes(word), `the builder shows ${word}`);
      await shot(page, config, '73-workflow-builder-zh');
    },
  },
];
