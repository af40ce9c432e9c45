import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { DomainEvents } from '@core/events/domain-events';
import { AttachmentsService } from '@core/files/attachments.service';
import { JobsService } from '@core/jobs/jobs.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Contract = {
  id: string;
  number: string;
  title: string;
  status: string;
  accountId: string;
  opportunityId: string | null;
  quoteId: string | null;
  quoteNumber: string | null;
  currency: string;
  amount: string;
  amountInWords: string | null;
  subtotal: string;
  taxTotal: string;
  allowedActions: string[];
  actions: string[];
  approvalId: string | null;
  renewalTaskId: string | null;
  version: number;
  lines: { name: string; quantity: string; unitPrice: string; amount: string; taxAmount: string }[];
};

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Contracts end to end: quote → contract (409 for a quote not accepted, one contract per quote), gap-free
 * numbers under 20 parallel creates, the amount approval through the approval engine (locked while
 * pending, approve → active with one `contract.signed`), illegal moves 409 with the allowed actions, the
 * daily expiry and renewal task (once), the data scope on every path including attachments, attachments
 * refused by type (415) and size (413), downloads with the right bytes, bad input 400 with field codes.
 */
describe('contracts (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let manager: U;
  let rep1: U;
  let rep2: U;
  let account1: string;
  let account2: string;
  const signed: { contractId: string; amount: string; currency: string; paymentTerms: string | null; ownerId: string | null }[] = [];

  const post = (who: U, path: string, body?: object) => t.http.post(path).set(bearer(who.token)).send(body ?? {});
  const create = async (who: U, body: Record<string, unknown>) => {
    const res = await post(who, '/api/v1/contracts', body);
    if (res.status !== 201) throw new Error(`create contract: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Contract;
  };
  const get = async (who: U, id: string) => (await t.http.get(`/api/v1/contracts/${id}`).set(bearer(who.token)).expect(200)).body as Contract;
  const simple = (accountId: string, extra: Record<string, unknown> = {}) => ({ accountId, title: '年度服务合同', amount: '12000.00', paymentTerms: '预付 50%', ...extra });
  const acceptedQuote = async (who: U, accountId: string) => {
    const q = (
      await post(who, '/api/v1/quotes', {
        accountId,
        paymentTerms: '验收后 30 日内付清',
        lines: [
          { name: '客源CRM 标准版（年）', quantity: '3', unitPrice: '1999.00', discountPercent: '5', group: '软件' },
          { name: '现场培训', quantity: '2', unitPrice: '333.33', taxRate: '6', group: '服务' },
        ],
      }).expect(201)
    ).body;
    for (const action of ['submit', 'send', 'accept']) await post(who, `/api/v1/quotes/${q.id}/${action}`).expect(200);
    return q as { id: string; number: string; grandTotal: string };
  };

  beforeAll(async () => {
    t = await startApp({ config: { filesMaxBytes: MAX_BYTES } });
    org = await buildOrg(t);
    const admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.east, name: 'East Manager' });
    await t.http.patch(`/api/v1/departments/${org.depts.east}`).set(admin).send({ managerId: manager.id }).expect(200);
    rep1 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep One' });
    rep2 = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep Two' });
    account1 = (await post(rep1, '/api/v1/accounts', { name: '上海云启科技有限公司' }).expect(201)).body.id;
    account2 = (await post(rep2, '/api/v1/accounts', { name: '深圳海纳百川贸易有限公司' }).expect(201)).body.id;
    t.app.get(DomainEvents).on('contract.signed', async (_m, e) => {
      signed.push(e);
    });
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('makes a contract from an accepted quote (lines, account, amount copied); 409 for other quotes and for a second contract', async () => {
    const opportunity = (await post(rep1, '/api/v1/opportunities', { name: '云启 CRM 升级', accountId: account1, amount: '6363.81' }).expect(201)).body;
    const quote = await acceptedQuote(rep1, account1);
    await t.http.patch(`/api/v1/quotes/${quote.id}`).set(bearer(rep1.token)).send({ notes: 'x' }).expect(409); // accepted quotes are read-only anyway
    const made = (await post(rep1, `/api/v1/quotes/${quote.id}/contract`, { endDate: '2027-12-31', customerSigner: '王芳' }).expect(201)).body as Contract;
    expect(made).toMatchObject({ status: 'draft', accountId: account1, quoteId: quote.id, quoteNumber: quote.number, currency: 'CNY', amount: quote.grandTotal });
    expect(made.number).toMatch(/^HT\d{6}-\d{4}$/);
    // the quote's hand-computed figures (see the quotes e2e): 5697.15 + 666.66
    expect(made.amount).toBe('6363.81');
    expect(made.amountInWords).toBe('陆仟叁佰陆拾叁元捌角壹分');
    expect(made.lines.map((l) => [l.name, l.amount, l.taxAmount])).toEqual([
      ['客源CRM 标准版（年）', '5697.15', '655.42'],
      ['现场培训', '666.66', '37.74'],
    ]);
    expect(made.taxTotal).toBe('693.16');
    // one live contract per quote, also when two ask at once
    const again = await post(rep1, `/api/v1/quotes/${quote.id}/contract`).expect(409);
    expect(again.body.code).toBe('CONTRACT_QUOTE_TAKEN');
    const q2 = await acceptedQuote(rep1, account1);
    const both = await Promise.all([post(rep1, `/api/v1/quotes/${q2.id}/contract`), post(rep1, `/api/v1/quotes/${q2.id}/contract`)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    // a quote not accepted: 409 with its status; another rep's quote: 404
    const draft = (await post(rep1, '/api/v1/quotes', { accountId: account1, opportunityId: opportunity.id, lines: [{ name: 'x', quantity: '1', unitPrice: '10' }] }).expect(201)).body;
    const notAccepted = await post(rep1, `/api/v1/quotes/${draft.id}/contract`).expect(409);
    expect(notAccepted.body).toMatchObject({ code: 'CONTRACT_QUOTE_NOT_ACCEPTED' });
    expect(notAccepted.body.detail).toContain('draft');
    await post(rep2, `/api/v1/quotes/${quote.id}/contract`).expect(404);
    // the contract lists under its quote
    const list = (await t.http.get(`/api/v1/contracts?quoteId=${quote.id}`).set(bearer(rep1.token)).expect(200)).body;
    expect(list.data.map((c: Contract) => c.id)).toEqual([made.id]);
  });

  it('bad input: 400 with the field and a stable code', async () => {
    const r1 = await post(rep1, '/api/v1/contracts', { accountId: 'nope', amount: '1' }).expect(400);
    expect(r1.body.errors[0].field).toBe('accountId');
    const r2 = await post(rep1, '/api/v1/contracts', { accountId: account1 }).expect(400);
    expect(r2.body.errors[0]).toMatchObject({ field: 'amount', code: 'CONTRACT_AMOUNT_REQUIRED' });
    const r3 = await post(rep1, '/api/v1/contracts', simple(account1, { startDate: '2027-02-01', endDate: '2027-01-31' })).expect(400);
    expect(r3.body.errors[0]).toMatchObject({ field: 'endDate', code: 'CONTRACT_DATES_ORDER' });
    const r4 = await post(rep1, '/api/v1/contracts', simple(account1, { amount: '12.345' })).expect(400);
    expect(r4.body.errors[0].field).toBe('amount');
    const r5 = await post(rep1, '/api/v1/contracts', simple(account2)).expect(400);
    expect(r5.body.errors[0]).toMatchObject({ field: 'accountId', code: 'CONTRACT_UNKNOWN_ACCOUNT' });
    const r6 = await post(rep1, '/api/v1/contracts', { accountId: account1, lines: [{ quantity: '1' }] }).expect(400);
    expect(r6.body.errors[0]).toMatchObject({ field: 'lines[0].name', code: 'CONTRACT_LINE_INCOMPLETE' });
    const r7 = await post(rep1, '/api/v1/contracts', simple(account1, { endDate: '2027-13-01' })).expect(400);
    expect(r7.body.errors[0].field).toBe('endDate');
    // lines entered directly: the amount follows their total (the client's amount is ignored)
    const withLines = await create(rep1, { accountId: account1, amount: '1.00', taxIncluded: false, lines: [{ name: '实施服务', quantity: '2', unitPrice: '2500', taxRate: '6' }] });
    expect(withLines).toMatchObject({ amount: '5300.00', subtotal: '5000.00', taxTotal: '300.00' });
    // a product priced in CNY keeps a contract from moving to USD without new lines
    const productId = (await post(manager, '/api/v1/products', { sku: 'KY-CT-1', name: '合同测试产品', listPrice: '100.00' }).expect(201)).body.id;
    const withProduct = await create(rep1, { accountId: account1, lines: [{ productId, quantity: '2' }] });
    expect(withProduct).toMatchObject({ amount: '200.00' });
    const r8 = await t.http.patch(`/api/v1/contracts/${withProduct.id}`).set(bearer(rep1.token)).send({ version: withProduct.version, currency: 'USD' }).expect(400);
    expect(r8.body.errors[0]).toMatchObject({ field: 'currency', code: 'CONTRACT_PRODUCT_CURRENCY' });
    const r9 = await post(rep1, '/api/v1/contracts', { accountId: account1, currency: 'USD', lines: [{ productId, quantity: '1' }] }).expect(400);
    expect(r9.body.errors[0]).toMatchObject({ field: 'lines[0].productId', code: 'CONTRACT_PRODUCT_CURRENCY' });
  });

  it('numbers 20 parallel creates without gaps or duplicates', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => post(rep1, '/api/v1/contracts', simple(account1))));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const seqs = results.map((r) => Number((r.body as Contract).number.split('-').pop())).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs[19] - seqs[0]).toBe(19);
  }, 60000);

  it('walks the status machine; illegal moves are 409 with the allowed actions; signing emits contract.signed', async () => {
    const c = await create(rep1, simple(account1, { startDate: '2026-01-01', endDate: '2026-12-31' }));
    expect(c.allowedActions).toEqual(['submit']);
    const bad = await post(rep1, `/api/v1/contracts/${c.id}/terminate`).expect(409);
    expect(bad.body).toMatchObject({ code: 'CONTRACT_ILLEGAL_TRANSITION', allowed: ['submit'] });
    const before = signed.length;
    const active = (await post(rep1, `/api/v1/contracts/${c.id}/submit`).expect(200)).body as Contract;
    expect(active.status).toBe('active');
    expect(active.allowedActions).toEqual(['terminate']);
    expect(signed.slice(before)).toEqual([expect.objectContaining({ contractId: c.id, amount: '12000.00', currency: 'CNY', paymentTerms: '预付 50%', ownerId: rep1.id })]);
    const again = await post(rep1, `/api/v1/contracts/${c.id}/submit`).expect(409);
    expect(again.body.allowed).toEqual(['terminate']);
    const edit = await t.http.patch(`/api/v1/contracts/${c.id}`).set(bearer(rep1.token)).send({ notes: 'late' }).expect(409);
    expect(edit.body.code).toBe('CONTRACT_READ_ONLY');
    const ended = (await post(rep1, `/api/v1/contracts/${c.id}/terminate`, { reason: '客户业务调整' }).expect(200)).body as Contract;
    expect(ended).toMatchObject({ status: 'terminated', allowedActions: [] });
    expect((await post(rep1, `/api/v1/contracts/${c.id}/terminate`).expect(409)).body.allowed).toEqual([]);
    expect((await t.http.delete(`/api/v1/contracts/${c.id}`).set(bearer(manager.token)).expect(409)).body.code).toBe('CONTRACT_READ_ONLY');
    const history = (await t.http.get(`/api/v1/contracts/${c.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string; changes: { field: string; new: unknown }[] }[];
    expect(history[0]).toMatchObject({ action: 'terminate' });
    expect(history.map((h) => h.action).sort()).toEqual(['activate', 'create', 'submit', 'terminate']);
    // a zero amount is not submitted
    const zero = await create(rep1, simple(account1, { amount: '0' }));
    expect((await post(rep1, `/api/v1/contracts/${zero.id}/submit`).expect(422)).body.code).toBe('CONTRACT_NO_AMOUNT');
    expect(signed.filter((e) => e.contractId === c.id)).toHaveLength(1);
  });

  it('a contract of 500,000 or more waits for the department manager, locked; approve → active and signed once; reject → draft', async () => {
    const c = await create(rep1, simple(account1, { amount: '600000.00' }));
    const before = signed.length;
    const pending = (await post(rep1, `/api/v1/contracts/${c.id}/submit`).expect(200)).body as Contract;
    expect(pending).toMatchObject({ status: 'pending_approval', allowedActions: [], actions: [] });
    expect(pending.approvalId).toBeTruthy();
    expect(signed.length).toBe(before);
    // locked while pending: edits, deletes and moves answer 409
    expect((await t.http.patch(`/api/v1/contracts/${c.id}`).set(bearer(rep1.token)).send({ notes: 'x' }).expect(409)).body.code).toBe('APPROVAL_PENDING');
    await t.http.delete(`/api/v1/contracts/${c.id}`).set(bearer(manager.token)).expect(409);
    await post(rep1, `/api/v1/contracts/${c.id}/submit`).expect(409);
    // the approver reads the contract; rep2 (other department) does not
    await t.http.get(`/api/v1/contracts/${c.id}`).set(bearer(manager.token)).expect(200);
    await t.http.get(`/api/v1/contracts/${c.id}`).set(bearer(rep2.token)).expect(404);
    await post(manager, `/api/v1/approvals/${pending.approvalId}/approve`, {}).expect(200);
    const active = await get(rep1, c.id);
    expect(active.status).toBe('active');
    expect(signed.slice(before)).toEqual([expect.objectContaining({ contractId: c.id, amount: '600000.00', currency: 'CNY', ownerId: rep1.id })]);
    // a second decision changes nothing
    expect((await post(manager, `/api/v1/approvals/${pending.approvalId}/approve`, {})).status).toBeGreaterThanOrEqual(400);
    expect(signed.filter((e) => e.contractId === c.id)).toHaveLength(1);
    const steps = (await t.http.get(`/api/v1/contracts/${c.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string }[];
    expect(steps.map((h) => h.action)).toEqual(expect.arrayContaining(['submit', 'approval.submit', 'approval.approve', 'activate']));

    const r = await create(rep1, simple(account1, { amount: '500000' }));
    const p2 = (await post(rep1, `/api/v1/contracts/${r.id}/submit`).expect(200)).body as Contract;
    expect(p2.status).toBe('pending_approval');
    await post(manager, `/api/v1/approvals/${p2.approvalId}/reject`, { comment: '金额需复核' }).expect(200);
    const back = await get(rep1, r.id);
    expect(back).toMatchObject({ status: 'draft', allowedActions: ['submit'] });
    expect(signed.filter((e) => e.contractId === r.id)).toHaveLength(0);
  });

  it('tests the threshold in the base currency, and prices lines like a quote (no product below its price, none no longer sold)', async () => {
    const admin = bearer(org.adminToken);
    // no USD rate yet: submitting a USD contract is a clear 422, never a silent 1.0
    const usd = await create(rep1, simple(account1, { currency: 'USD', amount: '100000.00' }));
    const missing = await post(rep1, `/api/v1/contracts/${usd.id}/submit`).expect(422);
    expect(missing.body).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', params: { currency: 'USD' } });
    expect((await get(rep1, usd.id)).status).toBe('draft'); // nothing half-written
    await t.http.post('/api/v1/exchange-rates').set(admin).send({ currency: 'USD', rate: '7.2', effectiveDate: '2020-01-01' }).expect(201);
    // USD 100,000 = CNY 720,000: over the CNY 500,000 threshold
    const pending = (await post(rep1, `/api/v1/contracts/${usd.id}/submit`).expect(200)).body as Contract;
    expect(pending.status).toBe('pending_approval');
    const small = await create(rep1, simple(account1, { currency: 'USD', amount: '60000.00' })); // CNY 432,000
    expect(((await post(rep1, `/api/v1/contracts/${small.id}/submit`).expect(200)).body as Contract).status).toBe('active');

    // the quote rules hold for contract lines too
    const productId = (await post(manager, '/api/v1/products', { sku: 'KY-CT-2', name: '合同定价产品', listPrice: '100.00' }).expect(201)).body.id as string;
    const below = await post(rep1, '/api/v1/contracts', { accountId: account1, lines: [{ productId, quantity: '1', unitPrice: '1.00' }] }).expect(400);
    expect(below.body).toMatchObject({ code: 'CONTRACT_PRICE_BELOW_LIST', errors: [expect.objectContaining({ field: 'lines[0].unitPrice' })] });
    const retired = (
      await post(manager, '/api/v1/products', { sku: `OLD-${Date.now()}`, name: '停售产品', listPrice: '100', active: false }).expect(201)
    ).body.id as string;
    const inactive = await post(rep1, '/api/v1/contracts', { accountId: account1, lines: [{ productId: retired, quantity: '1' }] }).expect(400);
    expect(inactive.body).toMatchObject({ code: 'CONTRACT_PRODUCT_INACTIVE', errors: [expect.objectContaining({ field: 'lines[0].productId' })] });
  });

  it('follows an account merge: the opportunity, quote and contract of the duplicate move to the survivor', async () => {
    const survivor = (await post(manager, '/api/v1/accounts', { name: '合并后的客户' }).expect(201)).body.id as string;
    const dup = (await post(manager, '/api/v1/accounts', { name: '重复的客户' }).expect(201)).body.id as string;
    const opportunity = (await post(manager, '/api/v1/opportunities', { name: '重复客户的商机', accountId: dup }).expect(201)).body.id as string;
    const quote = (await post(manager, '/api/v1/quotes', { accountId: dup, opportunityId: opportunity, validUntil: '2030-12-31', lines: [{ name: '服务', quantity: '1', unitPrice: '100' }] }).expect(201)).body.id as string;
    const contract = await create(manager, simple(dup));
    await post(manager, `/api/v1/accounts/${survivor}/merge`, { duplicateIds: [dup] }).expect(200);
    expect((await get(manager, contract.id)).accountId).toBe(survivor);
    expect((await t.http.get(`/api/v1/quotes/${quote}`).set(bearer(manager.token)).expect(200)).body.accountId).toBe(survivor);
    expect((await t.http.get(`/api/v1/opportunities/${opportunity}`).set(bearer(manager.token)).expect(200)).body.accountId).toBe(survivor);
    const onSurvivor = (await t.http.get(`/api/v1/contracts?accountId=${survivor}`).set(bearer(manager.token)).expect(200)).body.data as { id: string }[];
    expect(onSurvivor.map((c) => c.id)).toEqual([contract.id]);
  });

  it('the daily job expires contracts past their end date and makes one renewal task for the owner', async () => {
    const soon = await create(rep1, simple(account1, { title: '即将到期合同', startDate: '2026-01-21', endDate: '2027-01-20' }));
    const later = await create(rep1, simple(account1, { title: '明年到期合同', startDate: '2026-04-01', endDate: '2027-03-31' }));
    for (const c of [soon, later]) await post(rep1, `/api/v1/contracts/${c.id}/submit`).expect(200);
    const jobs = t.app.get(JobsService);
    const renewalTasks = async () =>
      ((await t.http.get('/api/v1/tasks?limit=200&status=open').set(bearer(rep1.token)).expect(200)).body.data as { id: string; title: string; accountId: string | null }[]).filter((x) =>
        x.title.includes(soon.number) || x.title.includes(later.number),
      );
    await jobs.runNow('contracts.daily', { today: '2027-01-05' });
    const first = await renewalTasks();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ accountId: account1 });
    expect(first[0].title).toContain(soon.number);
    expect((await get(rep1, soon.id)).renewalTaskId).toBe(first[0].id);
    // again, and twice at once: still one task
    await jobs.runNow('contracts.daily', { today: '2027-01-06' });
    await Promise.all([jobs.runNow('contracts.daily', { today: '2027-01-07' }), jobs.runNow('contracts.daily', { today: '2027-01-07' })]);
    expect(await renewalTasks()).toHaveLength(1);
    await jobs.runNow('contracts.daily', { today: '2027-01-21' });
    expect((await get(rep1, soon.id)).status).toBe('expired');
    expect((await get(rep1, later.id)).status).toBe('active');
    const history = (await t.http.get(`/api/v1/contracts/${soon.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string; actorName: string | null }[];
    expect(history[0]).toMatchObject({ action: 'expire', actorName: null });
    expect(history.map((h) => h.action)).toContain('renewal');
  }, 60000);

  it('attachments: upload, list, download with the same bytes and a UTF-8 name, delete; refused by type (415) and size (413)', async () => {
    const c = await create(rep1, simple(account1));
    const up = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', PDF, { filename: '购销合同-盖章版.pdf', contentType: 'application/pdf' }).expect(201);
    expect(up.body).toMatchObject({ fileName: '购销合同-盖章版.pdf', fileType: 'pdf', contentType: 'application/pdf', sizeBytes: PDF.length, uploadedById: rep1.id, uploadedByName: 'Rep One' });
    const list = (await t.http.get(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).expect(200)).body.data as { id: string }[];
    expect(list.map((a) => a.id)).toEqual([up.body.id]);
    const dl = await t.http.get(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(dl.body as Buffer, PDF)).toBe(0);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('购销合同-盖章版.pdf')}`);
    // the manager above reads it too
    await t.http.get(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(manager.token)).expect(200);

    // the type comes from the bytes: a script named .pdf is refused, whatever the client claims
    const script = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', Buffer.from('#!/bin/sh\necho hi\n'), { filename: 'invoice.pdf', contentType: 'application/pdf' }).expect(415);
    expect(script.body).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const exe = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'setup.exe').expect(415);
    expect(exe.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    // the message follows the request's language
    const zh = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).set('Accept-Language', 'zh-CN').attach('file', Buffer.from('plain text'), 'a.txt').expect(415);
    expect(zh.body.detail).toContain('不支持该文件类型');
    // too large: 413 with its code, nothing stored
    const big = Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(MAX_BYTES)]);
    const tooBig = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', big, 'big.pdf').expect(413);
    expect(tooBig.body).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(tooBig.body.detail).toContain('MB');
    // exactly the limit passes; a PNG too
    await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', big.subarray(0, MAX_BYTES), 'limit.pdf').expect(201);
    await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', PNG, 'stamp.png').expect(201);
    const noFile = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).field('x', '1').expect(400);
    expect(noFile.body.code).toBe('FILE_REQUIRED');
    expect(((await t.http.get(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).expect(200)).body.data as unknown[]).length).toBe(3);

    await t.http.delete(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).expect(204);
    await t.http.get(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).expect(404);
    const history = (await t.http.get(`/api/v1/contracts/${c.id}/history`).set(bearer(rep1.token)).expect(200)).body.data as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['attach', 'detach']));
  });

  it('stores attachment bytes under FILES_DIR when it is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyuan-files-'));
    const t2 = await startApp({ url: t.url, config: { filesDir: dir, filesMaxBytes: MAX_BYTES } });
    try {
      const c = await create(rep1, simple(account1));
      const up = await t2.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', PDF, '扫描件.pdf').expect(201);
      expect(readdirSync(dir)).toEqual([up.body.id]);
      const dl = await t2.http.get(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(dl.body as Buffer, PDF)).toBe(0);
      // a file whose upload rolled back (no row) and the file of a removed attachment go with the sweep, after the grace
      writeFileSync(join(dir, '00000000-0000-4000-8000-000000000000'), PDF);
      await t2.http.delete(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).expect(204);
      await t2.http.get(`/api/v1/contracts/${c.id}/attachments/${up.body.id}`).set(bearer(rep1.token)).expect(404);
      const files = t2.app.get(AttachmentsService);
      const kept = await t2.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', PDF, '保留.pdf').expect(201);
      expect(await files.sweepOrphans(60_000)).toBe(0); // everything is younger than the grace
      expect(await files.sweepOrphans(0)).toBe(2);
      expect(readdirSync(dir)).toEqual([kept.body.id]);
    } finally {
      await t2.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it('keeps every contract path inside the data scope: another rep gets 404, never the contract nor its files', async () => {
    const c = await create(rep1, simple(account1, { endDate: '2027-06-30', signDate: '2026-06-01' }));
    const file = await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(bearer(rep1.token)).attach('file', PDF, 'scan.pdf').expect(201);
    const other = bearer(rep2.token);
    const list = (await t.http.get('/api/v1/contracts?limit=200').set(other).expect(200)).body.data as Contract[];
    expect(list.find((x) => x.id === c.id)).toBeUndefined();
    await t.http.get(`/api/v1/contracts/${c.id}`).set(other).expect(404);
    await t.http.get(`/api/v1/contracts/${c.id}/history`).set(other).expect(404);
    await t.http.get(`/api/v1/contracts/${c.id}/attachments`).set(other).expect(404);
    await t.http.get(`/api/v1/contracts/${c.id}/attachments/${file.body.id}`).set(other).expect(404);
    await t.http.post(`/api/v1/contracts/${c.id}/attachments`).set(other).attach('file', PDF, 'x.pdf').expect(404);
    await t.http.delete(`/api/v1/contracts/${c.id}/attachments/${file.body.id}`).set(other).expect(404);
    await t.http.patch(`/api/v1/contracts/${c.id}`).set(other).send({ notes: 'x' }).expect(404);
    await t.http.post(`/api/v1/contracts/${c.id}/submit`).set(other).expect(404);
    // an attachment id under another contract of one's own: 404 (files are reached through their record only)
    const mine = await create(rep2, simple(account2));
    await t.http.get(`/api/v1/contracts/${mine.id}/attachments/${file.body.id}`).set(other).expect(404);
    await t.http.delete(`/api/v1/contracts/${mine.id}/attachments/${file.body.id}`).set(other).expect(404);
    const otherManager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.south });
    await t.http.get(`/api/v1/contracts/${c.id}`).set(bearer(otherManager.token)).expect(404);
    await t.http.get(`/api/v1/contracts/${c.id}/attachments/${file.body.id}`).set(bearer(otherManager.token)).expect(404);
    const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await t.http.get('/api/v1/contracts').set(bearer(service.token)).expect(403);
    await t.http.get(`/api/v1/contracts/${c.id}/attachments/${file.body.id}`).set(bearer(service.token)).expect(403);
    // reps do not delete; the manager above deletes a draft
    await t.http.delete(`/api/v1/contracts/${c.id}`).set(bearer(rep1.token)).expect(403);
    // filters: end and sign date ranges, owner, status (the manager's department view)
    const m = bearer(manager.token);
    const byEnd = (await t.http.get('/api/v1/contracts?endDateFrom=2027-06-30&endDateTo=2027-06-30&limit=200').set(m).expect(200)).body.data as Contract[];
    expect(byEnd.map((x) => x.id)).toContain(c.id);
    const bySign = (await t.http.get('/api/v1/contracts?signDateFrom=2026-06-02&limit=200').set(m).expect(200)).body.data as Contract[];
    expect(bySign.map((x) => x.id)).not.toContain(c.id);
    const byOwner = (await t.http.get(`/api/v1/contracts?ownerId=${rep1.id}&status=draft&accountId=${account1}&limit=200`).set(m).expect(200)).body.data as Contract[];
    expect(byOwner.map((x) => x.id)).toContain(c.id);
    expect((await t.http.get('/api/v1/contracts?status=signed').set(m).expect(400)).body.errors[0].field).toBe('status');
    const csv = await t.http.get('/api/v1/contracts/export?lang=zh-CN').set(m).expect(200);
    expect(csv.text).toContain('合同编号');
    expect(csv.text).toContain(c.number);
    await t.http.delete(`/api/v1/contracts/${c.id}`).set(m).expect(204);
    await t.http.get(`/api/v1/contracts/${c.id}`).set(m).expect(404);
  });
});
