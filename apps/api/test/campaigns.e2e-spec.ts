import { randomUUID } from 'node:crypto';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Stage = { id: string; nameZh: string; kind: string };

/** Campaigns: CRUD and validation, stats with ROI against hand-computed figures, the live segment, links, scope and permissions. */
describe('campaigns (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let marketing: U;
  let rep: U;
  let otherRep: U;
  let agent: U;
  let wonStage: Stage;
  let account: string;
  let seq = 0;

  const campaign = async (who: U | 'admin', body: Record<string, unknown> = {}, expectStatus = 201) => {
    const res = await t.http
      .post('/api/v1/campaigns')
      .set(who === 'admin' ? admin : bearer(who.token))
      .send({ name: `活动 ${++seq}`, type: 'event', startDate: '2026-09-01', ...body });
    if (res.status !== expectStatus) throw new Error(`create campaign: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const lead = async (who: U, body: Record<string, unknown>, expectStatus = 201) => {
    const res = await t.http.post('/api/v1/leads').set(bearer(who.token)).send({ name: `线索 ${++seq}`, ...body });
    if (res.status !== expectStatus) throw new Error(`create lead: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const opportunity = async (who: U, body: Record<string, unknown>, expectStatus = 201) => {
    const res = await t.http.post('/api/v1/opportunities').set(bearer(who.token)).send({ name: `商机 ${++seq}`, accountId: account, ...body });
    if (res.status !== expectStatus) throw new Error(`create opportunity: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const win = (who: U, id: string) => t.http.post(`/api/v1/opportunities/${id}/move`).set(bearer(who.token)).send({ stageId: wonStage.id }).expect(200);
  const stats = async (who: U, id: string) => (await t.http.get(`/api/v1/campaigns/${id}/stats`).set(bearer(who.token)).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    marketing = await createUser(t, org, { role: 'marketing', name: 'Marketing' });
    rep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    otherRep = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    agent = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service, name: 'Agent' });
    account = (await t.http.post('/api/v1/accounts').set(bearer(rep.token)).send({ name: '华东客户有限公司' }).expect(201)).body.id;
    const pipelines = await t.http.get('/api/v1/pipelines').set(bearer(rep.token)).expect(200);
    wonStage = pipelines.body.data.find((p: { isDefault: boolean }) => p.isDefault).stages.find((s: Stage) => s.kind === 'won');
  });
  afterAll(() => t.close());

  it('creates, reads, updates and lists campaigns with money as decimal strings', async () => {
    const c = await campaign(marketing, { budget: 60000, actualCost: '52000.5', expectedRevenue: '300000', endDate: '2026-09-02', description: '发布会' });
    expect(c).toMatchObject({
      type: 'event',
      status: 'planned',
      startDate: '2026-09-01',
      endDate: '2026-09-02',
      budget: '60000.00',
      actualCost: '52000.50',
      expectedRevenue: '300000.00',
      currency: 'CNY',
      ownerId: marketing.id,
      ownerName: 'Marketing',
      targetSegment: null,
      version: 1,
    });
    expect(c.actions).toEqual(expect.arrayContaining(['edit', 'delete']));
    const patched = await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).send({ status: 'active', budget: null, version: 1 }).expect(200);
    expect(patched.body).toMatchObject({ status: 'active', budget: null, version: 2 });
    await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).send({ status: 'completed', version: 1 }).expect(412);
    // audited: the timeline lists the creation and the change, newest first
    const timeline = await t.http.get(`/api/v1/campaigns/${c.id}/timeline`).set(bearer(marketing.token)).expect(200);
    expect(timeline.body.data.map((e: { kind: string }) => e.kind)).toEqual(['change', 'change']);
    expect(timeline.body.data[0].change.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'status', old: 'planned', new: 'active', type: 'option' }), expect.objectContaining({ field: 'budget', old: '60000.00', new: null })]),
    );
    await t.http.get(`/api/v1/campaigns/${c.id}/timeline`).set(bearer(agent.token)).expect(403);
    const detail = await t.http.get(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).expect(200);
    expect(detail.body).toMatchObject({ id: c.id, status: 'active', stats: { leads: 0, opportunities: 0, roi: '-1.0000', costPerLead: null, wonAmount: '0.00' } });

    const sms = await campaign(marketing, { type: 'sms', status: 'active', startDate: '2026-10-15' });
    const ad = await campaign(marketing, { type: 'ad', status: 'cancelled', startDate: '2026-11-20' });
    const ids = (q: string) => t.http.get(`/api/v1/campaigns?${q}`).set(bearer(marketing.token)).expect(200).then((r) => r.body.data.map((x: { id: string }) => x.id));
    expect(await ids('type=sms')).toEqual([sms.id]);
    expect(await ids('status=cancelled')).toEqual([ad.id]);
    expect(await ids('startDateFrom=2026-10-01&startDateTo=2026-10-31')).toEqual([sms.id]);
    expect(await ids(`ownerId=${marketing.id}&sort=-startDate&startDateFrom=2026-09-01`)).toEqual([ad.id, sms.id, c.id]);
    expect(await ids(`sort=startDate&limit=1&startDateFrom=2026-09-01`)).toEqual([c.id]);
    await t.http.get('/api/v1/campaigns?type=tv').set(bearer(marketing.token)).expect(400);
    await t.http.get('/api/v1/campaigns?sort=-budgetz').set(bearer(marketing.token)).expect(400);
    const csv = await t.http.get('/api/v1/campaigns/export?type=sms&lang=en-US').set(bearer(marketing.token)).expect(200);
    expect(csv.text).toContain('SMS');
  });

  it('refuses bad input with the field and a stable code', async () => {
    const end = await campaign(marketing, { startDate: '2026-09-10', endDate: '2026-09-09' }, 400);
    expect(end).toMatchObject({ code: 'CAMPAIGN_END_BEFORE_START', errors: [{ field: 'endDate', code: 'CAMPAIGN_END_BEFORE_START' }] });
    const bad = await campaign(marketing, { type: 'tv', budget: '12.345', currency: 'XXY', status: 'done' }, 400);
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['budget', 'currency', 'status', 'type']);
    const missing = await t.http.post('/api/v1/campaigns').set(bearer(marketing.token)).send({ name: 'x', type: 'event' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['startDate']);
    const segment = await campaign(marketing, { targetSegment: { target: 'contacts', filter: { match: 'all', conditions: [{ field: 'salary', op: 'eq', value: 1 }] } } }, 400);
    expect(segment).toMatchObject({ code: 'FILTER_UNKNOWN_FIELD', errors: [{ field: 'targetSegment.filter.conditions[0].field' }] });
    // a PATCH checks the end against the stored start
    const c = await campaign(marketing, { startDate: '2026-09-10' });
    const patch = await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).send({ endDate: '2026-09-01' }).expect(400);
    expect(patch.body.code).toBe('CAMPAIGN_END_BEFORE_START');
    await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).send({ name: null }).expect(400);
  });

  it('computes ROI and cost per lead from leads converted and an opportunity won through the API', async () => {
    const c = await campaign(marketing, { actualCost: '50000.00' });
    // four leads; two converted with an opportunity (the opportunity takes the lead's campaign)
    const leads = [await lead(rep, { campaignId: c.id }), await lead(rep, { campaignId: c.id }), await lead(rep, { campaignId: c.id }), await lead(otherRep, { campaignId: c.id })];
    expect(leads[0]).toMatchObject({ campaignId: c.id, campaignName: c.name });
    const conv1 = await t.http.post(`/api/v1/leads/${leads[0].id}/convert`).set(bearer(rep.token)).send({ opportunity: { amount: '120000.00' } }).expect(200);
    expect(conv1.body.opportunity).toMatchObject({ campaignId: c.id, campaignName: c.name, amount: '120000.00' });
    const conv2 = await t.http.post(`/api/v1/leads/${leads[1].id}/convert`).set(bearer(rep.token)).send({ opportunity: { amount: '30000.00' } }).expect(200);
    // one opportunity linked directly, in another rep's scope: stats count it for every campaign reader
    const direct = await opportunity(rep, { campaignId: c.id, amount: '60000.00' });
    await win(rep, conv1.body.opportunity.id);
    await win(rep, direct.id);
    // a deleted opportunity does not count at all
    const gone = await opportunity(rep, { campaignId: c.id, amount: '99999.00' });
    await win(rep, gone.id);
    await t.http.delete(`/api/v1/opportunities/${gone.id}`).set(admin).expect(204);

    // leads 4, converted 2, opportunities 3 (conv1, conv2, direct), won 2: 120000 + 60000 = 180000
    // ROI = (180000 − 50000) / 50000 = 2.6; cost per lead = 50000 / 4 = 12500
    const expected = {
      leads: 4,
      convertedLeads: 2,
      opportunities: 3,
      wonOpportunities: 2,
      wonAmounts: [{ currency: 'CNY', amount: '180000.00' }],
      wonAmount: '180000.00',
      currency: 'CNY',
      actualCost: '50000.00',
      roi: '2.6000',
      costPerLead: '12500.00',
    };
    expect(await stats(marketing, c.id)).toEqual(expected);
    // the same aggregate for a rep who reads campaigns but owns only some of the records
    expect(await stats(otherRep, c.id)).toEqual(expected);
    expect((await t.http.get(`/api/v1/campaigns/${c.id}`).set(bearer(rep.token)).expect(200)).body.stats).toEqual(expected);
    expect(conv2.body.opportunity.campaignId).toBe(c.id);

    // a cost of 30000 gives (180000 − 30000) / 30000 = 5; 7 leads would be 4285.71 but stay 4
    await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(marketing.token)).send({ actualCost: '30000' }).expect(200);
    expect(await stats(marketing, c.id)).toMatchObject({ roi: '5.0000', costPerLead: '7500.00' });
    // a won deal in another currency: no single figure, no ROI (currencies are not added), sums per currency
    const usd = await opportunity(rep, { campaignId: c.id, amount: '1000.00', currency: 'USD' });
    await win(rep, usd.id);
    expect(await stats(marketing, c.id)).toMatchObject({
      wonAmounts: [{ currency: 'CNY', amount: '180000.00' }, { currency: 'USD', amount: '1000.00' }],
      wonAmount: null,
      roi: null,
      wonOpportunities: 3,
    });
  });

  it('answers a null ROI on zero or no cost and a null cost per lead without leads', async () => {
    const free = await campaign(marketing, { actualCost: '0' });
    await lead(rep, { campaignId: free.id });
    const o = await opportunity(rep, { campaignId: free.id, amount: '5000' });
    await win(rep, o.id);
    expect(await stats(marketing, free.id)).toMatchObject({ leads: 1, wonAmount: '5000.00', roi: null, costPerLead: '0.00' });
    const none = await campaign(marketing, {});
    expect(await stats(marketing, none.id)).toMatchObject({ actualCost: null, roi: null, costPerLead: null, leads: 0 });
    const noLeads = await campaign(marketing, { actualCost: '800.00' });
    const body = await stats(marketing, noLeads.id);
    expect(body).toMatchObject({ leads: 0, costPerLead: null, roi: '-1.0000' });
    expect(JSON.stringify(body)).not.toMatch(/Infinity|NaN/);
  });

  it('counts the target segment live, in the reader’s data scope', async () => {
    const tag = `Seg${Date.now()}`;
    const c = await campaign(marketing, { targetSegment: { target: 'contacts', filter: { match: 'all', conditions: [{ field: 'name', op: 'startsWith', value: tag }] } } });
    expect(c.targetSegment).toEqual({ target: 'contacts', filter: { match: 'all', conditions: [{ field: 'name', op: 'startsWith', value: tag }] } });
    const segment = async (who: U) => (await t.http.get(`/api/v1/campaigns/${c.id}/segment`).set(bearer(who.token)).expect(200)).body;
    expect(await segment(marketing)).toEqual({ target: 'contacts', count: 0, countIsEstimate: false, data: [], nextCursor: null });
    await t.http.post('/api/v1/contacts').set(bearer(rep.token)).send({ name: `${tag} 王芳`, accountId: account }).expect(201);
    const one = await segment(marketing);
    expect(one).toMatchObject({ count: 1, data: [{ name: `${tag} 王芳`, accountName: '华东客户有限公司', ownerName: 'Rep East' }] });
    const southAccount = (await t.http.post('/api/v1/accounts').set(bearer(otherRep.token)).send({ name: '华南客户' }).expect(201)).body.id;
    await t.http.post('/api/v1/contacts').set(bearer(otherRep.token)).send({ name: `${tag} 李雷`, accountId: southAccount }).expect(201);
    await t.http.post('/api/v1/contacts').set(bearer(otherRep.token)).send({ name: `其他 ${tag}`, accountId: southAccount }).expect(201);
    expect((await segment(marketing)).count).toBe(2);
    // a rep counts only the contacts they may read
    expect((await segment(rep)).count).toBe(1);
    expect((await segment(otherRep)).data.map((m: { name: string }) => m.name)).toEqual([`${tag} 李雷`]);
    // paging through the members
    const page = await t.http.get(`/api/v1/campaigns/${c.id}/segment?limit=1`).set(bearer(marketing.token)).expect(200);
    expect(page.body.nextCursor).toBeTruthy();
    const next = await t.http.get(`/api/v1/campaigns/${c.id}/segment?limit=1&cursor=${page.body.nextCursor}`).set(bearer(marketing.token)).expect(200);
    expect(next.body.data[0].id).not.toBe(page.body.data[0].id);
    // an accounts segment, changed by PATCH
    await t.http
      .patch(`/api/v1/campaigns/${c.id}`)
      .set(bearer(marketing.token))
      .send({ targetSegment: { target: 'accounts', filter: { match: 'any', conditions: [{ field: 'name', op: 'eq', value: '华南客户' }] } } })
      .expect(200);
    expect(await segment(marketing)).toMatchObject({ target: 'accounts', count: 1, data: [{ id: southAccount, accountName: null }] });
  });

  it('links opportunities to a campaign: filter, unknown or deleted campaign 400, unlink', async () => {
    const c = await campaign(marketing, {});
    const linked = await opportunity(rep, { campaignId: c.id });
    await opportunity(rep, {});
    const list = await t.http.get(`/api/v1/opportunities?campaignId=${c.id}`).set(bearer(rep.token)).expect(200);
    expect(list.body.data.map((o: { id: string }) => o.id)).toEqual([linked.id]);
    expect(list.body.data[0]).toMatchObject({ campaignId: c.id, campaignName: c.name });
    const advanced = encodeURIComponent(JSON.stringify({ match: 'all', conditions: [{ field: 'campaignId', op: 'eq', value: c.id }] }));
    expect((await t.http.get(`/api/v1/opportunities?filter=${advanced}`).set(bearer(rep.token)).expect(200)).body.total).toBe(1);

    const unknown = await opportunity(rep, { campaignId: randomUUID() }, 400);
    expect(unknown).toMatchObject({ code: 'OPPORTUNITY_UNKNOWN_CAMPAIGN', errors: [{ field: 'campaignId', code: 'OPPORTUNITY_UNKNOWN_CAMPAIGN' }] });
    const patch = await t.http.patch(`/api/v1/opportunities/${linked.id}`).set(bearer(rep.token)).send({ campaignId: randomUUID() }).expect(400);
    expect(patch.body.code).toBe('OPPORTUNITY_UNKNOWN_CAMPAIGN');
    const badLead = await lead(rep, { campaignId: randomUUID() }, 400);
    expect(badLead).toMatchObject({ code: 'LEAD_UNKNOWN_CAMPAIGN', errors: [{ field: 'campaignId' }] });
    await t.http.get(`/api/v1/opportunities?campaignId=not-a-uuid`).set(bearer(rep.token)).expect(400);

    const unlinked = await t.http.patch(`/api/v1/opportunities/${linked.id}`).set(bearer(rep.token)).send({ campaignId: null }).expect(200);
    expect(unlinked.body).toMatchObject({ campaignId: null, campaignName: null });

    // a deleted campaign cannot be linked any more, and opens as 404
    const old = await campaign(marketing, {});
    await t.http.delete(`/api/v1/campaigns/${old.id}`).set(bearer(marketing.token)).expect(204);
    expect((await opportunity(rep, { campaignId: old.id }, 400)).code).toBe('OPPORTUNITY_UNKNOWN_CAMPAIGN');
    await t.http.get(`/api/v1/campaigns/${old.id}`).set(bearer(marketing.token)).expect(404);
    await t.http.get(`/api/v1/campaigns/${old.id}/stats`).set(bearer(marketing.token)).expect(404);
    await t.http.get(`/api/v1/campaigns/${old.id}/segment`).set(bearer(marketing.token)).expect(404);
    const listed = await t.http.get('/api/v1/campaigns?limit=200').set(bearer(marketing.token)).expect(200);
    expect(listed.body.data.map((x: { id: string }) => x.id)).not.toContain(old.id);
    // an admin restores it
    await t.http.post(`/api/v1/campaigns/${old.id}/restore`).set(admin).expect(200);
    await t.http.get(`/api/v1/campaigns/${old.id}`).set(bearer(marketing.token)).expect(200);
  });

  it('lets marketing manage campaigns, sales reps read them, and others nothing', async () => {
    const c = await campaign(marketing, {});
    // a service agent has no campaigns permission
    await t.http.get('/api/v1/campaigns').set(bearer(agent.token)).expect(403);
    await t.http.get(`/api/v1/campaigns/${c.id}`).set(bearer(agent.token)).expect(403);
    await t.http.get(`/api/v1/campaigns/${c.id}/stats`).set(bearer(agent.token)).expect(403);
    await t.http.get(`/api/v1/campaigns/${c.id}/segment`).set(bearer(agent.token)).expect(403);
    // a sales rep reads (to link deals) but does not change campaigns
    await t.http.get(`/api/v1/campaigns/${c.id}`).set(bearer(rep.token)).expect(200);
    const listed = await t.http.get('/api/v1/campaigns').set(bearer(rep.token)).expect(200);
    expect(listed.body.data.find((x: { id: string }) => x.id === c.id).actions).toEqual([]);
    await campaign(rep, {}, 403);
    await t.http.patch(`/api/v1/campaigns/${c.id}`).set(bearer(rep.token)).send({ status: 'active' }).expect(403);
    await t.http.delete(`/api/v1/campaigns/${c.id}`).set(bearer(rep.token)).expect(403);
    await t.http.get('/api/v1/campaigns/export').set(bearer(rep.token)).expect(403);
    // restore needs the special permission
    await t.http.post(`/api/v1/campaigns/${c.id}/restore`).set(bearer(marketing.token)).expect(403);
  });

  it('refuses the segment to a campaign reader who may not read its target list', async () => {
    const c = await campaign(marketing, { targetSegment: { target: 'accounts', filter: { match: 'all', conditions: [] } } });
    const role = await t.http
      .post('/api/v1/roles')
      .set(admin)
      .send({ key: 'campaign_viewer', name: 'Campaign viewer', permissions: [{ module: 'campaigns', actions: ['read'], scope: 'all' }] })
      .expect(201);
    const viewer = await createUser(t, org, { role: role.body.id, departmentId: org.depts.sales, name: 'Viewer' });
    await t.http.get(`/api/v1/campaigns/${c.id}/stats`).set(bearer(viewer.token)).expect(200);
    const seg = await t.http.get(`/api/v1/campaigns/${c.id}/segment`).set(bearer(viewer.token)).expect(403);
    expect(seg.body.code).toBe('CAMPAIGN_SEGMENT_FORBIDDEN');
    // the same segment counts every account for marketing (accounts read, all)
    expect((await t.http.get(`/api/v1/campaigns/${c.id}/segment`).set(bearer(marketing.token)).expect(200)).body.count).toBeGreaterThan(0);
  });

  it('checks the campaign of a lead form', async () => {
    const bad = await t.http.post('/api/v1/lead-forms').set(admin).send({ name: 'Expo form', campaignId: randomUUID() }).expect(400);
    expect(bad.body).toMatchObject({ code: 'LEAD_UNKNOWN_CAMPAIGN', errors: [{ field: 'campaignId' }] });
    const c = await campaign(marketing, {});
    const form = await t.http.post('/api/v1/lead-forms').set(admin).send({ name: 'Expo form', campaignId: c.id }).expect(201);
    expect(form.body.campaignId).toBe(c.id);
  });
});
