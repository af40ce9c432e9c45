import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Lines = {
  opportunityId: string;
  currency: string;
  amount: string;
  hasLines: boolean;
  version: number;
  lines: { position: number; productId: string; name: string; unit: string; quantity: string; unitPrice: string; discountPercent: string; amount: string }[];
};

/**
 * Opportunity line items: products copied onto lines, exact totals (hand-computed), the amount following
 * them and read-only meanwhile, the line currency, 412 on a stale version, scope (404 for another rep),
 * and the change in the audit trail and timeline.
 */
describe('opportunity line items (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let rep: U;
  let otherRep: U;
  let opp: { id: string; version: number };
  const p: Record<string, string> = {};
  const lines = (id: string, who: U) => t.http.get(`/api/v1/opportunities/${id}/lines`).set(bearer(who.token));
  const put = (id: string, who: U, body: object, version?: number) => {
    const req = t.http.put(`/api/v1/opportunities/${id}/lines`).set(bearer(who.token));
    if (version !== undefined) req.set('If-Match', String(version));
    return req.send(body);
  };

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    otherRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    const mkProduct = async (key: string, body: object) => {
      p[key] = (await t.http.post('/api/v1/products').set(admin).send(body).expect(201)).body.id;
    };
    await mkProduct('std', { sku: 'STD', name: '客源CRM 标准版（年）', unit: '套', listPrice: '19800.00', priceTiers: [{ minQuantity: '5', unitPrice: '18800.00' }] });
    await mkProduct('impl', { sku: 'IMPL', name: '实施服务', unit: '人天', listPrice: '2500.00' });
    await mkProduct('usd', { sku: 'USD-1', name: 'Export licence', listPrice: '100.00', currency: 'USD' });
    await mkProduct('old', { sku: 'OLD', name: '停售产品', listPrice: '1.00', active: false });
    const account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '明细测试客户' }).expect(201)).body.id;
    opp = (await t.http.post('/api/v1/opportunities').set(bearer(rep.token)).send({ name: '明细商机', accountId: account, amount: '1000.00', currency: 'CNY' }).expect(201)).body;
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('copies products onto lines, computes exact totals, and the amount follows them', async () => {
    const empty = (await lines(opp.id, rep).expect(200)).body as Lines;
    expect(empty).toMatchObject({ amount: '1000.00', hasLines: false, lines: [], version: opp.version });
    const res = await put(opp.id, rep, {
      lines: [
        { productId: p.std, quantity: '3', discountPercent: '5' }, // 3 × 19800 × 0.95 = 56430.00
        { productId: p.impl, quantity: 1.5, unitPrice: '2400' }, // 1.5 × 2400 = 3600.00
        { productId: p.impl, quantity: '3', unitPrice: '33.333' }, // 99.999 → 100.00
      ],
    }, opp.version).expect(200);
    const body = res.body as Lines;
    expect(body).toMatchObject({ amount: '60130.00', hasLines: true, currency: 'CNY', version: opp.version + 1 });
    expect(body.lines).toEqual([
      expect.objectContaining({ position: 1, productId: p.std, name: '客源CRM 标准版（年）', unit: '套', quantity: '3.0000', unitPrice: '19800.0000', discountPercent: '5.00', amount: '56430.00' }),
      expect.objectContaining({ position: 2, name: '实施服务', unit: '人天', quantity: '1.5000', unitPrice: '2400.0000', discountPercent: '0.00', amount: '3600.00' }),
      expect.objectContaining({ position: 3, unitPrice: '33.3330', amount: '100.00' }),
    ]);
    const o = (await t.http.get(`/api/v1/opportunities/${opp.id}`).set(bearer(rep.token)).expect(200)).body;
    expect(o).toMatchObject({ amount: '60130.00', hasLines: true, version: body.version });
    // the tier price applies from 5 units: 5 × 18800 = 94000.00
    const tier = (await put(opp.id, rep, { lines: [{ productId: p.std, quantity: '5' }] }, body.version).expect(200)).body as Lines;
    expect(tier).toMatchObject({ amount: '94000.00', lines: [expect.objectContaining({ unitPrice: '18800.0000', amount: '94000.00' })] });
    opp = { id: opp.id, version: tier.version };
  });

  it('keeps the amount read-only while there are lines (409), and frees it when all lines are removed', async () => {
    const refused = await t.http.patch(`/api/v1/opportunities/${opp.id}`).set(bearer(rep.token)).send({ amount: '5.00' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'OPPORTUNITY_AMOUNT_FROM_LINES', errors: [{ field: 'amount' }] });
    expect((await t.http.patch(`/api/v1/opportunities/${opp.id}`).set(bearer(rep.token)).send({ currency: 'USD' }).expect(409)).body.code).toBe('OPPORTUNITY_CURRENCY_FROM_LINES');
    // a form sending the same amount with another change is fine
    const renamed = (await t.http.patch(`/api/v1/opportunities/${opp.id}`).set(bearer(rep.token)).send({ amount: '94000', name: '明细商机（改名）' }).expect(200)).body;
    expect(renamed.amount).toBe('94000.00');
    const cleared = (await put(opp.id, rep, { lines: [] }, renamed.version).expect(200)).body as Lines;
    expect(cleared).toMatchObject({ hasLines: false, amount: '94000.00', lines: [] });
    const freed = (await t.http.patch(`/api/v1/opportunities/${opp.id}`).set(bearer(rep.token)).send({ amount: '5.00' }).expect(200)).body;
    expect(freed).toMatchObject({ amount: '5.00', hasLines: false });
    opp = { id: opp.id, version: freed.version };
  });

  it('refuses products in another currency, inactive or unknown products and bad input with field codes; stale versions with 412', async () => {
    const cur = await put(opp.id, rep, { lines: [{ productId: p.impl, quantity: '1' }, { productId: p.usd, quantity: '1' }] }).expect(400);
    expect(cur.body).toMatchObject({ code: 'OPPORTUNITY_LINE_CURRENCY', errors: [{ field: 'lines[1].productId', code: 'OPPORTUNITY_LINE_CURRENCY', params: { currency: 'USD' } }] });
    expect((await put(opp.id, rep, { lines: [{ productId: p.old, quantity: '1' }] }).expect(400)).body.errors[0]).toMatchObject({ field: 'lines[0].productId', code: 'OPPORTUNITY_LINE_PRODUCT_INACTIVE' });
    expect((await put(opp.id, rep, { lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: '1' }] }).expect(400)).body.code).toBe('OPPORTUNITY_LINE_UNKNOWN_PRODUCT');
    const bad = await put(opp.id, rep, { lines: [{ productId: 'x', quantity: '0', discountPercent: '120' }] }).expect(400);
    const codes = Object.fromEntries((bad.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]));
    expect(codes).toEqual({ 'lines[0].productId': 'not_uuid', 'lines[0].quantity': 'invalid_format', 'lines[0].discountPercent': 'invalid_format' });
    // nothing of that was written
    expect((await lines(opp.id, rep).expect(200)).body).toMatchObject({ hasLines: false, amount: '5.00', version: opp.version });

    const v = opp.version;
    await put(opp.id, rep, { lines: [{ productId: p.impl, quantity: '2' }] }, v).expect(200); // 5000.00
    const stale = await put(opp.id, rep, { lines: [{ productId: p.impl, quantity: '3' }] }, v).expect(412);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: v + 1 });
    await put(opp.id, rep, { lines: [{ productId: p.impl, quantity: '3' }], version: v }).expect(412);
    // of two parallel replacements from the same version, one wins and one is 412
    const both = await Promise.all([1, 2].map((q) => put(opp.id, rep, { lines: [{ productId: p.impl, quantity: String(q + 3) }] }, v + 1)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    const now = (await lines(opp.id, rep).expect(200)).body as Lines;
    expect(['10000.00', '12500.00']).toContain(now.amount);
    opp = { id: opp.id, version: now.version };
  });

  it('scope: another rep can neither read nor write the lines (404); the manager of the department reads them', async () => {
    await lines(opp.id, otherRep).expect(404);
    await put(opp.id, otherRep, { lines: [] }).expect(404);
    const mgr = (await lines(opp.id, manager).expect(200)).body as Lines;
    expect(mgr.lines).toHaveLength(1);
    const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await lines(opp.id, service).expect(403);
  });

  it('puts each change of the lines in the audit log and the timeline', async () => {
    const tl = (await t.http.get(`/api/v1/opportunities/${opp.id}/timeline?limit=50`).set(bearer(rep.token)).expect(200)).body.data as {
      kind: string;
      change?: { changes: { field: string; old: unknown; new: unknown }[] };
    }[];
    const lineChanges = tl.filter((i) => i.kind === 'change' && i.change?.changes.some((c) => c.field === 'lines'));
    expect(lineChanges.length).toBeGreaterThanOrEqual(4);
    const first = lineChanges[lineChanges.length - 1].change!.changes.find((c) => c.field === 'lines')!;
    expect(first.old).toEqual([]);
    expect(first.new).toEqual(['客源CRM 标准版（年） × 3 @ 19800.00 −5% = 56430.00', '实施服务 × 1.5 @ 2400.00 = 3600.00', '实施服务 × 3 @ 33.33 = 100.00']);
    const amountChange = lineChanges[lineChanges.length - 1].change!.changes.find((c) => c.field === 'amount');
    expect(amountChange).toMatchObject({ old: '1000.00', new: '60130.00' });
  });
});
