import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { WEBHOOK_EVENT_TYPES } from '@keyuan/shared';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

/** The change feed: every committed event once, in order, even when transactions commit out of order. */
describe('change feed (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const admin = () => bearer(org.adminToken);
  type Page = { data: { id: string; types: string[]; data: { id: string; object: string } }[]; nextCursor: string; hasMore: boolean };
  const page = async (query: string): Promise<Page> => (await t.http.get(`/api/v1/events${query}`).set(admin()).expect(200)).body;
  /** Every event after the cursor (following hasMore); other databases' transactions on the shared server may hold the horizon a moment. */
  const drain = async (cursor: string | null, until?: (ids: string[]) => boolean) => {
    const ids: string[] = [];
    let after = cursor;
    for (let tries = 0; tries < 300; tries++) {
      const p = await page(after ? `?after=${after}&limit=500` : '?limit=500');
      ids.push(...p.data.map((e) => e.data.id));
      after = p.nextCursor;
      if (!p.hasMore && (!until || until(ids))) break;
      if (!p.hasMore) await new Promise((r) => setTimeout(r, 100));
    }
    return { ids, cursor: after! };
  };

  it('lists committed record events in order, filtered by type, as webhooks name them', async () => {
    const lead = (await t.http.post('/api/v1/leads').set(admin()).send({ name: 'Feed lead', source: 'web' }).expect(201)).body;
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(admin()).send({ title: 'CEO', version: lead.version }).expect(200);
    const all = await drain(null, (ids) => ids.filter((i) => i === lead.id).length === 2);
    expect(all.ids.filter((i) => i === lead.id)).toHaveLength(2);
    const created = await page('?types=lead.updated&limit=500');
    expect(created.data.filter((e) => e.data.id === lead.id).map((e) => e.types)).toEqual([['lead.updated']]);
    await t.http.get('/api/v1/events?after=bm9wZQ').set(admin()).expect(400);
    await t.http.get('/api/v1/events?types=lead.exploded').set(admin()).expect(400);
  });

  it('never skips an event of a transaction that took its position first but committed last', async () => {
    const start = (await drain(null)).cursor;
    const audit = t.app.get(AuditService);
    const early = randomUUID();
    const late = randomUUID();
    const t1 = ds.createQueryRunner();
    const t2 = ds.createQueryRunner();
    await t1.connect();
    await t2.connect();
    try {
      await t1.startTransaction();
      await audit.record(t1.manager, null, 'create', 'lead', early, []);
      await t2.startTransaction();
      await audit.record(t2.manager, null, 'create', 'lead', late, []);
      await t2.commitTransaction();
      // t2 committed, t1 (the earlier position) still runs: the feed serves neither yet
      const during = await page(`?after=${start}&limit=500`);
      expect(during.data.map((e) => e.data.id)).not.toContain(late);
      expect(during.data.map((e) => e.data.id)).not.toContain(early);
      const cursor = during.nextCursor;
      await t1.commitTransaction();
      const after = await drain(cursor, (ids) => ids.includes(early) && ids.includes(late));
      expect(after.ids.filter((i) => i === early || i === late).sort()).toEqual([early, late].sort());
      // and nothing again after that
      const again = await drain(after.cursor);
      expect(again.ids).not.toContain(early);
      expect(again.ids).not.toContain(late);
    } finally {
      if (t1.isTransactionActive) await t1.rollbackTransaction();
      await t1.release();
      await t2.release();
    }
  });

  it('serves the events of the records in the reader\'s own scope only, phones and emails masked', async () => {
    // a sync role: every contact, but only its own leads
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin())
      .send({
        key: 'feed_reader',
        name: 'Feed reader',
        permissions: [
          { module: 'integrations', actions: ['read'], scope: 'all' },
          { module: 'contacts', actions: ['read'], scope: 'all' },
          { module: 'leads', actions: ['read'], scope: 'own' },
          // opportunities' alias is `o`: the visibility SQL must not mix it up with the feed's own
          { module: 'opportunities', actions: ['read'], scope: 'own' },
        ],
      })
      .expect(201);
    const reader = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
    const lead = (await t.http.post('/api/v1/leads').set(admin()).send({ name: '范围外线索', phone: '13800138123' }).expect(201)).body;
    const account = (await t.http.post('/api/v1/accounts').set(admin()).send({ name: '订阅范围客户' }).expect(201)).body;
    const mine = (await t.http.post('/api/v1/leads').set(admin()).send({ name: '我的线索', ownerId: reader.id }).expect(201)).body;
    const contact = (await t.http.post('/api/v1/contacts').set(admin()).send({ name: '范围内联系人', accountId: account.id, mobile: '13900139123' }).expect(201)).body;
    let seen: Page['data'] = [];
    let after = '';
    for (let tries = 0; tries < 300 && !(seen.some((e) => e.data.id === contact.id) && seen.some((e) => e.data.id === mine.id)); tries++) {
      const p = (await t.http.get(`/api/v1/events?limit=500${after ? `&after=${after}` : ''}`).set(bearer(reader.token)).expect(200)).body as Page;
      seen = [...seen, ...p.data];
      after = p.nextCursor;
      if (!p.hasMore) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen.some((e) => e.data.id === contact.id)).toBe(true);
    // the reader's own lead is there, another owner's lead never
    expect(seen.some((e) => e.data.id === mine.id)).toBe(true);
    expect(seen.some((e) => e.data.id === lead.id)).toBe(false);
    expect(seen.filter((e) => e.data.object === 'lead').every((e) => e.data.id === mine.id)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('13900139123');
    // asking for leads explicitly gives only the own one
    const leads = (await t.http.get('/api/v1/events?types=lead.created&limit=500').set(bearer(reader.token)).expect(200)).body as Page;
    expect(leads.data.map((e) => e.data.id)).toEqual([mine.id]);
    // a role that reads no leads at all gets no lead events
    const none = await t.http
      .post('/api/v1/roles')
      .set(admin())
      .send({ key: 'feed_contacts', name: 'Feed contacts', permissions: [{ module: 'integrations', actions: ['read'], scope: 'all' }, { module: 'contacts', actions: ['read'], scope: 'all' }] })
      .expect(201);
    const other = await createUser(t, org, { role: none.body.id, departmentId: org.depts.east });
    const noLeads = (await t.http.get('/api/v1/events?types=lead.created&limit=500').set(bearer(other.token)).expect(200)).body as Page;
    expect(noLeads.data).toEqual([]);
  });

  it('carries payment.received and payment.reversed, for readers of the payment only', async () => {
    const account = (await t.http.post('/api/v1/accounts').set(admin()).send({ name: '回款事件客户' }).expect(201)).body;
    const contract = (await t.http.post('/api/v1/contracts').set(admin()).send({ accountId: account.id, title: '事件合同', amount: '1000.00' }).expect(201)).body;
    await t.http.post(`/api/v1/contracts/${contract.id}/submit`).set(admin()).expect(200);
    const today = new Date().toISOString().slice(0, 10);
    const payment = (
      await t.http.post('/api/v1/payments').set(admin()).send({ contractId: contract.id, amount: '400.00', receivedDate: today, method: 'bank_transfer' }).expect(201)
    ).body;
    const reversal = (await t.http.post(`/api/v1/payments/${payment.id}/reverse`).set(admin()).send({ reason: '退回' }).expect(201)).body;
    type Ev = Page['data'][number];
    const collect = async (types: string, want: (seen: Ev[]) => boolean) => {
      let seen: Ev[] = [];
      for (let tries = 0; tries < 300 && !want(seen); tries++) {
        seen = (await page(`?types=${types}&limit=500`)).data;
        if (!want(seen)) await new Promise((r) => setTimeout(r, 100));
      }
      return seen;
    };
    const received = await collect('payment.received', (seen) => seen.some((e) => e.data.id === payment.id));
    expect(received.find((e) => e.data.id === payment.id)?.types).toEqual(['payment.created', 'payment.received']);
    // the reversal is a negative payment: created and reversed, never received
    expect(received.some((e) => e.data.id === reversal.id)).toBe(false);
    const reversed = await collect('payment.reversed', (seen) => seen.some((e) => e.data.id === reversal.id));
    expect(reversed.find((e) => e.data.id === reversal.id)?.types).toEqual(['payment.created', 'payment.reversed']);
    // a reader without the payments grant sees none of it
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin())
      .send({ key: 'feed_no_payments', name: 'No payments', permissions: [{ module: 'integrations', actions: ['read'], scope: 'all' }, { module: 'accounts', actions: ['read'], scope: 'all' }] })
      .expect(201);
    const other = await createUser(t, org, { role: role.body.id, departmentId: org.depts.east });
    const theirs = (await t.http.get('/api/v1/events?types=payment.received&limit=500').set(bearer(other.token)).expect(200)).body as Page;
    expect(theirs.data).toEqual([]);
  });

  it('emits every event type integrators may subscribe to, each from the API change that means it', async () => {
    const ok = (status: number, what: string) => (r: { status: number; body: { id?: string } & Record<string, unknown> }) => {
      if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const post = (path: string, body: Record<string, unknown> = {}, status = 201) => t.http.post(path).set(admin()).send(body).then(ok(status, `POST ${path}`));
    const patch = (path: string, body: Record<string, unknown>) => t.http.patch(path).set(admin()).send(body).then(ok(200, `PATCH ${path}`));
    const del = (path: string) => t.http.delete(path).set(admin()).then(ok(204, `DELETE ${path}`));
    const ids: Record<string, string> = {};
    // leads: created, updated, converted (→ account.created, contact.created), deleted
    const lead = await post('/api/v1/leads', { name: '事件全集', company: '事件全集有限公司', phone: '13600001111' });
    await patch(`/api/v1/leads/${lead.id}`, { title: '经理', version: lead.version });
    const conv = await post(`/api/v1/leads/${lead.id}/convert`, {}, 200);
    const gone = await post('/api/v1/leads', { name: '待删线索' });
    await del(`/api/v1/leads/${gone.id}`);
    Object.assign(ids, { lead: lead.id, goneLead: gone.id, account: conv.account.id, contact: conv.contact.id });
    // accounts and contacts: updated, deleted
    await patch(`/api/v1/accounts/${conv.account.id}`, { industry: 'it', version: conv.account.version });
    await patch(`/api/v1/contacts/${conv.contact.id}`, { title: '总监', version: conv.contact.version });
    const spareAccount = await post('/api/v1/accounts', { name: '待删客户' });
    const spareContact = await post('/api/v1/contacts', { name: '待删联系人', accountId: spareAccount.id });
    await del(`/api/v1/contacts/${spareContact.id}`);
    await del(`/api/v1/accounts/${spareAccount.id}`);
    Object.assign(ids, { spareAccount: spareAccount.id, spareContact: spareContact.id });
    // opportunities: created, updated, stage_changed, won, deleted
    const pipeline = (await t.http.get('/api/v1/pipelines').set(admin()).expect(200)).body.data.find((p: { isDefault: boolean }) => p.isDefault);
    const open = pipeline.stages.filter((s: { kind: string }) => s.kind === 'open');
    const won = pipeline.stages.find((s: { kind: string }) => s.kind === 'won');
    const opp = await post('/api/v1/opportunities', { name: '事件商机', accountId: conv.account.id, amount: '1000.00' });
    await patch(`/api/v1/opportunities/${opp.id}`, { name: '事件商机（改）', version: opp.version });
    await post(`/api/v1/opportunities/${opp.id}/move`, { stageId: open[1].id }, 200);
    await post(`/api/v1/opportunities/${opp.id}/move`, { stageId: won.id }, 200);
    const spareOpp = await post('/api/v1/opportunities', { name: '待删商机', accountId: conv.account.id });
    await del(`/api/v1/opportunities/${spareOpp.id}`);
    Object.assign(ids, { opp: opp.id, spareOpp: spareOpp.id });
    // quotes: created, updated, accepted, deleted
    const quote = await post('/api/v1/quotes', { accountId: conv.account.id, opportunityId: opp.id, lines: [{ name: '服务', quantity: '1', unitPrice: '100' }] });
    await patch(`/api/v1/quotes/${quote.id}`, { notes: '备注', version: quote.version });
    await post(`/api/v1/quotes/${quote.id}/submit`, {}, 200);
    await post(`/api/v1/quotes/${quote.id}/send`, {}, 200);
    await post(`/api/v1/quotes/${quote.id}/accept`, {}, 200);
    const spareQuote = await post('/api/v1/quotes', { accountId: conv.account.id, lines: [{ name: '服务', quantity: '1', unitPrice: '1' }] });
    await del(`/api/v1/quotes/${spareQuote.id}`);
    Object.assign(ids, { quote: quote.id, spareQuote: spareQuote.id });
    // contracts: created, updated, signed (active), deleted; payments: created and received
    const contract = await post('/api/v1/contracts', { accountId: conv.account.id, title: '事件合同', amount: '1000.00' });
    await patch(`/api/v1/contracts/${contract.id}`, { title: '事件合同（改）', version: contract.version });
    await post(`/api/v1/contracts/${contract.id}/submit`, {}, 200);
    const spareContract = await post('/api/v1/contracts', { accountId: conv.account.id, title: '待删合同', amount: '1.00' });
    await del(`/api/v1/contracts/${spareContract.id}`);
    const payment = await post('/api/v1/payments', { contractId: contract.id, amount: '100.00', receivedDate: new Date().toISOString().slice(0, 10), method: 'bank_transfer' });
    // a payment is never edited or deleted: its reversal (a negative payment) marks it (payment.updated)
    const reversal = await post(`/api/v1/payments/${payment.id}/reverse`, { reason: '退回' });
    Object.assign(ids, { contract: contract.id, spareContract: spareContract.id, payment: payment.id, reversal: reversal.id });
    // tickets: created, updated, resolved, deleted
    const ticket = await post('/api/v1/tickets', { subject: '事件工单' });
    await patch(`/api/v1/tickets/${ticket.id}`, { subject: '事件工单（改）', version: ticket.version });
    await post(`/api/v1/tickets/${ticket.id}/status`, { status: 'resolved' }, 200);
    const spareTicket = await post('/api/v1/tickets', { subject: '待删工单' });
    await del(`/api/v1/tickets/${spareTicket.id}`);
    // campaigns: created, updated, deleted
    const campaign = await post('/api/v1/campaigns', { name: '事件活动', type: 'event', startDate: '2026-12-01' });
    await patch(`/api/v1/campaigns/${campaign.id}`, { name: '事件活动（改）', version: campaign.version });
    await del(`/api/v1/campaigns/${campaign.id}`);
    Object.assign(ids, { ticket: ticket.id, spareTicket: spareTicket.id, campaign: campaign.id });

    const expected: [string, string][] = [
      ['lead.created', ids.lead], ['lead.updated', ids.lead], ['lead.converted', ids.lead], ['lead.deleted', ids.goneLead],
      ['account.created', ids.account], ['account.updated', ids.account], ['account.deleted', ids.spareAccount],
      ['contact.created', ids.contact], ['contact.updated', ids.contact], ['contact.deleted', ids.spareContact],
      ['opportunity.created', ids.opp], ['opportunity.updated', ids.opp], ['opportunity.stage_changed', ids.opp], ['opportunity.won', ids.opp],
      ['opportunity.deleted', ids.spareOpp],
      ['quote.created', ids.quote], ['quote.updated', ids.quote], ['quote.accepted', ids.quote], ['quote.deleted', ids.spareQuote],
      ['contract.created', ids.contract], ['contract.updated', ids.contract], ['contract.signed', ids.contract], ['contract.deleted', ids.spareContract],
      ['payment.created', ids.payment], ['payment.received', ids.payment], ['payment.updated', ids.payment], ['payment.reversed', ids.reversal],
      ['ticket.created', ids.ticket], ['ticket.updated', ids.ticket], ['ticket.resolved', ids.ticket], ['ticket.deleted', ids.spareTicket],
      ['campaign.created', ids.campaign], ['campaign.updated', ids.campaign], ['campaign.deleted', ids.campaign],
    ];
    const seen = new Set<string>();
    let after = '';
    for (let tries = 0; tries < 300 && !expected.every(([type, id]) => seen.has(`${type} ${id}`)); tries++) {
      const p = await page(`?limit=500${after ? `&after=${after}` : ''}`);
      for (const e of p.data) for (const type of e.types) seen.add(`${type} ${e.data.id}`);
      after = p.nextCursor;
      if (!p.hasMore) await new Promise((r) => setTimeout(r, 100));
    }
    expect(expected.map(([type, id]) => `${type} ${id}`).filter((x) => !seen.has(x))).toEqual([]);
    // every listed type is one of these, or sms.received (integrations-sms-events.e2e-spec)
    const proven = new Set([...expected.map(([type]) => type), 'sms.received']);
    expect(WEBHOOK_EVENT_TYPES.filter((type) => !proven.has(type))).toEqual([]);
  });

  it('needs the integrations permission', async () => {
    const rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east });
    await t.http.get('/api/v1/events').set(bearer(rep.token)).expect(403);
  });
});
