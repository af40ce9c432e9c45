import { apiAs, assert, clickForAnswer, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

export const approvalSpecs = [
  {
    name: 'a manager approves a 撞单 request from my approvals, which unlocks the record',
    async run({ page, config }) {
      // rep3 (South) owns the customer; rep1 (East) saves a duplicate anyway: it waits for the sales manager
      const rep3 = await apiAs(config, { email: 'rep3@keyuan.local' });
      const rep1 = await apiAs(config, { email: 'rep1@keyuan.local' });
      const email = `e2e-dup-${stamp}@example.com`;
      const name = `E2E 撞单 ${stamp}`;
      assert((await rep3('POST', '/leads', { name: `E2E 原客户 ${stamp}`, email })).status === 201, 'rep3 creates the original');
      assert((await rep1('POST', '/leads', { name, email })).status === 409, 'the duplicate is refused without "Save anyway"');
      const created = await rep1('POST', '/leads?allowDuplicate=true', { name, email });
      assert(created.status === 201, `Save anyway creates the lead (got ${created.status})`);
      const locked = await rep1('PATCH', `/leads/${created.body.id}`, { notes: '先改一下' });
      assert(locked.status === 409 && locked.body.code === 'APPROVAL_PENDING', `the lead is locked while pending (got ${locked.status})`);

      await login(page, { email: 'manager@keyuan.local', password: 'Demo123!' });
      await page.locator('[data-testid="approvals-count"] sup:not([style*="display: none"])').waitFor();
      await page.locator('[data-testid="approvals-badge"]').click();
      await page.locator('[data-testid="page-approvals"]').waitFor();
      const row = page.locator('[data-testid="approval-open"]', { hasText: name });
      await row.waitFor();
      await shot(page, config, '60-my-approvals');
      await row.click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
      const panel = page.locator('[data-testid="approval-panel"]');
      await panel.locator('[data-testid="approval-status"]', { hasText: 'Pending' }).waitFor();
      await panel.locator('textarea[data-testid="approval-comment"]').fill('同一客户，李雷可以继续跟进');
      await shot(page, config, '61-approval-detail');
      await clickForAnswer(page, panel.locator('[data-testid="approval-approve"]'), 'POST', /\/api\/v1\/approvals\/[0-9a-f-]+\/approve$/);
      await panel.locator('[data-testid="approval-status"]', { hasText: 'Approved' }).waitFor();
      await panel.locator('[data-testid="approval-history"]', { hasText: '同一客户，李雷可以继续跟进' }).waitFor();
      await shot(page, config, '62-approval-approved');

      // the record page shows the decided approval; the submitter may edit again
      await page.locator('[data-testid="approval-record-link"]').click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="approval-panel"] [data-testid="approval-status"]', { hasText: 'Approved' }).waitFor();
      const unlocked = await rep1('PATCH', `/leads/${created.body.id}`, { notes: '审批通过' });
      assert(unlocked.status === 200, `the lead is editable once approved (got ${unlocked.status})`);
    },
  },
  {
    name: 'a manager approves a discounted quote from my approvals; the quote is approved and can be sent',
    async run({ page, config }) {
      // rep1 (East, under Sales whose manager is 王芳) submits a quote with a 20 % line discount: over the 10 % threshold
      const rep1 = await apiAs(config, { email: 'rep1@keyuan.local' });
      const [account] = (await rep1.send('GET', '/accounts?limit=1')).data;
      const name = `E2E 折扣报价 ${stamp}`;
      const quote = await rep1.send('POST', '/quotes', {
        accountId: account.id,
        name,
        validUntil: '2030-12-31',
        lines: [{ name: '实施服务', quantity: '2', unitPrice: '8000', discountPercent: '20' }],
      });
      const submitted = await rep1.send('POST', `/quotes/${quote.id}/submit`);
      assert(submitted.status === 'pending_approval', `the discounted quote waits for approval (got ${submitted.status})`);

      await login(page, { email: 'manager@keyuan.local', password: 'Demo123!' });
      await page.locator('[data-testid="approvals-badge"]').click();
      await page.locator('[data-testid="page-approvals"]').waitFor();
      const row = page.locator('[data-testid="approval-open"]', { hasText: name });
      await row.waitFor();
      await row.click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
      const panel = page.locator('[data-testid="approval-panel"]');
      await panel.locator('[data-testid="approval-status"]', { hasText: 'Pending' }).waitFor();
      await panel.locator('textarea[data-testid="approval-comment"]').fill('折扣同意，年底冲量');
      await clickForAnswer(page, panel.locator('[data-testid="approval-approve"]'), 'POST', /\/api\/v1\/approvals\/[0-9a-f-]+\/approve$/);
      await panel.locator('[data-testid="approval-status"]', { hasText: 'Approved' }).waitFor();
      await shot(page, config, '64-quote-approved');

      // the quote page shows the decision; the rep may now send it
      await page.locator('[data-testid="approval-record-link"]').click();
      await page.waitForURL(new RegExp(`/quotes/${quote.id}$`));
      await page.locator('[data-testid="quote-status"]', { hasText: 'Approved' }).waitFor();
      await page.locator('[data-testid="approval-panel"] [data-testid="approval-history"]', { hasText: '折扣同意，年底冲量' }).waitFor();
      const after = await rep1.send('GET', `/quotes/${quote.id}`);
      assert(after.status === 'approved' && after.allowedActions.includes('send'), `the rep may send the approved quote (got ${after.status} ${after.allowedActions})`);
    },
  },
  {
    name: 'an admin designs an approval flow (撞单 default listed, a new one with a condition and steps)',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.locator('[data-testid="menu-approval-flows"]').click();
      const table = page.locator('[data-testid="record-table-approval-flows"]');
      await table.locator('.el-table__row', { hasText: '撞单审批 Duplicate lead' }).waitFor();
      await page.locator('[data-testid="flow-create"]').click();
      const dialog = page.locator('.el-dialog:visible').last();
      const name = `E2E 审批流 ${stamp}`;
      await dialog.locator('input[data-testid="flow-name"]').fill(name);
      await dialog.locator('[data-testid="condition-add"]').click();
      await dialog.locator('input[data-testid="condition-value-0"]').fill('华东');
      await dialog.locator('[data-testid="step-add"]').click();
      await shot(page, config, '63-flow-designer');
      await clickForAnswer(page, dialog.locator('[data-testid="flow-save"]'), 'POST', /\/api\/v1\/approval-flows$/);
      await table.locator('.el-table__row', { hasText: name }).waitFor();
      await shot(page, config, '64-flows');
    },
  },
];
