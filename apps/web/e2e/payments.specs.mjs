import { assert, clickForAnswer, login, shot } from './helpers.mjs';

const finance = { email: process.env.E2E_FINANCE_EMAIL ?? 'finance@keyuan.local', password: process.env.E2E_FINANCE_PASSWORD ?? 'Demo123!' };

export const paymentSpecs = [
  {
    name: 'payments: finance opens receivables with the aging chart, records a payment on a demo contract and sees the balance change',
    async run({ page, config }) {
      await login(page, finance);
      await page.goto('/finance/receivables');
      await page.locator('[data-testid="page-receivables"]').waitFor();
      await page.locator('[data-testid="receivables-summary"]').waitFor();
      await page.locator('[data-testid="receivables-aging"] canvas').first().waitFor();
      await shot(page, config, '95-receivables');

      // a demo contract with an open balance: the first row of the list, by contract
      const firstLink = page.locator('[data-testid="record-table-receivables"] .el-table__row a').first();
      await firstLink.waitFor();
      await firstLink.click();
      await page.waitForURL(/\/contracts\/[0-9a-f-]+$/);
      const balance = page.locator('[data-testid="finance-balance"]');
      await balance.waitFor();
      const before = (await balance.innerText()).trim();

      await page.locator('[data-testid="finance-record-payment"]').click();
      await page.locator('[data-testid="record-payment-dialog"]').waitFor();
      assert((await page.locator('[data-testid="record-payment-balance"]').innerText()).trim() === before, 'the dialog shows the balance');
      // more than the balance: the server refuses it and the dialog says why
      await page.locator('input[data-testid="record-payment-amount"]').fill('99999999.99');
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/payments');
      await page.locator('[data-testid="record-payment-submit"]').click();
      assert((await refused).status() === 422, 'an overshoot is refused with 422');
      await page.locator('[data-testid="record-payment-error"]').waitFor();

      await page.locator('input[data-testid="record-payment-amount"]').fill('100.00');
      await page.locator('input[data-testid="record-payment-reference"]').fill('E2E-0001');
      await clickForAnswer(page, page.locator('[data-testid="record-payment-submit"]'), 'POST', /^\/api\/v1\/payments$/);
      await page.locator('[data-testid="finance-payments"] .el-table__row', { hasText: 'E2E-0001' }).waitFor();
      await page.waitForFunction(
        ([sel, old]) => document.querySelector(sel)?.textContent?.trim() !== old,
        ['[data-testid="finance-balance"]', before],
      );
      const after = (await balance.innerText()).trim();
      const amount = (s) => Number(s.replace(/[^0-9.]/g, ''));
      assert(Math.abs(amount(before) - amount(after) - 100) < 0.001, `the balance went down by 100 (${before} → ${after})`);
      await shot(page, config, '96-contract-finance');
    },
  },
  {
    name: 'payments: finance red-letters an issued invoice and sees the pair on the contract and the base amounts in the lists',
    async run({ page, config }) {
      await login(page, finance);
      await page.goto('/finance/invoices');
      await page.locator('[data-testid="page-invoices"]').waitFor();
      // an issued demo invoice (its status tag is the success one)
      const row = page.locator('[data-testid="record-table-invoices"] .el-table__row', { has: page.locator('.el-tag--success') }).first();
      await row.waitFor();
      const number = (await row.locator('td').first().innerText()).trim();
      await row.locator('a').first().click();
      await page.waitForURL(/\/contracts\/[0-9a-f-]+$/);
      await page.locator('[data-testid="finance-invoices"]').waitFor();
      await clickForAnswer(page, page.locator(`[data-testid="invoice-red-letter-${number}"]`), 'POST', /^\/api\/v1\/invoices\/[0-9a-f-]+\/red-letter$/);
      // the red-letter invoice is its own row, naming the one it reverses; the original names it back
      const red = page.locator('[data-testid="finance-invoices"] .el-table__row', { has: page.locator('[data-testid="invoice-red-letter-tag"]') });
      await red.first().waitFor();
      assert((await red.first().innerText()).includes(number), `the red-letter invoice names ${number}`);
      await shot(page, config, '97-red-letter-pair');
      await page.goto('/finance/payments');
      await page.locator('[data-testid="record-table-payments"] .el-table__row').first().waitFor();
    },
  },
];
