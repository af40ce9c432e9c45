import { Client } from 'pg';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PDFParse } from 'pdf-parse';
import { JobsService } from '@core/jobs/jobs.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Quote = {
  id: string;
  number: string;
  revision: number;
  status: string;
  superseded: boolean;
  allowedActions: string[];
  subtotal: string;
  discountAmount: string;
  taxTotal: string;
  netTotal: string;
  grandTotal: string;
  grandTotalInWords: string | null;
  maxLineDiscount: string;
  totalDiscount: string;
  approvalId: string | null;
  version: number;
  lines: { name: string; unitPrice: string; taxRate: string; unit: string | null; amount: string; taxAmount: string }[];
  groups: { name: string | null; subtotal: string }[];
};

/**
 * Quotes end to end: server totals on hand-computed lines, gap-free numbers under 20 parallel creates,
 * the status machine (409 with the allowed actions), the discount approval through the approval engine,
 * revisions, the expiry job, the PDF's text and memory, and the data scope on every quote path.
 */
describe('quotes (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let rep1: U;
  let rep2: U;
  let account1: string;
  let account2: string;
  let productId: string;

  const post = (who: U | Record<string, string>, path: string, body?: object) =>
    t.http.post(path).set('Authorization' in who ? who : bearer(who.token)).send(body ?? {});
  const create = async (who: U, body: Record<string, unknown>) => {
    const res = await post(who, '/api/v1/quotes', body);
    if (res.status !== 201) throw new Error(`create quote: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Quote;
  };
  const get = async (who: U, id: string) => (await t.http.get(`/api/v1/quotes/${id}`).set(bearer(who.token)).expect(200)).body as Quote;
  const smallQuote = (accountId: string, extra: Record<string, unknown> = {}) => ({
    accountId,
    validUntil: '2030-12-31',
    lines: [{ name: '实施服务', quantity: '2', unitPrice: '2500', taxRate: '6' }],
    ...extra,
  });

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    await t.http.patch(`/api/v1/departments/${org.depts.east}`).set(admin).send({ managerId: manager.id }).expect(200);
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Two' });
    account1 = (await post(rep1, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
    account2 = (await post(rep2, '/api/v1/accounts', { name: '深圳海纳百川贸易有限公司' }).expect(201)).body.id;
    productId = (
      await post(manager, '/api/v1/products', {
        sku: 'KY-CRM-STD',
        name: '客源CRM 标准版（年）',
        nameEn: 'Keyuan CRM Standard',
        unit: '套',
        listPrice: '1999.00',
        taxRate: '13',
        priceTiers: [{ minQuantity: '10', unitPrice: '1799.00' }],
      }).expect(201)
    ).body.id;
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('computes totals on the server (product defaults, tiers, discounts, tax included and excluded) and ignores client totals', async () => {
    const q = await create(rep1, {
      accountId: account1,
      taxIncluded: true,
      grandTotal: '1.00',
      lines: [
        { productId, quantity: '3', discountPercent: '5', group: '软件', amount: '9' },
        { name: '现场培训', quantity: '2', unitPrice: '333.33', group: '服务' },
      ],
    } as Record<string, unknown>).catch(() => null);
    // unknown body fields are refused (client totals are not part of the contract)
    expect(q).toBeNull();
    const made = await create(rep1, {
      accountId: account1,
      taxIncluded: true,
      lines: [
        { productId, quantity: '3', discountPercent: '5', group: '软件' },
        { name: '现场培训', quantity: '2', unitPrice: '333.33', group: '服务' },
      ],
    });
    expect(made.number).toMatch(/^Q\d{6}-\d{4}$/);
    expect(made.lines[0]).toMatchObject({ name: '客源CRM 标准版（年）', unit: '套', unitPrice: '1999.0000', taxRate: '13.00', amount: '5697.15', taxAmount: '655.42' });
    expect(made.lines[1]).toMatchObject({ amount: '666.66', taxAmount: '76.70' });
    expect(made).toMatchObject({ subtotal: '6363.81', discountAmount: '0.00', taxTotal: '732.12', netTotal: '5631.69', grandTotal: '6363.81', maxLineDiscount: '5.00', totalDiscount: '4.50' });
    expect(made.grandTotalInWords).toBe('陆仟叁佰陆拾叁元捌角壹分');
    expect(made.groups).toEqual([
      { name: '软件', subtotal: '5697.15' },
      { name: '服务', subtotal: '666.66' },
    ]);

    // tax excluded with a quote discount; the tier price applies from 10 units
    const res = await t.http
      .patch(`/api/v1/quotes/${made.id}`)
      .set(bearer(rep1.token))
      .set('If-Match', String(made.version))
      .send({
        taxIncluded: false,
        discountPercent: '3',
        lines: [
          { name: '扫码枪', quantity: '10', unitPrice: '88.88', discountPercent: '12.5', taxRate: '13' },
          { name: '实施服务', quantity: '1', unitPrice: '5000', taxRate: '6' },
          { productId, quantity: '10', discountPercent: '0' },
        ],
      })
      .expect(200);
    const u = res.body as Quote;
    expect(u.lines.map((l) => [l.amount, l.taxAmount])).toEqual([
      ['777.70', '98.07'],
      ['5000.00', '291.00'],
      ['17990.00', '2268.54'],
    ]);
    // subtotal 23767.70; discount 3 % = 713.031 → 713.03; tax 98.07 + 291.00 + 17990 × 0.97 × 13 % (2268.539 → 2268.54)
    expect(u).toMatchObject({ subtotal: '23767.70', discountAmount: '713.03', taxTotal: '2657.61', netTotal: '23054.67', grandTotal: '25712.28' });
    // stale version: 412
    await t.http.patch(`/api/v1/quotes/${made.id}`).set(bearer(rep1.token)).set('If-Match', String(made.version)).send({ notes: 'x' }).expect(412);
  });

  it('bad input: 400 with the field and a stable code', async () => {
    const r1 = await post(rep1, '/api/v1/quotes', { accountId: account2, lines: [] }).expect(400);
    expect(r1.body.code).toBe('QUOTE_UNKNOWN_ACCOUNT');
    const r2 = await post(rep1, '/api/v1/quotes', { accountId: account1, lines: [{ quantity: '1' }] }).expect(400);
    expect(r2.body.errors[0]).toMatchObject({ field: 'lines[0].name', code: 'QUOTE_LINE_INCOMPLETE' });
    const r3 = await post(rep1, '/api/v1/quotes', { accountId: account1, lines: [{ name: 'x', quantity: '1.5e3', unitPrice: '1' }] }).expect(400);
    expect(r3.body.errors[0].field).toContain('quantity');
    // a product line priced below the product's price would hide a discount from the approval flow
    const r4 = await post(rep1, '/api/v1/quotes', { accountId: account1, lines: [{ productId, quantity: '1', unitPrice: '999.50' }] }).expect(400);
    expect(r4.body.errors[0]).toMatchObject({ field: 'lines[0].unitPrice', code: 'QUOTE_PRICE_BELOW_LIST', params: { listPrice: '1999.00' } });
    // the product is priced in CNY: a USD quote may not use its price as dollars
    const r5 = await post(rep1, '/api/v1/quotes', { accountId: account1, currency: 'USD', lines: [{ productId, quantity: '1' }] }).expect(400);
    expect(r5.body.errors[0]).toMatchObject({ field: 'lines[0].productId', code: 'QUOTE_PRODUCT_CURRENCY' });
    const cny = await create(rep1, { accountId: account1, lines: [{ productId, quantity: '1' }] });
    const r6 = await t.http.patch(`/api/v1/quotes/${cny.id}`).set(bearer(rep1.token)).send({ version: cny.version, currency: 'USD' }).expect(400);
    expect(r6.body.errors[0]).toMatchObject({ field: 'currency', code: 'QUOTE_PRODUCT_CURRENCY' });
  });

  it('links a quote to an opportunity of its account that the user can read, and to nothing else', async () => {
    const opportunity = (await post(rep1, '/api/v1/opportunities', { name: '云启 CRM 升级', accountId: account1, amount: '9998.00' }).expect(201)).body;
    const foreign = (await post(rep2, '/api/v1/opportunities', { name: '海纳 续约', accountId: account2 }).expect(201)).body;
    const linked = await create(rep1, smallQuote(account1, { opportunityId: opportunity.id }));
    expect((await get(rep1, linked.id)) as unknown).toMatchObject({ opportunityId: opportunity.id });
    // another rep's opportunity (out of scope), and an opportunity of another account, are refused with the field
    const out = await post(rep1, '/api/v1/quotes', smallQuote(account1, { opportunityId: foreign.id })).expect(400);
    expect(out.body).toMatchObject({ code: 'QUOTE_UNKNOWN_OPPORTUNITY', errors: [expect.objectContaining({ field: 'opportunityId' })] });
    const other = (await post(rep1, '/api/v1/accounts', { name: '杭州另一家客户' }).expect(201)).body.id;
    await post(rep1, '/api/v1/quotes', smallQuote(other, { opportunityId: opportunity.id })).expect(400);
    await t.http
      .patch(`/api/v1/quotes/${linked.id}`)
      .set(bearer(rep1.token))
      .send({ version: linked.version, opportunityId: foreign.id })
      .expect(400);
  });

  it('accepting a quote wins its open opportunity (with stage history); a lost one stays lost; off by configuration', async () => {
    type Opp = { id: string; stageKind: string; wonAt: string | null; probability: number; version: number; pipelineId: string };
    const opp = async (who: U, id: string) => (await t.http.get(`/api/v1/opportunities/${id}`).set(bearer(who.token)).expect(200)).body as Opp;
    const acceptQuoteOf = async (app: TestApp, opportunityId: string) => {
      const q = await create(rep1, smallQuote(account1, { opportunityId }));
      for (const action of ['submit', 'send', 'accept']) {
        await app.http.post(`/api/v1/quotes/${q.id}/${action}`).set(bearer(rep1.token)).send({}).expect(200);
      }
    };
    const open = (await post(rep1, '/api/v1/opportunities', { name: '云启 CRM 二期', accountId: account1, amount: '5000.00' }).expect(201)).body as Opp;
    await acceptQuoteOf(t, open.id);
    const won = await opp(rep1, open.id);
    expect(won).toMatchObject({ stageKind: 'won', probability: 100 });
    expect(won.wonAt).toBeTruthy();
    const moves = (await t.http.get(`/api/v1/opportunities/${open.id}/stage-history`).set(bearer(rep1.token)).expect(200)).body.data as { toStageNameEn: string; movedBy: string }[];
    expect(moves[0]).toMatchObject({ toStageNameEn: 'Won', movedBy: rep1.id });

    // a lost opportunity is not revived by a late acceptance
    const pipeline = (await t.http.get(`/api/v1/pipelines/${open.pipelineId}`).set(bearer(rep1.token)).expect(200)).body as { stages: { id: string; kind: string }[] };
    const lostStage = pipeline.stages.find((s) => s.kind === 'lost')!;
    const lost = (await post(rep1, '/api/v1/opportunities', { name: '云启 外包', accountId: account1 }).expect(201)).body as Opp;
    await post(rep1, `/api/v1/opportunities/${lost.id}/move`, { stageId: lostStage.id, lostReason: '预算取消' }).expect(200);
    await acceptQuoteOf(t, lost.id);
    expect((await opp(rep1, lost.id)).stageKind).toBe('lost');

    // QUOTE_ACCEPT_WINS_OPPORTUNITY=false: the opportunity stays where it is
    const off = await startApp({ url: t.url, config: { quoteAcceptWinsOpportunity: false } });
    try {
      const kept = (await post(rep1, '/api/v1/opportunities', { name: '云启 培训', accountId: account1 }).expect(201)).body as Opp;
      await acceptQuoteOf(off, kept.id);
      expect((await opp(rep1, kept.id)).stageKind).toBe('open');
    } finally {
      await off.close();
    }
  });

  it('numbers 20 parallel creates without gaps or duplicates; creates rolled back after taking a number leave no gap', async () => {
    // a failure after the number is taken: a line the database refuses (a test trigger; 22003 answers 400)
    const db = new Client({ connectionString: t.url });
    await db.connect();
    await db.query(`CREATE FUNCTION test_refuse_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'FAIL-ME' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22003'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER test_refuse_line BEFORE INSERT ON quote_lines FOR EACH ROW EXECUTE FUNCTION test_refuse_line()`);
    const counter = async () => Number((await db.query(`SELECT coalesce(max(value), 0) AS v FROM sequence_counters WHERE name = 'quote'`)).rows[0].v);
    try {
      const start = await counter();
      await post(rep1, '/api/v1/quotes', smallQuote(account1, { lines: [{ name: 'FAIL-ME', quantity: '1', unitPrice: '1' }] })).expect(400);
      expect(await counter()).toBe(start);
      const seqOf = (n: string) => Number(n.split('-').pop());
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          post(rep1, '/api/v1/quotes', i % 5 === 2 ? smallQuote(account1, { lines: [{ name: 'FAIL-ME', quantity: '1', unitPrice: '1' }] }) : smallQuote(account1)),
        ),
      );
      const made = results.filter((r) => r.status === 201).map((r) => r.body as Quote);
      expect(made).toHaveLength(20);
      expect(results.filter((r) => r.status === 400)).toHaveLength(5);
      const seqs = made.map((q) => seqOf(q.number)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
      expect(new Set(made.map((q) => q.number)).size).toBe(20);
      expect(await counter()).toBe(start + 20);
    } finally {
      await db.query(`DROP TRIGGER test_refuse_line ON quote_lines`);
      await db.query(`DROP FUNCTION test_refuse_line()`);
      await db.end();
    }
  }, 60000);

  it('walks the status machine; illegal moves are 409 with the allowed actions', async () => {
    const q = await create(rep1, smallQuote(account1));
    expect(q.allowedActions).toEqual(['submit']);
    const bad = await post(rep1, `/api/v1/quotes/${q.id}/send`).expect(409);
    expect(bad.body).toMatchObject({ code: 'QUOTE_ILLEGAL_TRANSITION', allowed: ['submit'] });
    // no discount: approved at once
    const submitted = (await post(rep1, `/api/v1/quotes/${q.id}/submit`).expect(200)).body as Quote;
    expect(submitted.status).toBe('approved');
    expect(submitted.allowedActions).toEqual(['send']);
    await t.http.patch(`/api/v1/quotes/${q.id}`).set(bearer(rep1.token)).send({ notes: 'late edit' }).expect(409);
    const sent = (await post(rep1, `/api/v1/quotes/${q.id}/send`).expect(200)).body as Quote;
    expect(sent.status).toBe('sent');
    expect(sent.allowedActions).toEqual(['accept', 'decline', 'revise']);
    const accepted = (await post(rep1, `/api/v1/quotes/${q.id}/accept`).expect(200)).body as Quote;
    expect(accepted.status).toBe('accepted');
    const again = await post(rep1, `/api/v1/quotes/${q.id}/decline`).expect(409);
    expect(again.body.allowed).toEqual([]);
    // the timeline: every move audited, newest first
    const history = (await t.http.get(`/api/v1/quotes/${q.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string }[];
    // submit and its automatic approval share one transaction (one timestamp): their order between them is not fixed
    expect(history.map((h) => h.action).slice(0, 2)).toEqual(['accept', 'send']);
    expect(history.map((h) => h.action).slice(2).sort()).toEqual(['approve', 'create', 'submit']);
  });

  it('a discount above the threshold waits for the department manager; rejected goes back to editable', async () => {
    const q = await create(rep1, smallQuote(account1, { lines: [{ productId, quantity: '1', discountPercent: '20' }] }));
    const pending = (await post(rep1, `/api/v1/quotes/${q.id}/submit`).expect(200)).body as Quote;
    expect(pending.status).toBe('pending_approval');
    expect(pending.approvalId).toBeTruthy();
    // locked while pending
    await t.http.patch(`/api/v1/quotes/${q.id}`).set(bearer(rep1.token)).send({ notes: 'x' }).expect(409);
    await post(manager, `/api/v1/approvals/${pending.approvalId}/reject`, { comment: '折扣太大' }).expect(200);
    const rejected = await get(rep1, q.id);
    expect(rejected.status).toBe('rejected');
    const steps = (await t.http.get(`/api/v1/quotes/${q.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string }[];
    expect(steps.map((h) => h.action)).toEqual(expect.arrayContaining(['approval.submit', 'approval.reject', 'reject']));
    expect(rejected.allowedActions).toEqual(['submit']);
    // edit the discount down: under the threshold the resubmit is approved at once
    await t.http.patch(`/api/v1/quotes/${q.id}`).set(bearer(rep1.token)).send({ lines: [{ productId, quantity: '1', discountPercent: '8' }] }).expect(200);
    expect(((await post(rep1, `/api/v1/quotes/${q.id}/submit`).expect(200)).body as Quote).status).toBe('approved');

    // the whole-quote discount counts too; approved by the manager
    const q2 = await create(rep1, smallQuote(account1, { discountPercent: '12' }));
    const p2 = (await post(rep1, `/api/v1/quotes/${q2.id}/submit`).expect(200)).body as Quote;
    expect(p2.status).toBe('pending_approval');
    expect(p2.totalDiscount).toBe('12.00');
    await post(manager, `/api/v1/approvals/${p2.approvalId}/approve`, {}).expect(200);
    expect((await get(rep1, q2.id)).status).toBe('approved');
  });

  it('a second step by a role: the department manager approves, then finance; edits stay refused until the last step', async () => {
    const finance = await createUser(t, org, { role: 'finance', departmentId: org.depts.sales, name: 'Finance Sales' });
    const flows = (await t.http.get('/api/v1/approval-flows?kind=quote').set(admin).expect(200)).body.data as {
      id: string; version: number; steps: Record<string, unknown>[];
    }[];
    expect(flows).toHaveLength(1);
    const [flow] = flows;
    const managerStep = flow.steps[0];
    const twoSteps = await t.http
      .patch(`/api/v1/approval-flows/${flow.id}`)
      .set(admin)
      .set('If-Match', `"${flow.version}"`)
      .send({ steps: [managerStep, { name: '财务审核', mode: 'any', approvers: [{ type: 'role', roleKey: 'finance' }] }] })
      .expect(200);
    try {
      const q = await create(rep1, smallQuote(account1, { lines: [{ productId, quantity: '3', discountPercent: '18' }] }));
      const pending = (await post(rep1, `/api/v1/quotes/${q.id}/submit`).expect(200)).body as Quote;
      expect(pending.status).toBe('pending_approval');
      await post(finance, `/api/v1/approvals/${pending.approvalId}/approve`).expect(404); // not its step yet
      const first = (await post(manager, `/api/v1/approvals/${pending.approvalId}/approve`, { comment: '同意，请财务复核' }).expect(200)).body;
      expect(first).toMatchObject({ status: 'pending', currentStep: 1 });
      expect(first.steps[1].tasks.map((x: { userId: string }) => x.userId)).toEqual([finance.id]);
      // still pending after the first step: the quote is neither approved nor editable
      expect((await get(rep1, q.id)).status).toBe('pending_approval');
      expect((await t.http.patch(`/api/v1/quotes/${q.id}`).set(bearer(rep1.token)).send({ notes: 'x' }).expect(409)).body.code).toBe('APPROVAL_PENDING');
      const pendingForFinance = (await t.http.get('/api/v1/approvals?box=pending').set(bearer(finance.token)).expect(200)).body.data as { id: string }[];
      expect(pendingForFinance.map((a) => a.id)).toContain(pending.approvalId);
      // finance reads the quote it must approve (outside its usual scope), and approves it
      expect((await get(finance, q.id)).grandTotal).toBe(q.grandTotal);
      await post(finance, `/api/v1/approvals/${pending.approvalId}/approve`, { comment: '财务同意' }).expect(200);
      const approved = await get(rep1, q.id);
      expect(approved.status).toBe('approved');
      expect(approved.allowedActions).toContain('send');
      const history = (await t.http.get(`/api/v1/quotes/${q.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string }[];
      expect(history.filter((h) => h.action === 'approval.approve')).toHaveLength(2);
    } finally {
      await t.http
        .patch(`/api/v1/approval-flows/${flow.id}`)
        .set(admin)
        .set('If-Match', `"${twoSteps.body.version}"`)
        .send({ steps: [managerStep] })
        .expect(200);
    }
  });

  it('revising a sent quote makes revision n+1 with the same number; the old one is read-only', async () => {
    const q = await create(rep1, smallQuote(account1));
    await post(rep1, `/api/v1/quotes/${q.id}/submit`).expect(200);
    await post(rep1, `/api/v1/quotes/${q.id}/send`).expect(200);
    const [r1, r2] = await Promise.all([post(rep1, `/api/v1/quotes/${q.id}/revise`), post(rep1, `/api/v1/quotes/${q.id}/revise`)]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    const v2 = (r1.status === 201 ? r1 : r2).body as Quote;
    expect(v2).toMatchObject({ number: q.number, revision: 2, status: 'draft', grandTotal: q.grandTotal });
    const old = await get(rep1, q.id);
    expect(old).toMatchObject({ superseded: true, allowedActions: [] });
    const edit = await t.http.patch(`/api/v1/quotes/${q.id}`).set(bearer(rep1.token)).send({ notes: 'x' }).expect(409);
    expect(edit.body.code).toBe('QUOTE_READ_ONLY');
    const versions = (await t.http.get(`/api/v1/quotes/${v2.id}/versions`).set(bearer(rep1.token)).expect(200)).body.data as Quote[];
    expect(versions.map((v) => v.revision)).toEqual([2, 1]);
    // the list shows the latest revision only
    const list = (await t.http.get(`/api/v1/quotes?q=${q.number.toLowerCase()}`).set(bearer(rep1.token)).expect(200)).body.data as Quote[];
    expect(list.map((x) => x.id)).toEqual([v2.id]);
  });

  it('the daily job expires sent quotes past validUntil', async () => {
    const q = await create(rep1, smallQuote(account1, { validUntil: '2026-01-10' }));
    const keep = await create(rep1, smallQuote(account1, { validUntil: '2026-01-11' }));
    for (const id of [q.id, keep.id]) {
      await post(rep1, `/api/v1/quotes/${id}/submit`).expect(200);
      await post(rep1, `/api/v1/quotes/${id}/send`).expect(200);
    }
    await t.app.get(JobsService).runNow('quotes.expire', { today: '2026-01-11' });
    expect((await get(rep1, q.id)).status).toBe('expired');
    expect((await get(rep1, keep.id)).status).toBe('sent');
    expect((await get(rep1, q.id)).allowedActions).toEqual(['revise']);
  });

  it('renders a PDF with the Chinese product names, the total and 大写; 20 in a row keep memory flat', async () => {
    const q = await create(rep1, {
      accountId: account1,
      paymentTerms: '预付 50%',
      lines: [
        { productId, quantity: '1' },
        { name: '数据迁移服务', quantity: '1', unitPrice: '8000', taxRate: '6' },
      ],
    });
    const res = await t.http.get(`/api/v1/quotes/${q.id}/pdf?lang=zh-CN`).set(bearer(rep1.token)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    expect(text).toContain('客源CRM标准版（年）');
    expect(text).toContain('数据迁移服务');
    expect(text).toContain('9,999.00'); // 1999 + 8000
    expect(text).toContain('玖仟玖佰玖拾玖元整');

    const en = await t.http.get(`/api/v1/quotes/${q.id}/pdf?lang=en-US`).set(bearer(rep1.token)).expect(200);
    expect(Number(en.headers['content-length'])).toBeGreaterThan(1000);

    // a real collection before each reading (jest runs without --expose-gc): garbage not yet collected is not growth
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 3; i++) await t.http.get(`/api/v1/quotes/${q.id}/pdf`).set(bearer(rep1.token)).expect(200); // warm-up
    gc();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 20; i++) await t.http.get(`/api/v1/quotes/${q.id}/pdf`).set(bearer(rep1.token)).expect(200);
    gc();
    const growth = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(growth).toBeLessThan(50);
  }, 120000);

  it('keeps every quote path inside the data scope: another rep gets 404 (list, detail, versions, pdf, actions)', async () => {
    const q = await create(rep1, smallQuote(account1));
    const other = bearer(rep2.token);
    const list = (await t.http.get('/api/v1/quotes?limit=200').set(other).expect(200)).body.data as Quote[];
    expect(list.find((x) => x.id === q.id)).toBeUndefined();
    await t.http.get(`/api/v1/quotes/${q.id}`).set(other).expect(404);
    await t.http.get(`/api/v1/quotes/${q.id}/versions`).set(other).expect(404);
    await t.http.get(`/api/v1/quotes/${q.id}/history`).set(other).expect(404);
    await t.http.get(`/api/v1/quotes/${q.id}/pdf`).set(other).expect(404);
    await t.http.patch(`/api/v1/quotes/${q.id}`).set(other).send({ notes: 'x' }).expect(404);
    await t.http.post(`/api/v1/quotes/${q.id}/submit`).set(other).expect(404);
    await t.http.delete(`/api/v1/quotes/${q.id}`).set(other).expect(403); // reps do not delete
    const otherManager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south });
    await t.http.delete(`/api/v1/quotes/${q.id}`).set(bearer(otherManager.token)).expect(404);
    await t.http.get(`/api/v1/quotes/${q.id}/pdf`).set(bearer(otherManager.token)).expect(404);
    // the manager of the department above sees it
    await t.http.get(`/api/v1/quotes/${q.id}`).set(bearer(manager.token)).expect(200);
    // a user without the quotes grant: 403
    const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await t.http.get('/api/v1/quotes').set(bearer(service.token)).expect(403);
    // a draft deletes; a sent quote does not
    const sent = await create(rep1, smallQuote(account1));
    await post(rep1, `/api/v1/quotes/${sent.id}/submit`).expect(200);
    await post(rep1, `/api/v1/quotes/${sent.id}/send`).expect(200);
    expect((await t.http.delete(`/api/v1/quotes/${sent.id}`).set(bearer(manager.token)).expect(409)).body.code).toBe('QUOTE_READ_ONLY');
    await t.http.delete(`/api/v1/quotes/${q.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/quotes/${q.id}`).set(bearer(manager.token)).expect(404);
    // export: in scope, in the file's language; reps hold no export grant
    await t.http.get('/api/v1/quotes/export').set(other).expect(403);
    const csv = await t.http.get('/api/v1/quotes/export?lang=zh-CN').set(bearer(manager.token)).expect(200);
    expect(csv.text).toContain('报价单号');
    expect(csv.text).toContain(sent.number);
    expect(csv.text).not.toContain(q.number + ',');  });
});
