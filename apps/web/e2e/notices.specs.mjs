import { readFile } from 'node:fs/promises';
import { apiAs, assert, clickForAnswer, login, logout, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% e2e notice attachment\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);

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
  {
    name: 'the admin publishes a notice with a file from the editor; a rep opens it and downloads the file',
    async run({ page, config }) {
      const title = `E2E 附件通知 ${stamp}`;
      await login(page, config.admin);
      await page.goto('/notices');
      await page.locator('[data-testid="notice-create"]').click();
      await page.locator('input[data-testid="notice-title"]').fill(title);
      await page.locator('input[data-testid="notice-files-input"]').setInputFiles({ name: '放假安排.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('[data-testid="notice-pending-放假安排.pdf"]').waitFor();
      const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/notices\/[^/]+\/attachments$/.test(new URL(r.url()).pathname));
      await clickForAnswer(page, page.locator('[data-testid="notice-submit"]'), 'POST', /\/api\/v1\/notices$/);
      assert((await uploaded).status() === 201, 'the picked file is uploaded to the new notice');
      await page.locator(`[data-testid="notice-open-${title}"]`).click();
      await page.locator('[data-testid="notice-attachment-放假安排.pdf"]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="notice-attachments"]').waitFor({ state: 'hidden' });
      await logout(page);

      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      await page.goto('/notices');
      await page.locator(`[data-testid="notice-open-${title}"]`).click();
      const link = page.locator('[data-testid="notice-attachment-放假安排.pdf"]');
      await link.waitFor();
      assert((await page.locator('[data-testid="notice-attachment-upload"]').count()) === 0, 'a reader gets no upload button');
      await shot(page, config, '91-notice-attachment');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert(download.suggestedFilename() === '放假安排.pdf', `the download keeps the UTF-8 name (got ${download.suggestedFilename()})`);
      assert(Buffer.compare(await readFile(await download.path()), PDF) === 0, 'the downloaded bytes are the uploaded ones');
    },
  },
];
