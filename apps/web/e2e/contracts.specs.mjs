import { readFile } from 'node:fs/promises';
import { assert, clickForAnswer, login, shot } from './helpers.mjs';

// a small but real PDF header: the server checks the type by the first bytes
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% e2e contract scan\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

export const contractSpecs = [
  {
    name: 'contracts: a manager makes a contract from an accepted demo quote, attaches the signed scan, downloads it and signs',
    async run({ page, config }) {
      await login(page, { email: 'manager@keyuan.local', password: 'Demo123!' });
      await page.goto('/quotes');
      const table = page.locator('[data-testid="record-table-quotes"]');
      const accepted = table.locator('.el-table__row', { hasText: 'Accepted' });
      await accepted.first().waitFor();
      const numbers = [];
      for (const row of await accepted.all()) numbers.push((await row.locator('a[data-testid^="quote-link-"]').innerText()).trim());
      assert(numbers.length > 0, 'the demo has accepted quotes');

      // one accepted demo quote already became a contract (409 CONTRACT_QUOTE_TAKEN): use the first that is free
      let made = null;
      let quoteTotal = '';
      for (const number of numbers) {
        await page.goto('/quotes');
        await table.locator(`a[data-testid="quote-link-${number}"]`).click();
        await page.locator('[data-testid="quote-status"]', { hasText: 'Accepted' }).waitFor();
        quoteTotal = (await page.locator('[data-testid="total-grand"]').innerText()).trim();
        const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/quotes\/[0-9a-f-]+\/contract$/.test(new URL(r.url()).pathname));
        await page.locator('[data-testid="quote-create-contract"]').click();
        const res = await answer;
        if (res.status() === 201) {
          made = await res.json();
          break;
        }
        assert(res.status() === 409, `a taken quote answers 409 (got ${res.status()})`);
      }
      assert(made, 'one accepted demo quote is free for a contract');
      await page.waitForURL(new RegExp(`/contracts/${made.id}$`));
      await page.locator('[data-testid="contract-number"]', { hasText: /^HT\d{6}-\d{4}$/ }).waitFor();
      await page.locator('[data-testid="contract-status"]', { hasText: 'Draft' }).waitFor();
      await page.locator('[data-testid="contract-total"]', { hasText: quoteTotal }).waitFor();
      await page.locator('[data-testid="contract-quote"]').waitFor();

      // the signed scan: uploaded, listed, downloaded with the same bytes and name
      const upload = page.waitForResponse((r) => r.request().method() === 'POST' && /\/attachments$/.test(new URL(r.url()).pathname));
      await page.locator('input[data-testid="attachment-input"]').setInputFiles({ name: '合同扫描件.pdf', mimeType: 'application/pdf', buffer: PDF });
      assert((await upload).status() === 201, 'the upload is accepted');
      await page.locator('[data-testid="attachment-合同扫描件.pdf"]').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="attachment-download-合同扫描件.pdf"]').click()]);
      assert(download.suggestedFilename() === '合同扫描件.pdf', `the download keeps the UTF-8 name (got ${download.suggestedFilename()})`);
      const file = await readFile(await download.path());
      assert(Buffer.compare(file, PDF) === 0, 'the downloaded bytes are the uploaded ones');
      // a file that is not one of the accepted types is refused with its reason
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && /\/attachments$/.test(new URL(r.url()).pathname));
      await page.locator('input[data-testid="attachment-input"]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text, not a PDF') });
      assert((await refused).status() === 415, 'a file whose bytes are not a PDF is refused');
      await page.locator('.el-message--error', { hasText: 'not accepted' }).waitFor();
      await shot(page, config, '90-contract-from-quote');

      // signing: under the approval threshold it is active at once; the timeline shows the file and the moves
      await clickForAnswer(page, page.locator('[data-testid="contract-submit"]'), 'POST', /\/api\/v1\/contracts\/[0-9a-f-]+\/submit$/);
      await page.locator('[data-testid="contract-status"]', { hasText: 'Active' }).waitFor();
      await page.locator('[data-testid="contract-terminate"]').waitFor();
      const history = page.locator('[data-testid="contract-history"]');
      await history.locator('.el-timeline-item', { hasText: 'Signed (active)' }).waitFor();
      await history.locator('.el-timeline-item', { hasText: 'File attached' }).waitFor();
      await shot(page, config, '91-contract-active');

      // the account's page lists it in its Contracts tab
      await page.goto(`/accounts/${made.accountId}`);
      await page.getByRole('tab', { name: 'Contracts' }).click();
      await page.locator('[data-testid="account-contracts"] .el-table__row', { hasText: made.number }).waitFor();

      // the list finds it by its status
      await page.goto('/contracts');
      await page.locator(`[data-testid="record-table-contracts"] a[data-testid="contract-link-${made.number}"]`).waitFor();
      await shot(page, config, '92-contracts');
    },
  },
];
