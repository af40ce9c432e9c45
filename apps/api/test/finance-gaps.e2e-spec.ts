import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { addDays } from '@modules/payments/payment-terms';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };

/**
 * Finance, the second round (issue 14): each payment converted at its received date's rate and each invoice at
 * its issue date's (hand-computed in USD and EUR over two rate dates; a missing rate 422), red-letter invoices
 * as records of their own (once, also in parallel; issued invoices only; both audited), currency minor units
 * (JPY 0, KWD 3, CNY 2 decimals: 400 AMOUNT_TOO_PRECISE; plans split to the minor unit), a contract transfer
 * moving its installments and open reminders at once, and one currency check for every module (a disabled
 * currency is 422 CURRENCY_NOT_ENABLED on create).
 */
describe('finance gaps (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let fin: U;
  let manager: U;
  let rep1: U;
  let rep1b: U;
  let rep2: U;
  let account1: string;
  let today: string;
  const admin = () => bearer(org.adminToken);

  const post = (who: U | 'admin', path: string, body?: object) =>
    t.http.post(path).set(who === 'admin' ? admin() : bearer(who.token)).send(body ?? {});
  const get = (who: U | 'admin', path: string) => t.http.get(path).set(who === 'admin' ? admin() : bearer(who.token));
  const signed = async (who: U, accountId: string, amount: string, extra: Record<string, unknown> = {}) => {
    const c = (await post(who, '/api/v1/contracts', { accountId, title: '服务合同', amount, ...extra }).expect(201)).body;
    await post(who, `/api/v1/contracts/${c.id}/submit`).expect(200);
    return c as { id: string; number: string };
  };
  const pay = (contractId: string, amount: string, receivedDate: string, extra: Record<string, unknown> = {}) =>
    post(fin, '/api/v1/payments', { contractId, amount, receivedDate, method: 'bank_transfer', ...extra });
  const rate = (currency: string, value: string, effectiveDate: string) =>
    post(fin, '/api/v1/exchange-rates', { currency, rate: value, effectiveDate }).expect(201);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    const cfg = t.app.get<AppConfig>(APP_CONFIG);
    today = new Intl.DateTimeFormat('en-CA', { timeZone: cfg.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    fin = await createUser(t, org, { role: 'finance', name: 'Finance' });
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    await t.http.patch(`/api/v1/departments/${org.depts.east}`).set(admin()).send({ managerId: manager.id }).expect(200);
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep1b = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One B' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Two' });
    account1 = (await post(rep1, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('converts each payment at its received date and each invoice at its issue date; totals per record date; a missing rate 422', async () => {
    await rate('USD', '7.1', '2026-01-01');
    await rate('USD', '7.3', '2026-06-01');
    await rate('EUR', '7.8', '2026-01-01');
    await rate('EUR', '8.0', '2026-06-01');
    const acc = (await post(rep1, '/api/v1/accounts', { name: 'Pacific Cloud Systems Ltd' }).expect(201)).body.id;
    const usd = await signed(rep1, acc, '1000.00', { currency: 'USD', signDate: '2026-03-15' });
    const eur = await signed(rep1, acc, '500.00', { currency: 'EUR', signDate: '2026-02-01' });

    // USD: 200 on 2026-03-20 at 7.1 = 1,420.00; 300 on 2026-07-01 at 7.3 = 2,190.00
    const p1 = (await pay(usd.id, '200.00', '2026-03-20').expect(201)).body;
    expect(p1).toMatchObject({ amount: '200.00', currency: 'USD', baseCurrency: 'CNY', baseAmount: '1420.00', rate: '7.1', rateDate: '2026-01-01' });
    const p2 = (await pay(usd.id, '300.00', '2026-07-01').expect(201)).body;
    expect(p2).toMatchObject({ baseAmount: '2190.00', rate: '7.3', rateDate: '2026-06-01' });
    // EUR: 100 on 2026-02-10 at 7.8 = 780.00
    await pay(eur.id, '100.00', '2026-02-10').expect(201);
    // before any USD rate: 422, nothing written
    const missing = await pay(usd.id, '1.00', '2025-12-31').expect(422);
    expect(missing.body).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', params: { currency: 'USD', date: '2025-12-31' } });

    const listed = (await get(fin, `/api/v1/payments?contractId=${usd.id}`).expect(200)).body.data as { id: string; baseAmount: string }[];
    expect(listed.map((p) => p.baseAmount).sort()).toEqual(['1420.00', '2190.00']);
    expect((await get(fin, `/api/v1/payments/${p1.id}`).expect(200)).body.baseAmount).toBe('1420.00');

    // EUR invoice of 500: requested (its request date's rate, today: 8.0), issued 2026-06-15 at 8.0 = 4,000.00
    const inv = (await post(fin, '/api/v1/invoices', { contractId: eur.id, type: 'vat_general', amount: '500.00', taxRate: '6', buyerTitle: 'Pacific Cloud Systems Ltd' }).expect(201)).body;
    expect(inv).toMatchObject({ amount: '500.00', baseAmount: '4000.00', rate: '8', baseCurrency: 'CNY' });
    // an issue date without a rate: 422, still requested
    expect((await post(fin, `/api/v1/invoices/${inv.id}/issue`, { issueDate: '2025-12-01' }).expect(422)).body.code).toBe('EXCHANGE_RATE_MISSING');
    expect((await get(fin, `/api/v1/invoices/${inv.id}`).expect(200)).body.status).toBe('requested');
    const issued = (await post(fin, `/api/v1/invoices/${inv.id}/issue`, { issueDate: '2026-01-15' }).expect(200)).body;
    // issued 2026-01-15: the January rate 7.8 → 3,900.00
    expect(issued).toMatchObject({ issueDate: '2026-01-15', baseAmount: '3900.00', rate: '7.8', rateDate: '2026-01-01' });
    expect((await get(fin, `/api/v1/invoices?contractId=${eur.id}`).expect(200)).body.data[0].baseAmount).toBe('3900.00');

    const res = (await get(fin, `/api/v1/receivables?accountId=${acc}`).expect(200)).body;
    const byId = new Map(res.data.map((r: { contractId: string }) => [r.contractId, r]));
    // the contract and its balance at the sign date's rate; what came in at each payment's own date
    expect(byId.get(usd.id)).toMatchObject({ amount: '1000.00', received: '500.00', balance: '500.00', rate: '7.1', baseAmount: '7100.00', baseBalance: '3550.00', baseReceived: '3610.00' });
    expect(byId.get(eur.id)).toMatchObject({ amount: '500.00', received: '100.00', invoiced: '500.00', rate: '7.8', baseAmount: '3900.00', baseBalance: '3120.00', baseReceived: '780.00' });
    // 7,100 + 3,900 = 11,000; received 1,420 + 2,190 + 780 = 4,390; invoiced 3,900; open 3,550 + 3,120 = 6,670
    expect(res.summary).toMatchObject({ baseCurrency: 'CNY', totalAmount: '11000.00', totalReceived: '4390.00', totalInvoiced: '3900.00', totalBalance: '6670.00' });

    // a reversal converts at its own date: −300 on 2026-07-02 at 7.3 = −2,190.00
    const rev = (await post(fin, `/api/v1/payments/${p2.id}/reverse`, { receivedDate: '2026-07-02', reason: '退款' }).expect(201)).body;
    expect(rev).toMatchObject({ amount: '-300.00', baseAmount: '-2190.00' });
    expect((await get(fin, `/api/v1/receivables?accountId=${acc}`).expect(200)).body.summary.totalReceived).toBe('2200.00');

    // the finance exports: the same filters (a day range may come as the browser's instants), base figures beside the originals
    const csv = await t.http
      .get(`/api/v1/payments/export?contractId=${usd.id}&kind=payment&receivedDateFrom=2026-03-19T16:00:00.000Z&receivedDateTo=2026-03-31T15:59:59.999Z&lang=en-US`)
      .set(bearer(fin.token))
      .expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toContain('Base amount');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('1420.00');
    const invCsv = await t.http.get(`/api/v1/invoices/export?contractId=${eur.id}&lang=zh-CN`).set(bearer(fin.token)).expect(200);
    expect(invCsv.text).toContain('本位币金额');
    expect(invCsv.text).toContain('3900.00');
    await t.http.get('/api/v1/payments/export').set(bearer(rep1.token)).expect(403);
  }, 60000);

  it('red-letters an issued invoice with a negative invoice of its own, once (also in parallel), audited on both', async () => {
    const c = await signed(rep1, account1, '10000.00');
    const title = { buyerTitle: '上海云启科技有限公司' };
    const inv = (await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'vat_general', amount: '3000.00', taxRate: '13', ...title }).expect(201)).body;
    // only an issued invoice is red-lettered
    expect((await post(fin, `/api/v1/invoices/${inv.id}/red-letter`).expect(409)).body).toMatchObject({ code: 'INVOICE_ILLEGAL_TRANSITION', allowed: ['issue', 'void'] });
    await post(fin, `/api/v1/invoices/${inv.id}/issue`, { issueDate: today }).expect(200);
    const tries = await Promise.all(Array.from({ length: 5 }, () => post(fin, `/api/v1/invoices/${inv.id}/red-letter`, { reason: '开票信息有误' })));
    expect(tries.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of tries.filter((x) => x.status === 409)) expect(r.body.code).toBe('INVOICE_ALREADY_REVERSED');
    const red = tries.find((r) => r.status === 201)!.body;
    expect(red).toMatchObject({
      kind: 'red_letter', status: 'issued', amount: '-3000.00', taxAmount: '-345.13', netAmount: '-2654.87', reversesInvoiceId: inv.id,
      linkedInvoiceNumber: inv.number, issueDate: today, baseAmount: '-3000.00', contractId: c.id,
    });
    expect(red.number).toMatch(/^FP\d{6}-\d{5}$/);
    expect(red.number).not.toBe(inv.number);
    const original = (await get(fin, `/api/v1/invoices/${inv.id}`).expect(200)).body;
    expect(original).toMatchObject({ kind: 'invoice', status: 'red_letter', reversedByInvoiceId: red.id, linkedInvoiceNumber: red.number, amount: '3000.00' });
    // the red-letter invoice itself: never reversed, voided or edited
    expect((await post(fin, `/api/v1/invoices/${red.id}/red-letter`).expect(409)).body.code).toBe('INVOICE_ALREADY_REVERSED');
    expect((await post(fin, `/api/v1/invoices/${red.id}/void`).expect(409)).body.code).toBe('INVOICE_ILLEGAL_TRANSITION');
    // the amount is free again: the whole contract can be invoiced
    expect((await get(fin, `/api/v1/contracts/${c.id}/finance`).expect(200)).body.receivable.invoiced).toBe('0.00');
    await post(fin, '/api/v1/invoices', { contractId: c.id, type: 'receipt', amount: '10000.00', taxRate: '0', ...title }).expect(201);
    const pair = (await get(fin, `/api/v1/invoices?contractId=${c.id}&kind=red_letter`).expect(200)).body;
    expect(pair.data.map((i: { id: string }) => i.id)).toEqual([red.id]);
    const audit = (await t.http.get('/api/v1/audit-logs').set(admin()).query({ entityType: 'invoice', limit: 100 }).expect(200)).body.data as { entityId: string; action: string; changes: { field: string; new: unknown }[] }[];
    expect(audit.filter((a) => a.entityId === inv.id).map((a) => a.action).sort()).toEqual(['create', 'issue', 'red_letter']);
    const redLetterEntry = audit.find((a) => a.entityId === inv.id && a.action === 'red_letter')!;
    expect(redLetterEntry.changes.find((x) => x.field === 'reversedByInvoiceId')?.new).toBe(red.id);
    const created = audit.find((a) => a.entityId === red.id)!;
    expect(created.action).toBe('create');
    expect(created.changes.find((x) => x.field === 'reversesInvoiceId')?.new).toBe(inv.id);
    // out of scope: 404, never the pair
    await post(rep2, `/api/v1/invoices/${inv.id}/red-letter`).expect(403);
    await get(rep2, `/api/v1/invoices/${red.id}`).expect(404);
  }, 60000);

  it('keeps each currency to its minor unit: JPY 0, KWD 3, CNY 2 decimals (400 AMOUNT_TOO_PRECISE), plans split to the minor unit', async () => {
    await t.http.patch('/api/v1/currencies/KWD').set(admin()).send({ enabled: true }).expect(200);
    await rate('JPY', '0.048', '2026-01-01');
    await rate('KWD', '23.5', '2026-01-01');
    const jpy = await signed(rep1, account1, '100000.00', { currency: 'JPY', signDate: '2026-02-01' });
    const tooFine = await pay(jpy.id, '100.5', '2026-02-02').expect(400);
    expect(tooFine.body.errors[0]).toMatchObject({ field: 'amount', code: 'AMOUNT_TOO_PRECISE', params: { currency: 'JPY', minorUnits: 0 } });
    const yen = (await pay(jpy.id, '1000', '2026-02-02').expect(201)).body;
    // 1,000 JPY × 0.048 = 48.00 CNY
    expect(yen).toMatchObject({ amount: '1000', currency: 'JPY', baseAmount: '48.00' });
    const jpyPlan = (await get(fin, `/api/v1/contracts/${jpy.id}/payment-plans`).expect(200)).body.data;
    expect(jpyPlan.map((i: { amount: string; received: string }) => [i.amount, i.received])).toEqual([['100000', '1000']]);

    const kwd = await signed(rep1, account1, '1000.00', { currency: 'KWD', signDate: '2026-02-01' });
    const split = (await post(fin, `/api/v1/contracts/${kwd.id}/payment-plans`, {
      installments: [
        { dueDate: '2027-01-01', percent: '33.3333' },
        { dueDate: '2027-02-01', percent: '33.3333' },
        { dueDate: '2027-03-01', percent: '33.3334' },
      ],
    }).expect(201)).body.data;
    expect(split.map((i: { amount: string }) => i.amount)).toEqual(['333.333', '333.333', '333.334']);
    const fils = (await pay(kwd.id, '1.234', '2026-02-02').expect(201)).body;
    // 1.234 KWD × 23.5 = 28.999 → 29.00 CNY
    expect(fils).toMatchObject({ amount: '1.234', baseAmount: '29.00', allocations: [{ amount: '1.234' }] });
    await pay(kwd.id, '1.2345', '2026-02-02').expect(400);
    const kInv = (await post(fin, '/api/v1/invoices', { contractId: kwd.id, type: 'receipt', amount: '100.005', taxRate: '6', buyerTitle: 'Gulf Trading' }).expect(201)).body;
    // tax = 100.005 × 6 / 106 = 5.66066 → 5.661; net 94.344
    expect(kInv).toMatchObject({ amount: '100.005', taxAmount: '5.661', netAmount: '94.344' });
    expect((await get(fin, `/api/v1/contracts/${kwd.id}/finance`).expect(200)).body.receivable).toMatchObject({ received: '1.234', balance: '998.766', invoiced: '100.005' });

    const cny = await signed(rep1, account1, '100.00');
    expect((await pay(cny.id, '1.234', today).expect(400)).body.errors[0]).toMatchObject({ field: 'amount', code: 'AMOUNT_TOO_PRECISE', params: { minorUnits: 2 } });
    const plan = await post(fin, `/api/v1/contracts/${cny.id}/payment-plans`, { installments: [{ dueDate: '2027-01-01', amount: '99.999' }, { dueDate: '2027-02-01', amount: '0.001' }] }).expect(400);
    expect(plan.body.errors[0]).toMatchObject({ field: 'installments[0].amount', code: 'AMOUNT_TOO_PRECISE' });
    expect((await post(fin, '/api/v1/invoices', { contractId: cny.id, type: 'receipt', amount: '1.005', taxRate: '0', buyerTitle: 'x' }).expect(400)).body.errors[0]).toMatchObject({ field: 'amount', code: 'AMOUNT_TOO_PRECISE' });
  }, 60000);

  it("moves a contract's open installments and their reminders to the new owner at once when it changes hands", async () => {
    const c = await signed(rep1, account1, '3000.00');
    await post(fin, `/api/v1/contracts/${c.id}/payment-plans`, {
      installments: [
        { dueDate: addDays(today, 1), amount: '1000.00' },
        { dueDate: addDays(today, 5), amount: '1000.00' },
        { dueDate: addDays(today, 30), amount: '1000.00' },
      ],
    }).expect(201);
    await pay(c.id, '1000.00', today).expect(201); // the first is paid: it stays as it was
    const jobs = t.app.get(JobsService);
    await jobs.runNow('payments.daily', { today: addDays(today, 3) });
    let plan = (await get(fin, `/api/v1/contracts/${c.id}/payment-plans`).expect(200)).body.data as { ownerId: string; status: string; reminderTaskId: string | null }[];
    expect(plan.map((i) => i.status)).toEqual(['paid', 'pending', 'pending']);
    await jobs.runNow('payments.daily', { today: addDays(today, 6) });
    plan = (await get(fin, `/api/v1/contracts/${c.id}/payment-plans`).expect(200)).body.data;
    const reminder = plan[1].reminderTaskId!;
    expect(reminder).toBeTruthy();
    expect((await get(rep1, `/api/v1/tasks/${reminder}`).expect(200)).body.assigneeId).toBe(rep1.id);

    // a rep cannot give it to someone outside their scope; the manager hands it over
    expect((await post(rep1, `/api/v1/contracts/${c.id}/transfer`, { ownerId: rep2.id }).expect(403)).body.code).toBe('OWNER_OUT_OF_SCOPE');
    const moved = (await post(manager, `/api/v1/contracts/${c.id}/transfer`, { ownerId: rep1b.id, reason: '交接' }).expect(200)).body;
    expect(moved).toMatchObject({ ownerId: rep1b.id, status: 'active' });
    plan = (await get(fin, `/api/v1/contracts/${c.id}/payment-plans`).expect(200)).body.data;
    expect(plan.map((i) => i.ownerId)).toEqual([rep1.id, rep1b.id, rep1b.id]);
    // the open reminder is the new owner's now; the old owner no longer sees it
    expect((await get(rep1b, `/api/v1/tasks/${reminder}`).expect(200)).body.assigneeId).toBe(rep1b.id);
    await get(rep1, `/api/v1/tasks/${reminder}`).expect(404);
    // the receivable, payments and the next reminder follow too
    expect((await get(rep1b, `/api/v1/contracts/${c.id}/finance`).expect(200)).body.receivable.ownerId).toBe(rep1b.id);
    await get(rep1, `/api/v1/contracts/${c.id}/finance`).expect(404);
    await jobs.runNow('payments.daily', { today: addDays(today, 31) });
    plan = (await get(fin, `/api/v1/contracts/${c.id}/payment-plans`).expect(200)).body.data;
    expect((await get(rep1b, `/api/v1/tasks/${plan[2].reminderTaskId}`).expect(200)).body.assigneeId).toBe(rep1b.id);
    const history = (await t.http.get('/api/v1/audit-logs').set(admin()).query({ entityType: 'contract', entityId: c.id, limit: 50 }).expect(200)).body.data as { action: string }[];
    expect(history.map((h) => h.action)).toContain('assign');
  }, 60000);

  it('checks currencies in one place: a disabled currency is 422 CURRENCY_NOT_ENABLED on create in every module', async () => {
    await t.http.patch('/api/v1/currencies/GBP').set(admin()).send({ enabled: false }).expect(200);
    const refused = [
      await post(rep1, '/api/v1/contracts', { accountId: account1, title: 'x', amount: '1.00', currency: 'GBP' }),
      await post(rep1, '/api/v1/quotes', { accountId: account1, currency: 'GBP', lines: [{ name: '实施服务', quantity: '1', unitPrice: '10', taxRate: '6' }] }),
      await post(rep1, '/api/v1/opportunities', { name: '商机', accountId: account1, currency: 'GBP' }),
      await post('admin', '/api/v1/campaigns', { name: '活动', type: 'event', startDate: '2026-09-01', currency: 'GBP' }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'CURRENCY_NOT_ENABLED', errors: [{ field: 'currency', code: 'CURRENCY_NOT_ENABLED', params: { currency: 'GBP' } }] });
    }
    // enabled again: accepted everywhere (and a code that is not ISO 4217 stays a 400 of the DTO)
    await t.http.patch('/api/v1/currencies/GBP').set(admin()).send({ enabled: true }).expect(200);
    await post(rep1, '/api/v1/opportunities', { name: '商机', accountId: account1, currency: 'gbp' }).expect(201);
    expect((await post(rep1, '/api/v1/contracts', { accountId: account1, title: 'x', amount: '1.00', currency: 'XXY' }).expect(400)).body.errors[0].field).toBe('currency');
    // a currency never enabled (SGD) is refused too
    expect((await post(rep1, '/api/v1/contracts', { accountId: account1, title: 'x', amount: '1.00', currency: 'SGD' }).expect(422)).body.code).toBe('CURRENCY_NOT_ENABLED');
  }, 60000);
});
