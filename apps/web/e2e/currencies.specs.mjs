import { assert, login, shot } from './helpers.mjs';

const finance = { email: process.env.E2E_FINANCE_EMAIL ?? 'finance@keyuan.local', password: process.env.E2E_FINANCE_PASSWORD ?? 'Demo123!' };

/** Waits for the answer of a request the action causes (and checks its status). */
async function answerOf(page, action, method, path, status) {
  const answer = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
  await action();
  const res = await answer;
  assert(res.status() === status, `${method} ${new URL(res.url()).pathname} answered ${res.status()}, expected ${status}`);
  return res;
}

export const currencySpecs = [
  {
    name: 'currencies: finance sees the base and the demo rates, adds a rate, and a bad CSV is refused with its rows by line',
    async run({ page, config }) {
      await login(page, finance);
      await page.goto('/finance/currencies');
      await page.locator('[data-testid="page-currencies"]').waitFor();
      await page.locator('[data-testid="currency-base"]', { hasText: 'CNY' }).waitFor();
      assert((await page.locator('[data-testid="currency-enabled-USD"]').getAttribute('class')).includes('is-checked'), 'USD is enabled (demo data)');
      await shot(page, config, '90-currencies');

      await page.locator('.el-tabs__item', { hasText: /Exchange rates|汇率/ }).click();
      await page.locator('[data-testid="rate-USD-2026-10-01"]', { hasText: '7.118' }).waitFor();

      await page.locator('[data-testid="rate-add"]').click();
      await page.locator('[data-testid="rate-form"]').waitFor();
      await page.locator('input[data-testid="rate-value"]').fill('8.3');
      const date = page.locator('[data-testid="rate-form"] .el-date-editor input');
      await date.click();
      await date.fill('2026-11-16');
      await date.press('Enter');
      const created = await answerOf(page, () => page.locator('[data-testid="rate-save"]').click(), 'POST', /\/api\/v1\/exchange-rates$/, 201);
      const body = await created.json();
      assert(body.rate === '8.3' && body.effectiveDate === '2026-11-16', `the rate is saved as typed (got ${body.currency} ${body.rate} ${body.effectiveDate})`);
      await page.locator(`[data-testid="rate-${body.currency}-2026-11-16"]`, { hasText: '8.3' }).waitFor();

      await page.locator('[data-testid="rate-import-open"]').click();
      await page.locator('[data-testid="rate-import"]').waitFor();
      await page.locator('[data-testid="rate-import-file"]').setInputFiles({
        name: 'rates.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('currency,date,rate\nHKD,2026-11-16,0.91\nABC,2026-11-16,1\nHKD,2026-11-16,0.92\n'),
      });
      await answerOf(page, () => page.locator('[data-testid="rate-import-upload"]').click(), 'POST', /\/api\/v1\/exchange-rates\/import$/, 400);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="rate-import-report"] tbody tr').length === 2);
      const report = await page.locator('[data-testid="rate-import-report"] tbody').innerText();
      assert(/^3\b/m.test(report) && /^4\b/m.test(report), `the report lists lines 3 and 4 (got ${report})`);
      await shot(page, config, '91-currencies-import-report');
    },
  },
];
