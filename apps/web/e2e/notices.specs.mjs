import { apiAs, assert, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

export const noticeSpecs = [
  {
    name: 'a notice for the sales department shows in a rep’s unread badge, and reading it clears the badge',
    async run({ page, config }) {
      const admin = await apiAs(config, config.admin);
      const rep1 = await apiAs(config, { email: 'rep1@keyuan.local' });
      // start from nothing unread for rep1
      for (const n of (await rep1.send('GET', '/notices?unread=true')).data) await rep1('POST', `/notices/${n.id}/read`);
      const me = await rep1.send('GET', '/auth/me');
      const title = `E2E 通知 ${stamp}`;
      const created = await admin('POST', '/notices', { title, bodyHtml: '<p>本周五下午 <strong>全员会议</strong><script>alert(1)</script></p>', audience: 'departments', departmentIds: [me.user.departmentId] });
      assert(created.status === 201, `admin publishes (got ${created.status} ${JSON.stringify(created.body)})`);

      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      const count = page.locator('[data-testid="notices-count"] sup:not([style*="display: none"])');
      await count.waitFor();
      assert((await count.innerText()).trim() === '1', `the badge shows 1 (got ${await count.innerText()})`);
      await page.locator('[data-testid="notices-badge"]').click();
      await page.locator('[data-testid="page-notices"]').waitFor();
      await page.locator(`[data-testid="notice-open-${title}"]`).click();
      await page.locator('[data-testid="notice-body"]', { hasText: '全员会议' }).waitFor();
      assert((await page.locator('[data-testid="notice-body"] script').count()) === 0, 'no script in the body');
      await shot(page, config, '90-notice');
      await page.locator('[data-testid="notices-count"] sup').waitFor({ state: 'hidden' });
      const receipts = await admin.send('GET', `/notices/${created.body.id}/receipts`);
      assert(receipts.read.some((u) => u.id === me.user.id), 'the publisher sees rep1 has read it');
    },
  },
];
