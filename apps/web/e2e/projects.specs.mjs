import { loginWithApi } from './customers.specs.mjs';
import { assert, clickForAnswer, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const visibleDialog = (page) => page.locator('.el-dialog:visible').last();
const percentIs = (page, value) =>
  page.waitForFunction((v) => document.querySelector('[data-testid="project-summary"] [data-testid="project-progress"]')?.getAttribute('data-percent') === v, String(value));

export const projectSpecs = [
  {
    name: 'projects: a rep creates a project, adds a task, completes it and sees the progress reach 100%',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.rep);
      const name = `E2E 实施项目 ${stamp}`;
      const taskTitle = `E2E 项目任务 ${stamp}`;

      // the list: loading, then rows (the demo project) or the empty state, each with a progress bar
      await page.locator('[data-testid="menu-projects"]').click();
      await page.waitForURL(/\/projects$/);
      await page.locator('[data-testid="record-table-projects"] .el-table__row, [data-testid="table-empty"]').first().waitFor();
      await shot(page, config, '95-projects-list');

      // create
      await page.locator('[data-testid="project-create"]').click();
      const form = visibleDialog(page);
      await form.locator('input[data-testid="project-name"]').fill(name);
      const created = await (await clickForAnswer(page, form.locator('[data-testid="project-save"]'), 'POST', /\/api\/v1\/projects$/)).json();
      await page.waitForURL(new RegExp(`/projects/${created.id}`));
      await page.locator('[data-testid="project-summary"]').waitFor();
      await percentIs(page, 0);

      // add a task from the project's tasks tab
      await page.locator('[data-testid="project-task-add"]').click();
      const dialog = page.locator('[data-testid="task-dialog"]:visible');
      await dialog.locator('input[data-testid="task-title"]').fill(taskTitle);
      await clickForAnswer(page, dialog.locator('[data-testid="task-save"]'), 'POST', /\/api\/v1\/tasks$/);
      const done = page.locator(`[data-testid="project-task-done-${taskTitle}"]`);
      await done.waitFor();
      await page.locator('[data-testid="project-summary"] [data-testid="project-progress-tasks"]', { hasText: /0 of 1|0\/1/ }).waitFor();

      // complete it: the progress follows
      await clickForAnswer(page, done, 'PATCH', /\/api\/v1\/tasks\/[0-9a-f-]+$/);
      await percentIs(page, 100);
      await page.locator('[data-testid="project-summary"] [data-testid="project-progress-tasks"]', { hasText: /1 of 1|1\/1/ }).waitFor();
      const server = await api('GET', `/projects/${created.id}`);
      assert(server.progress.percent === 100 && server.progress.tasksDone === 1, `the server agrees (got ${JSON.stringify(server.progress)})`);
      await shot(page, config, '96-project-detail');

      // a milestone checked off, then the timeline shows the completed task and the milestone reached
      await page.locator('.el-tabs__item', { hasText: /^(Milestones|里程碑)$/ }).click();
      await page.locator('input[data-testid="milestone-name"]').fill('上线验收');
      await clickForAnswer(page, page.locator('[data-testid="milestone-add"]'), 'POST', /\/milestones$/);
      await clickForAnswer(page, page.locator('[data-testid="milestone-1"] .el-checkbox'), 'PATCH', /\/milestones\/[0-9a-f-]+$/);
      await page.locator('.el-tabs__item', { hasText: /^(Timeline|时间线)$/ }).click();
      await page.locator('[data-testid="activity-timeline"]', { hasText: /completed a task|完成了任务/ }).waitFor();
      await page.locator('[data-testid="activity-timeline"]', { hasText: /reached a milestone|达成了里程碑/ }).waitFor();
      await shot(page, config, '97-project-timeline');

      // the list shows it with its progress
      await page.goto('/projects');
      const row = page.locator('[data-testid="record-table-projects"] .el-table__row', { hasText: name });
      await row.locator('[data-testid="project-progress"][data-percent="100"]').waitFor();

      // a project of an account shows on the account's page
      const account = (await api('GET', '/accounts?limit=1')).data[0];
      assert(account, 'the rep has an account');
      const linked = await api('POST', '/projects', { name: `E2E 客户项目 ${stamp}`, accountId: account.id });
      await page.goto(`/accounts/${linked.accountId}`);
      await page.locator('.el-tabs__item', { hasText: /^(Projects|我的项目)$/ }).click();
      await page.locator('[data-testid="account-projects"] .el-table__row', { hasText: linked.name }).waitFor();
      await shot(page, config, '98-account-projects');
    },
  },
];
