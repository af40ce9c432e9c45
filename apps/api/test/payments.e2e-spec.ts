import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { addDays } from '@modules/payments/payment-terms';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Installment = { id: string; position: number; dueDate: string; amount: string; received: string; status: string; percent: string | null; reminderTaskId: string | null };

/**
 * Finance end to end: plans proposed on signing from the terms, plans that do not add up (422 with the
 * difference), payments applied oldest-first or to named installments, overshoot 422 also under 20 parallel
 * payments, reversals with both records audited, invoices (USCC, special fields, the contract limit also in
 * parallel, void frees it), the overdue job once, receivables and aging against hand-computed figures with a
 * USD contract converted at its sign date's rate, and the data scope (404 outside, 403 without the grant).
 */
describe('payments (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let fin: U;
  let manager: U;
  let rep1: U;
  let rep2: U;
  let account1: string;
  let account2: string;
  let today: string;

  const post = (who: U, path: string, body?: object) => t.http.post(path).set(bearer(who.token)).send(body ?? {});
  const get = (who: U, path: string) => t.http.get(path).set(bearer(who.token));
  /** A signed contract of `who` (submitted under the approval threshold: active at once). */
  const signed = async (who: U, accountId: string, amount: string, extra: Record<string, unknown> = {}) => {
    const c = (await post(who, '/api/v1/contracts', { accountId, title: '服务合同', amount, ...extra }).expect(201)).body;
    await post(who, `/api/v1/contracts/${c.id}/submit`).expect(200);
    return c as { id: string; number: string };
  };
  const plan = async (contractId: string) => (await get(fin, `/api/v1/contracts/${contractId}/payment-plans`).expect(200)).body.data as Installment[];
  const pay = (contractId: string, amount: string, extra: Record<string, unknown> = {}) =>
    post(fin, '/api/v1/payments', { contractId, amount, receivedDate: today, method: 'bank_transfer', ...extra });

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    const cfg = t.app.get<AppConfig>(APP_CONFIG);
    today = new Intl.DateTimeFormat('en-CA', { timeZone: cfg.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    fin = await createUser(t, org, { role: 'finance', name: 'Finance' });
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    await t.http.patch(`/api/v1/departments/${org.depts.east}`).set(bearer(org.adminToken)).send({ managerId: manager.id }).expect(200);
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Two' });
    account1 = (await post(rep1, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
    account2 = (await post(rep2, '/api/v1/accounts', { name: '深圳海纳百川贸易有限公司' }).expect(201)).body.id;
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('proposes the plan from the payment terms when the contract is signed (rounding cent on the last)', async () => {
    const c = await signed(rep1, account1, '1000.01', { paymentTerms: '预付30%，验收后40%，尾款30%', signDate: '2026-01-31' });
    const p = await plan(c.id);
    expect(p.map((i) => [i.dueDate, i.percent, i.amount, i.received])).toEqual([
      ['2026-03-02', '30', '300.00', '0.00'],
      ['2026-04-01', '40', '400.00', '0.00'],
      ['2026-05-01', '30', '300.01', '0.00'],
    ]);
    // due dates in the past: overdue from the start
    expect(p.every((i) => i.status === 'overdue')).toBe(true);
    const none = await signed(rep1, account1, '500.00');
    expect((await plan(none.id)).map((i) => [i.percent, i.amount])).toEqual([['100', '500.00']]);
  });

  it('refuses a plan that does not add up (422 with the difference), mixed or bad input (400), and on a draft (422)', async () => {
    const c = await signed(rep1, account1, '10000.00');
    const short = await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, {
      installments: [
        { dueDate: '2027-01-01', amount: '3000.00' },
        { dueDate: '2027-02-01', amount: '6999.99' },
      ],
    }).expect(422);
    expect(short.body).toMatchObject({ code: 'PAYMENT_PLAN_SUM_MISMATCH', params: { difference: '0.01', expected: '10000.00', actual: '9999.99' } });
    const pct = await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, { installments: [{ dueDate: '2027-01-01', percent: '30' }, { dueDate: '2027-02-01', percent: '60' }] }).expect(422);
    expect(pct.body).toMatchObject({ code: 'PAYMENT_PLAN_SUM_MISMATCH', params: { difference: '10' } });
    const mixed = await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, { installments: [{ dueDate: '2027-01-01', percent: '30' }, { dueDate: '2027-02-01', amount: '7000' }] }).expect(400);
    expect(mixed.body.errors[0]).toMatchObject({ field: 'installments', code: 'PAYMENT_PLAN_MIXED' });
    const bad = await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, { installments: [{ dueDate: '2027-13-01', amount: 'x' }] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['installments[0].amount', 'installments[0].dueDate']);
    const ok = await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, {
      installments: [
        { dueDate: '2027-03-01', percent: '33.33' },
        { dueDate: '2027-01-01', percent: '33.33' },
        { dueDate: '2027-02-01', percent: '33.34' },
      ],
    }).expect(201);
    expect(ok.body.data.map((i: Installment) => [i.position, i.dueDate, i.amount])).toEqual([
      [1, '2027-01-01', '3333.00'],
      [2, '2027-02-01', '3334.00'],
      [3, '2027-03-01', '3333.00'],
    ]);
    const draft = (await post(rep1, '/api/v1/contracts', { accountId: account1, title: '草稿', amount: '100.00' }).expect(201)).body;
    expect((await post(fin, `/api/v1/contracts/${draft.id}/payment-plans`, { installments: [{ dueDate: '2027-01-01', amount: '100.00' }] }).expect(422)).body).toMatchObject({ status: 422, code: 'PAYMENT_CONTRACT_NOT_SIGNED', params: { status: 'draft' } });
    // reps read, never write
    await post(rep1, `/api/v1/contracts/${c.id}/payment-plans`, { installments: [{ dueDate: '2027-01-01', amount: '10000.00' }] }).expect(403);
  });

  it('applies payments oldest-first (or to named installments first), refuses an overshoot with 422, reverses with a second record', async () => {
    const c = await signed(rep1, account1, '10000.00');
    await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, {
      installments: [
        { dueDate: addDays(today, 40), amount: '5000.00' },
        { dueDate: addDays(today, 10), amount: '3000.00' },
        { dueDate: addDays(today, 70), amount: '2000.00' },
      ],
    }).expect(201);
    const first = (await pay(c.id, '4000.00', { referenceNumber: 'BANK-001', payer: '上海云启科技有限公司' }).expect(201)).body;
    expect(first.allocations.map((a: { position: number; amount: string }) => [a.position, a.amount])).toEqual([
      [1, '3000.00'],
      [2, '1000.00'],
    ]);
    let p = await plan(c.id);
    expect(p.map((i) => [i.amount, i.received, i.status])).toEqual([
      ['3000.00', '3000.00', 'paid'],
      ['5000.00', '1000.00', 'partially_paid'],
      ['2000.00', '0.00', 'pending'],
    ]);
    const named = (await pay(c.id, '1500.00', { installmentIds: [p[2].id] }).expect(201)).body;
    expect(named.allocations.map((a: { position: number; amount: string }) => [a.position, a.amount])).toEqual([[3, '1500.00']]);
    // an installment named twice is a 400 (it would be settled twice over)
    const twice = await pay(c.id, '10', { installmentIds: [p[2].id, p[2].id] }).expect(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'installmentIds' });
    const over = await pay(c.id, '4500.01').expect(422);
    expect(over.body).toMatchObject({ code: 'PAYMENT_EXCEEDS_BALANCE', params: { balance: '4500.00' } });
    const zh = await pay(c.id, '4500.01').set('Accept-Language', 'zh-CN').expect(422);
    expect(zh.body.detail).toBe('回款 4500.01 超过合同未收余额 4500.00 CNY。');
    expect((await pay(c.id, '1', { currency: 'USD' }).expect(400)).body.errors[0]).toMatchObject({ field: 'currency', code: 'PAYMENT_CURRENCY_MISMATCH' });
    const bad = await post(fin, '/api/v1/payments', { contractId: c.id, amount: '-1', receivedDate: 'yesterday', method: 'gold' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'method', 'receivedDate']);
    // never edited or deleted: reversed
    expect((await t.http.patch(`/api/v1/payments/${first.id}`).set(bearer(fin.token)).send({}).expect(409)).body.code).toBe('PAYMENT_IMMUTABLE');
    await t.http.delete(`/api/v1/payments/${first.id}`).set(bearer(fin.token)).expect(409);
    const reversal = (await post(fin, `/api/v1/payments/${first.id}/reverse`, { reason: '客户退款' }).expect(201)).body;
    expect(reversal).toMatchObject({ kind: 'reversal', amount: '-4000.00', reversesId: first.id });
    expect((await get(fin, `/api/v1/payments/${first.id}`).expect(200)).body.reversedById).toBe(reversal.id);
    expect((await post(fin, `/api/v1/payments/${first.id}/reverse`).expect(409)).body.code).toBe('PAYMENT_ALREADY_REVERSED');
    p = await plan(c.id);
    expect(p.map((i) => [i.received, i.status])).toEqual([
      ['0.00', 'pending'],
      ['0.00', 'pending'],
      ['1500.00', 'partially_paid'],
    ]);
    const finance = (await get(fin, `/api/v1/contracts/${c.id}/finance`).expect(200)).body;
    expect(finance.receivable).toMatchObject({ amount: '10000.00', received: '1500.00', balance: '8500.00' });
    expect(finance.payments).toHaveLength(3);
    const audit = (await t.http.get('/api/v1/audit-logs').set(bearer(org.adminToken)).query({ entityType: 'payment', limit: 50 }).expect(200)).body.data as { entityId: string; action: string }[];
    expect(audit.filter((a) => a.entityId === first.id).map((a) => a.action).sort()).toEqual(['create', 'reverse']);
    expect(audit.filter((a) => a.entityId === reversal.id).map((a) => a.action)).toEqual(['reversal']);
  });

  it('never overshoots under 20 parallel payments on one contract: exactly the right number succeed, the rest 422', async () => {
    const c = await signed(rep1, account1, '1000.00');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(c.id, '70.00', { referenceNumber: `P-${i}` })));
    const codes = results.map((r) => r.status);
    expect(codes.filter((s) => s === 201)).toHaveLength(14);
    expect(codes.filter((s) => s === 422)).toHaveLength(6);
    for (const r of results.filter((x) => x.status === 422)) expect(r.body.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    const finance = (await get(fin, `/api/v1/contracts/${c.id}/finance`).expect(200)).body;
    expect(finance.receivable).toMatchObject({ received: '980.00', balance: '20.00' });
    expect((await plan(c.id))[0]).toMatchObject({ received: '980.00' });
  }, 60000);

  it('invoices: USCC and special-invoice fields, tax computed, the contract limit (also in parallel), void and red letter free it, titles kept', async () => {
    const c = await signed(rep1, account1, '10000.00');
    const title = { buyerTitle: '阿里巴巴（中国）有限公司', buyerTaxNo: '91330100799655058B' };
    const badCode = await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'vat_general', amount: '100', taxRate: '13', ...title, buyerTaxNo: '91330100799655058C' }).expect(400);
    expect(badCode.body.errors[0]).toMatchObject({ field: 'buyerTaxNo', code: 'INVOICE_TAX_NUMBER_INVALID' });
    const special = await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'vat_special', amount: '100', taxRate: '13', ...title }).expect(400);
    expect(special.body.errors[0]).toMatchObject({ field: 'buyerAddress', code: 'INVOICE_SPECIAL_FIELDS_REQUIRED' });
    expect((await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'vat_general', amount: '100', taxRate: '7', ...title }).expect(400)).body.errors[0].field).toBe('taxRate');
    const full = { ...title, buyerAddress: '杭州市余杭区文一西路969号', buyerPhone: '0571-85022088', buyerBank: '招商银行杭州分行', buyerAccount: '571905036310601' };
    const inv = (await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'vat_special', amount: '6000.00', taxRate: '13', ...full }).expect(201)).body;
    expect(inv).toMatchObject({ status: 'requested', amount: '6000.00', taxRate: '13', taxAmount: '690.27', netAmount: '5309.73' });
    expect(inv.number).toMatch(/^FP\d{6}-\d{5}$/);
    const over = await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'e_invoice', amount: '4000.01', taxRate: '6', ...title }).expect(422);
    expect(over.body).toMatchObject({ code: 'INVOICE_EXCEEDS_CONTRACT', params: { available: '4000.00' } });
    // ten at once for 1,000 each against 4,000 left: four pass
    const many = await Promise.all(Array.from({ length: 10 }, () => post(fin, '/api/v1/invoices', { contractId: c.id, type: 'e_invoice', amount: '1000.00', taxRate: '6', ...title })));
    expect(many.filter((r) => r.status === 201)).toHaveLength(4);
    expect(many.filter((r) => r.status === 422)).toHaveLength(6);
    // issued: never edited; red letter frees its amount
    const issued = (await post(fin, `/api/v1/invoices/${inv.id}/issue`, { issueDate: today }).expect(200)).body;
    expect(issued).toMatchObject({ status: 'issued', issueDate: today });
    expect((await t.http.patch(`/api/v1/invoices/${inv.id}`).set(bearer(fin.token)).send({}).expect(409)).body.code).toBe('INVOICE_ILLEGAL_TRANSITION');
    expect((await post(fin, `/api/v1/invoices/${inv.id}/issue`).expect(409)).body.allowed).toEqual(['void', 'red-letter']);
    await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'receipt', amount: '0.01', taxRate: '0', ...title }).expect(422);
    await post(fin, `/api/v1/invoices/${inv.id}/red-letter`, { reason: '开票信息有误' }).expect(201);
    const again = (await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'receipt', amount: '6000.00', taxRate: '0', ...title }).expect(201)).body;
    await post(fin, `/api/v1/invoices/${again.id}/void`).expect(200);
    expect((await get(fin, `/api/v1/contracts/${c.id}/finance`).expect(200)).body.receivable.invoiced).toBe('4000.00');
    expect((await get(fin, `/api/v1/accounts/${account1}/invoice-title`).expect(200)).body).toMatchObject({ buyerTitle: title.buyerTitle, buyerTaxNo: title.buyerTaxNo, buyerBank: '招商银行杭州分行' });
    const listed = (await get(fin, `/api/v1/invoices?contractId=${c.id}&status=void`).expect(200)).body;
    expect(listed.data.map((i: { id: string }) => i.id)).toEqual([again.id]);
  }, 60000);

  it('marks overdue installments once and gives their owner one reminder task; overdue and due-this-week lists', async () => {
    const c = await signed(rep2, account2, '3000.00');
    await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, {
      installments: [
        { dueDate: addDays(today, 2), amount: '1000.00' },
        { dueDate: addDays(today, 5), amount: '1000.00' },
        { dueDate: addDays(today, 40), amount: '1000.00' },
      ],
    }).expect(201);
    await pay(c.id, '400.00').expect(201);
    const jobs = t.app.get(JobsService);
    await Promise.all([jobs.runNow('payments.daily', { today: addDays(today, 3) }), jobs.runNow('payments.daily', { today: addDays(today, 3) })]);
    await jobs.runNow('payments.daily', { today: addDays(today, 4) });
    const p = await plan(c.id);
    expect(p.map((i) => i.status)).toEqual(['overdue', 'pending', 'pending']);
    expect(p[0].reminderTaskId).toBeTruthy();
    const tasks = (await get(rep2, '/api/v1/tasks?limit=50').expect(200)).body.data as { id: string; title: string }[];
    expect(tasks.filter((x) => x.title.includes(c.number))).toHaveLength(1);
    expect(tasks.find((x) => x.id === p[0].reminderTaskId)?.title).toContain('600.00 CNY');
    const week = (await get(fin, `/api/v1/payment-plans?contractId=${c.id}&dueDateFrom=${today}&dueDateTo=${addDays(today, 6)}`).expect(200)).body;
    expect(week.data.map((i: Installment) => i.dueDate)).toEqual([addDays(today, 2), addDays(today, 5)]);
    const overdue = (await get(fin, `/api/v1/payment-plans?contractId=${c.id}&status=overdue`).expect(200)).body;
    expect(overdue.total).toBe(1);
  });

  it('receivables and aging against hand-computed figures, USD converted at the sign date rate; scope 404/403', async () => {
    await post(fin, '/api/v1/exchange-rates', { currency: 'USD', rate: '7.1', effectiveDate: '2026-01-01' }).expect(201);
    await post(fin, '/api/v1/exchange-rates', { currency: 'USD', rate: '7.3', effectiveDate: '2026-06-01' }).expect(201);
    const acc = (await post(rep2, '/api/v1/accounts', { name: 'Acme Trading Ltd' }).expect(201)).body.id;
    const usd = await signed(rep2, acc, '1000.00', { currency: 'USD', signDate: '2026-03-15' });
    await post(fin, `/api/v1/contracts/${usd.id}/payment-plans`, {
      installments: [
        { dueDate: addDays(today, -100), amount: '100.00' },
        { dueDate: addDays(today, -45), amount: '200.00' },
        { dueDate: addDays(today, -10), amount: '300.00' },
        { dueDate: addDays(today, 20), amount: '400.00' },
      ],
    }).expect(201);
    await pay(usd.id, '150.00').expect(201); // 100 of the first, 50 of the second
    const cny = await signed(rep2, acc, '5000.00', { signDate: '2026-07-01' });
    await post(fin, `/api/v1/contracts/${cny.id}/payment-plans`, {
      installments: [
        { dueDate: addDays(today, -70), amount: '2000.00' },
        { dueDate: addDays(today, 5), amount: '3000.00' },
      ],
    }).expect(201);
    await post(fin, '/api/v1/invoices', { contractId: cny.id, type: 'vat_general', amount: '2000.00', taxRate: '6', buyerTitle: 'Acme Trading Ltd' }).expect(201);
    const res = (await get(fin, `/api/v1/receivables?accountId=${acc}`).expect(200)).body;
    const byId = new Map(res.data.map((r: { contractId: string }) => [r.contractId, r]));
    expect(byId.get(usd.id)).toMatchObject({
      currency: 'USD', amount: '1000.00', received: '150.00', balance: '850.00', overdueAmount: '450.00', daysOverdue: 45,
      nextDueDate: addDays(today, -45), baseCurrency: 'CNY', rate: '7.1', rateDate: '2026-01-01', baseAmount: '7100.00', baseBalance: '6035.00', baseOverdueAmount: '3195.00',
    });
    expect(byId.get(cny.id)).toMatchObject({ amount: '5000.00', received: '0.00', invoiced: '2000.00', balance: '5000.00', overdueAmount: '2000.00', daysOverdue: 70, baseBalance: '5000.00' });
    // aging (CNY): current 400 USD × 7.1 + 3000 = 5840; 0–30: 300 × 7.1 = 2130; 31–60: 150 × 7.1 = 1065; 61–90: 2000; 90+: 0
    expect(res.summary.aging).toEqual([
      { bucket: 'current', amount: '5840.00', count: 2 },
      { bucket: '0-30', amount: '2130.00', count: 1 },
      { bucket: '31-60', amount: '1065.00', count: 1 },
      { bucket: '61-90', amount: '2000.00', count: 1 },
      { bucket: '90+', amount: '0.00', count: 0 },
    ]);
    // received at the payment's own date (today: 7.3): 150 × 7.3 = 1095; the balance at the sign date's rate
    expect(res.summary).toMatchObject({ baseCurrency: 'CNY', totalAmount: '12100.00', totalReceived: '1095.00', totalBalance: '11035.00', totalOverdue: '5195.00' });
    expect(res.summary.byCurrency).toEqual([
      { currency: 'CNY', balance: '5000.00', overdue: '2000.00' },
      { currency: 'USD', balance: '850.00', overdue: '450.00' },
    ]);
    // a rate missing for a sign date: 422, never 1.0 (EUR has a rate from June only: signing today converts, March does not)
    await post(fin, '/api/v1/exchange-rates', { currency: 'EUR', rate: '7.8', effectiveDate: '2026-06-01' }).expect(201);
    const eur = await signed(rep2, acc, '10.00', { currency: 'EUR', signDate: '2026-03-15' });
    await post(fin, `/api/v1/contracts/${eur.id}/payment-plans`, { installments: [{ dueDate: today, amount: '10.00' }] }).expect(201);
    expect((await get(fin, `/api/v1/receivables?accountId=${acc}`).expect(422)).body.code).toBe('EXCHANGE_RATE_MISSING');
    // the contract's own tab still opens: its figures in EUR, no base amounts
    const eurTab = (await get(fin, `/api/v1/contracts/${eur.id}/finance`).expect(200)).body;
    expect(eurTab.receivable).toMatchObject({ currency: 'EUR', balance: '10.00', rate: null, baseBalance: null });
    expect((await get(fin, `/api/v1/contracts/${eur.id}/payment-plans`).expect(200)).body.data).toHaveLength(1);

    // scope: rep2 sees their own; rep1 gets 404 on rep2's records and none in lists; the east manager neither
    const rep2Payments = (await get(rep2, `/api/v1/payments?contractId=${usd.id}`).expect(200)).body;
    expect(rep2Payments.total).toBe(1);
    await get(rep1, `/api/v1/payments/${rep2Payments.data[0].id}`).expect(404);
    await get(rep1, `/api/v1/contracts/${usd.id}/finance`).expect(404);
    await get(manager, `/api/v1/contracts/${usd.id}/finance`).expect(404);
    expect((await get(rep1, `/api/v1/payments?contractId=${usd.id}`).expect(200)).body.total).toBe(0);
    expect((await get(rep1, `/api/v1/receivables?accountId=${acc}`).expect(200)).body.data).toEqual([]);
    const rep1Receivables = (await get(rep1, '/api/v1/receivables?limit=200').expect(200)).body.data as { ownerId: string }[];
    expect(rep1Receivables.length).toBeGreaterThan(0);
    expect(rep1Receivables.every((r) => r.ownerId === rep1.id)).toBe(true);
    const inv2 = (await get(fin, `/api/v1/invoices?contractId=${cny.id}`).expect(200)).body.data[0];
    await get(rep2, `/api/v1/invoices/${inv2.id}`).expect(200);
    await get(rep1, `/api/v1/invoices/${inv2.id}`).expect(404);
    const inst2 = (await get(rep2, `/api/v1/payment-plans?contractId=${cny.id}`).expect(200)).body.data[0];
    await get(rep1, `/api/v1/payment-plans/${inst2.id}`).expect(404);
    expect((await get(rep1, `/api/v1/payment-plans?contractId=${cny.id}`).expect(200)).body.total).toBe(0);
    await get(rep1, `/api/v1/accounts/${acc}/invoice-title`).expect(404);
    await get(rep2, `/api/v1/accounts/${acc}/invoice-title`).expect(200);
    // the manager of East sees the East rep's finance, not the South rep's
    expect((await get(manager, '/api/v1/receivables?limit=200').expect(200)).body.data.every((r: { ownerId: string }) => r.ownerId === rep1.id)).toBe(true);
    await post(rep2, `/api/v1/payments/${rep2Payments.data[0].id}/reverse`).expect(403);
    await post(rep2, '/api/v1/payments', { contractId: usd.id, amount: '1', receivedDate: today, method: 'cash' }).expect(403);
    await post(fin, `/api/v1/payments/${rep2Payments.data[0].id}/reverse`, { reason: 'x'.repeat(1001) }).expect(400);
  }, 60000);
});
