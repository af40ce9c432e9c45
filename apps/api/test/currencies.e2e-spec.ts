import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Rate = { id: string; currency: string; rate: string; effectiveDate: string; version: number; baseCurrency: string };

/**
 * Currencies and dated exchange rates: the base currency (CNY by default) and its rules, a rate applying
 * from its date until the next (hand-computed conversions), a missing rate as 422 with its code, 409 on a
 * duplicate (currency, date), 400 with field codes, CSV import all-or-nothing, finance writes and reps read.
 */
describe('currencies and exchange rates (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let finance: U;
  let rep: U;
  const fin = () => bearer(finance.token);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    finance = await createUser(t, org, { role: 'finance' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  const convert = (amount: string, currency: string, date: string, token = rep.token) =>
    t.http.get(`/api/v1/exchange-rates/convert?amount=${amount}&currency=${currency}&date=${date}`).set(bearer(token));

  it('lists ISO currencies with minor units; CNY is the base and cannot be disabled; only admins change the base', async () => {
    const list = (await t.http.get('/api/v1/currencies').set(bearer(rep.token)).expect(200)).body as {
      baseCurrency: string;
      data: { code: string; minorUnits: number; enabled: boolean; base: boolean; nameZh: string; version: number }[];
    };
    expect(list.baseCurrency).toBe('CNY');
    expect(list.data[0]).toMatchObject({ code: 'CNY', base: true, enabled: true, minorUnits: 2, nameZh: '人民币' });
    // the six the old shared list accepted are enabled from the start (migration 1765200000000); the rest are not
    expect(list.data.find((c) => c.code === 'JPY')).toMatchObject({ minorUnits: 0, enabled: true });
    expect(list.data.find((c) => c.code === 'KRW')).toMatchObject({ minorUnits: 0, enabled: false, version: 0 });
    expect(list.data.find((c) => c.code === 'KWD')!.minorUnits).toBe(3);
    expect(list.data.some((c) => c.code === 'XAU')).toBe(false);

    const cny = await t.http.patch('/api/v1/currencies/CNY').set(fin()).send({ enabled: false }).expect(409);
    expect(cny.body).toMatchObject({ code: 'CURRENCY_BASE_CANNOT_BE_DISABLED', errors: [{ field: 'enabled' }] });
    await t.http.patch('/api/v1/currencies/KRW').set(bearer(rep.token)).send({ enabled: true }).expect(403);
    const krw = (await t.http.patch('/api/v1/currencies/krw').set(fin()).send({ enabled: true, version: 0 }).expect(200)).body;
    expect(krw).toMatchObject({ code: 'KRW', enabled: true, base: false, version: 1 });
    await t.http.patch('/api/v1/currencies/KRW').set(fin()).set('If-Match', '0').send({ enabled: false }).expect(412);
    expect((await t.http.patch('/api/v1/currencies/ABC').set(fin()).send({ enabled: true }).expect(400)).body.code).toBe('CURRENCY_UNKNOWN');
    const enabled = (await t.http.get('/api/v1/currencies?enabled=true').set(bearer(rep.token)).expect(200)).body.data.map((c: { code: string }) => c.code);
    expect(enabled).toEqual(['CNY', 'EUR', 'GBP', 'HKD', 'JPY', 'KRW', 'USD']);

    // the base is the admin's (settings), not finance's
    await t.http.put('/api/v1/currencies/base').set(fin()).send({ code: 'USD' }).expect(403);
    expect((await t.http.put('/api/v1/currencies/base').set(admin).send({ code: 'ZZZ' }).expect(400)).body.code).toBe('CURRENCY_UNKNOWN');
  });

  it('a rate applies from its date until the next one; a missing rate is 422 with currency and date; the base converts at 1', async () => {
    const mk = async (currency: string, rate: string, effectiveDate: string) =>
      (await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency, rate, effectiveDate }).expect(201)).body as Rate;
    const jan = await mk('USD', '7.2', '2026-01-01');
    expect(jan).toMatchObject({ currency: 'USD', baseCurrency: 'CNY', rate: '7.2', effectiveDate: '2026-01-01', version: 1 });
    await mk('USD', '7.1234', '2026-02-01');

    const missing = await convert('1000.00', 'USD', '2025-12-31').expect(422);
    expect(missing.body).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', params: { currency: 'USD', date: '2025-12-31' } });
    expect(missing.body.detail).toContain('USD');
    // 1000 × 7.2 on its first day and the last day before the next rate
    expect((await convert('1000.00', 'USD', '2026-01-01').expect(200)).body).toMatchObject({ baseCurrency: 'CNY', baseAmount: '7200.00', rate: '7.2', rateDate: '2026-01-01' });
    expect((await convert('1000.00', 'USD', '2026-01-31').expect(200)).body.baseAmount).toBe('7200.00');
    // from Feb 1: 1000 × 7.1234 = 7123.40; 123.45 × 7.1234 = 879.38373 → 879.38; 0.07 × 7.1234 = 0.498638 → 0.50 (half-up)
    expect((await convert('1000.00', 'USD', '2026-02-01').expect(200)).body).toMatchObject({ baseAmount: '7123.40', rateDate: '2026-02-01' });
    expect((await convert('123.45', 'USD', '2026-06-30').expect(200)).body.baseAmount).toBe('879.38');
    expect((await convert('0.07', 'USD', '2026-06-30').expect(200)).body.baseAmount).toBe('0.50');
    // the base converts to itself at 1 exactly, with no rate at all
    expect((await convert('99.99', 'CNY', '1999-01-01').expect(200)).body).toMatchObject({ baseAmount: '99.99', rate: '1' });
    // a currency without any rate
    expect((await convert('1', 'EUR', '2026-06-30').expect(422)).body).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', params: { currency: 'EUR', date: '2026-06-30' } });

    // deleting February's rate: January's applies again
    const feb = (await t.http.get('/api/v1/exchange-rates?currency=USD&effectiveDateFrom=2026-02-01').set(bearer(rep.token)).expect(200)).body.data[0] as Rate;
    await t.http.delete(`/api/v1/exchange-rates/${feb.id}`).set(bearer(rep.token)).expect(403);
    await t.http.delete(`/api/v1/exchange-rates/${feb.id}`).set(fin()).expect(204);
    expect((await convert('1000.00', 'USD', '2026-03-01').expect(200)).body.baseAmount).toBe('7200.00');
    await mk('USD', '7.1234', '2026-02-01');
  });

  it('refuses duplicates (409), bad input (400 with field codes), rates of the base, stale versions (412) and reps writing (403)', async () => {
    const dup = await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'usd', rate: '7.3', effectiveDate: '2026-01-01' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'effectiveDate', code: 'already_exists' }] });
    const bad = await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'US', rate: '0', effectiveDate: '2026-13-01' }).expect(400);
    const byField = Object.fromEntries((bad.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]));
    expect(byField).toEqual({ currency: 'invalid_format', rate: 'invalid_format', effectiveDate: 'invalid_date' });
    expect((await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'USD', rate: '1.12345678901', effectiveDate: '2026-05-01' }).expect(400)).body.errors[0]).toMatchObject({ field: 'rate' });
    const base = await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'CNY', rate: '1', effectiveDate: '2026-01-01' }).expect(400);
    expect(base.body).toMatchObject({ code: 'EXCHANGE_RATE_BASE_CURRENCY', errors: [{ field: 'currency' }] });
    expect((await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'ABC', rate: '1', effectiveDate: '2026-01-01' }).expect(400)).body.code).toBe('CURRENCY_UNKNOWN');
    await t.http.post('/api/v1/exchange-rates').set(bearer(rep.token)).send({ currency: 'USD', rate: '7', effectiveDate: '2026-03-01' }).expect(403);

    const r = (await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'USD', rate: 7.05, effectiveDate: '2026-03-01' }).expect(201)).body as Rate;
    expect(r.rate).toBe('7.05');
    await t.http.patch(`/api/v1/exchange-rates/${r.id}`).set(bearer(rep.token)).send({ rate: '7' }).expect(403);
    await t.http.patch(`/api/v1/exchange-rates/${r.id}`).set(fin()).set('If-Match', '1').send({ rate: '7.06' }).expect(200);
    await t.http.patch(`/api/v1/exchange-rates/${r.id}`).set(fin()).set('If-Match', '1').send({ rate: '7.07' }).expect(412);
    // moving it onto a taken date
    expect((await t.http.patch(`/api/v1/exchange-rates/${r.id}`).set(fin()).send({ effectiveDate: '2026-02-01' }).expect(409)).body.code).toBe('DUPLICATE');
    expect((await convert('100', 'USD', '2026-03-02').expect(200)).body.baseAmount).toBe('706.00');
  });

  it('lists with currency and date filters in keyset pages, newest date first', async () => {
    const all = (await t.http.get('/api/v1/exchange-rates?currency=USD').set(bearer(rep.token)).expect(200)).body;
    expect(all.data.map((r: Rate) => r.effectiveDate)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
    const p1 = (await t.http.get('/api/v1/exchange-rates?currency=USD&limit=2').set(bearer(rep.token)).expect(200)).body;
    const p2 = (await t.http.get(`/api/v1/exchange-rates?currency=USD&limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`).set(bearer(rep.token)).expect(200)).body;
    expect([...p1.data, ...p2.data].map((r: Rate) => r.effectiveDate)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
    expect(p2.nextCursor).toBeNull();
    const range = (await t.http.get('/api/v1/exchange-rates?effectiveDateFrom=2026-01-15&effectiveDateTo=2026-02-28').set(bearer(rep.token)).expect(200)).body;
    expect(range.data.map((r: Rate) => `${r.currency} ${r.effectiveDate}`)).toEqual(['USD 2026-02-01']);
    await t.http.get('/api/v1/exchange-rates?currency=USD&bogus=1').set(bearer(rep.token)).expect(400);
  });

  it('imports rates from CSV all or nothing, with per-row errors by line', async () => {
    const count = async () => (await t.http.get('/api/v1/exchange-rates?limit=200').set(fin()).expect(200)).body.total as number;
    const before = await count();
    const bad = ['currency,date,rate', 'EUR,2026-01-01,7.9860', 'EUR,2026-13-01,8.1', 'ABC,2026-01-01,1', 'HKD,2026-01-01,-0.9', 'CNY,2026-01-01,1', 'EUR,2026-01-01,8.0', 'USD,2026-01-01,7.3'].join('\n');
    const res = await t.http.post('/api/v1/exchange-rates/import').set(fin()).set('Content-Type', 'text/csv').send(bad).expect(400);
    expect(res.body.code).toBe('EXCHANGE_RATE_IMPORT_INVALID');
    const rows = (res.body.errors as { field: string; code: string; params: { line: number } }[]).map((e) => `${e.params.line} ${e.field} ${e.code}`);
    expect(rows).toEqual(['3 date invalid_date', '4 currency CURRENCY_UNKNOWN', '5 rate invalid_format', '6 currency EXCHANGE_RATE_BASE_CURRENCY', '7 date duplicate_in_file']);
    expect(await count()).toBe(before);
    // a file whose rows are fine but one clashes with a stored rate: still nothing written
    const clash = await t.http.post('/api/v1/exchange-rates/import').set(fin()).set('Content-Type', 'text/csv').send('currency,date,rate\nEUR,2026-01-01,7.9860\nUSD,2026-01-01,7.3\n').expect(400);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'date', code: 'already_exists', params: expect.objectContaining({ line: 3 }) })]);
    expect(await count()).toBe(before);
    // Chinese headers, a BOM, as a multipart file
    const good = '\ufeff币种,日期,汇率\nEUR,2026-01-01,7.9860\neur,2026-07-01,8.1530\nHKD,2026-01-01,0.9362\n';
    await t.http.post('/api/v1/exchange-rates/import').set(bearer(rep.token)).set('Content-Type', 'text/csv').send(good).expect(403);
    expect((await t.http.post('/api/v1/exchange-rates/import').set(fin()).attach('file', Buffer.from(good), 'rates.csv').expect(201)).body).toEqual({ imported: 3 });
    expect(await count()).toBe(before + 3);
    // 100 HKD on 2026-08-01: 100 × 0.9362 = 93.62; 100 EUR on 2026-08-01: 815.30
    expect((await convert('100', 'HKD', '2026-08-01').expect(200)).body.baseAmount).toBe('93.62');
    expect((await convert('100', 'EUR', '2026-08-01').expect(200)).body.baseAmount).toBe('815.30');
    // wrong columns, wrong media type, too large
    expect((await t.http.post('/api/v1/exchange-rates/import').set(fin()).set('Content-Type', 'text/csv').send('code,day\nEUR,2026-01-01\n').expect(400)).body.code).toBe('EXCHANGE_RATE_IMPORT_COLUMNS');
    await t.http.post('/api/v1/exchange-rates/import').set(fin()).set('Content-Type', 'application/xml').send('<rates/>').expect(415);
    const huge = 'currency,date,rate\n' + 'EUR,2026-01-01,7.9860\n'.repeat(60_000);
    expect((await t.http.post('/api/v1/exchange-rates/import').set(fin()).set('Content-Type', 'text/csv').send(huge).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await t.http.post('/api/v1/exchange-rates/import').set(fin()).attach('file', Buffer.from(huge), 'rates.csv').expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('the opportunity board adds a base-currency total at each close date rate, listing missing rates instead of failing', async () => {
    const account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '汇率测试客户' }).expect(201)).body.id as string;
    const p = (await t.http.post('/api/v1/pipelines').set(admin).send({ nameZh: '多币种', nameEn: 'Multi-currency' }).expect(201)).body as { id: string; stages: { id: string; probability: number }[] };
    const s1 = p.stages[0];
    const mkOpp = (amount: string, currency: string, expectedCloseDate: string) =>
      t.http.post('/api/v1/opportunities').set(bearer(rep.token)).send({ name: `${currency} ${amount}`, accountId: account, pipelineId: p.id, stageId: s1.id, amount, currency, expectedCloseDate, probability: 10 }).expect(201);
    await mkOpp('1000.00', 'CNY', '2026-01-15');
    await mkOpp('100.00', 'USD', '2026-01-20'); // USD rate of 2026-01-01: 7.2 → 720.00; weighted 10.00 × 7.2 = 72.00
    await mkOpp('100.00', 'USD', '2026-02-20'); // 2026-02-01: 7.1234 → 712.34; weighted 71.23
    await mkOpp('50.00', 'EUR', '2025-06-30'); // no EUR rate that early
    const res = (await t.http.get(`/api/v1/opportunities/summary?pipelineId=${p.id}`).set(bearer(rep.token)).expect(200)).body;
    // 1000.00 + 720.00 + 712.34 = 2432.34; weighted 100.00 + 72.00 + 71.23 = 243.23
    expect(res.base).toEqual({ currency: 'CNY', count: 3, amount: '2432.34', weighted: '243.23', unconverted: 1 });
    expect(res.stages[0].base).toEqual(res.base);
    expect(res.stages[0].totals).toEqual([
      { currency: 'CNY', count: 1, amount: '1000.00', weighted: '100.00' },
      { currency: 'EUR', count: 1, amount: '50.00', weighted: '5.00' },
      { currency: 'USD', count: 2, amount: '200.00', weighted: '20.00' },
    ]);
    expect(res.missingRates).toEqual([{ currency: 'EUR', date: '2025-06-30' }]);
    // finance adds the missing rate: 50 × 7.9 = 395.00; weighted 5 × 7.9 = 39.50
    await t.http.post('/api/v1/exchange-rates').set(fin()).send({ currency: 'EUR', rate: '7.9', effectiveDate: '2025-01-01' }).expect(201);
    const after = (await t.http.get(`/api/v1/opportunities/summary?pipelineId=${p.id}`).set(bearer(rep.token)).expect(200)).body;
    expect(after.base).toEqual({ currency: 'CNY', count: 4, amount: '2827.34', weighted: '282.73', unconverted: 0 });
    expect(after.missingRates).toEqual([]);
  });

  it('an admin changes the base: rates entered against the old base no longer apply, and CNY becomes an ordinary currency', async () => {
    const list = (await t.http.put('/api/v1/currencies/base').set(admin).send({ code: 'usd' }).expect(200)).body;
    expect(list.baseCurrency).toBe('USD');
    expect(list.data.filter((c: { base: boolean }) => c.base).map((c: { code: string }) => c.code)).toEqual(['USD']);
    expect((await t.http.get('/api/v1/exchange-rates').set(fin()).expect(200)).body.total).toBe(0);
    expect((await convert('100', 'CNY', '2026-08-01').expect(422)).body).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', params: { currency: 'CNY' } });
    expect((await convert('100', 'USD', '2026-08-01').expect(200)).body.baseAmount).toBe('100.00');
    // parallel base changes leave exactly one base
    await Promise.all(['CNY', 'EUR', 'CNY', 'HKD', 'CNY'].map((code) => t.http.put('/api/v1/currencies/base').set(admin).send({ code })));
    const bases = (await t.http.get('/api/v1/currencies').set(admin).expect(200)).body.data.filter((c: { base: boolean }) => c.base);
    expect(bases).toHaveLength(1);
    await t.http.put('/api/v1/currencies/base').set(admin).send({ code: 'CNY' }).expect(200);
    expect((await convert('1000.00', 'USD', '2026-01-01').expect(200)).body.baseAmount).toBe('7200.00');
  });
});
