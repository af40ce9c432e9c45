import { DataSource } from 'typeorm';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };
type Stage = { id: string; nameZh: string; nameEn: string; probability: number; kind: string; forecastCategory: string; position: number };
type Pipeline = { id: string; nameZh: string; isDefault: boolean; stages: Stage[]; version: number };

/** Pipelines, opportunities, stage moves and history, board totals, scope, lead conversion with an opportunity. */
describe('opportunities (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let manager: U;
  let repEast: U;
  let repSouth: U;
  let main: Pipeline;
  let accountEast: string;
  let accountSouth: string;
  let seq = 0;

  const stage = (p: Pipeline, zh: string) => p.stages.find((s) => s.nameZh === zh)!;
  const mk = async (who: U, body: Record<string, unknown> = {}, expectStatus = 201) => {
    const res = await t.http
      .post('/api/v1/opportunities')
      .set(bearer(who.token))
      .send({ name: `商机 ${++seq}`, accountId: who === repSouth ? accountSouth : accountEast, ...body });
    if (res.status !== expectStatus) throw new Error(`create opportunity: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const move = (who: U, id: string, body: Record<string, unknown>) => t.http.post(`/api/v1/opportunities/${id}/move`).set(bearer(who.token)).send(body);

  beforeAll(async () => {
    t = await startApp();
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    manager = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.sales, name: 'Manager' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    accountEast = (await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: '华东客户有限公司' }).expect(201)).body.id;
    accountSouth = (await t.http.post('/api/v1/accounts').set(bearer(repSouth.token)).send({ name: '华南客户有限公司' }).expect(201)).body.id;
    const list = await t.http.get('/api/v1/pipelines').set(bearer(repEast.token)).expect(200);
    main = list.body.data.find((p: Pipeline) => p.isDefault);
  });
  afterAll(() => t.close());

  it('starts with the default pipeline of six stages', () => {
    expect(main.stages.map((s) => [s.nameZh, s.probability, s.kind, s.forecastCategory])).toEqual([
      ['初步接洽', 10, 'open', 'pipeline'],
      ['需求确认', 30, 'open', 'pipeline'],
      ['方案报价', 50, 'open', 'best_case'],
      ['谈判审核', 70, 'open', 'commit'],
      ['赢单', 100, 'won', 'closed'],
      ['输单', 0, 'lost', 'omitted'],
    ]);
  });

  it('creates an opportunity in the first stage with the stage probability, and an override that shows', async () => {
    const o = await mk(repEast, { amount: '128000.5', competitors: [' 销售易 ', '销售易'] });
    expect(o).toMatchObject({
      stageId: stage(main, '初步接洽').id,
      pipelineId: main.id,
      amount: '128000.50',
      currency: 'CNY',
      probability: 10,
      stageProbability: 10,
      probabilityOverridden: false,
      weightedAmount: '12800.05',
      ownerId: repEast.id,
      departmentId: org.depts.east,
      accountName: '华东客户有限公司',
      competitors: ['销售易'],
      stageNameZh: '初步接洽',
      wonAt: null,
      lostAt: null,
    });
    const over = await t.http.patch(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).send({ probability: 25, version: o.version }).expect(200);
    expect(over.body).toMatchObject({ probability: 25, stageProbability: 10, probabilityOverridden: true });
    // moving keeps an override; null follows the stage again
    const moved = await move(repEast, o.id, { stageId: stage(main, '方案报价').id }).expect(200);
    expect(moved.body).toMatchObject({ probability: 25, stageProbability: 50, probabilityOverridden: true });
    const back = await t.http.patch(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).send({ probability: null }).expect(200);
    expect(back.body).toMatchObject({ probability: 50, probabilityOverridden: false });
  });

  it('validates amount, currency, account and contact with field codes', async () => {
    const bad = await mk(repEast, { amount: '12.345', currency: 'XXY' }, 400);
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency']);
    const foreign = await mk(repEast, { accountId: accountSouth }, 400);
    expect(foreign).toMatchObject({ code: 'OPPORTUNITY_UNKNOWN_ACCOUNT', errors: [{ field: 'accountId' }] });
    const missing = await t.http.post('/api/v1/opportunities').set(bearer(repEast.token)).send({ name: 'x' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('accountId');
    const usd = await mk(repEast, { amount: '99.99', currency: 'usd' });
    expect(usd).toMatchObject({ currency: 'USD', amount: '99.99' });
    const contactSouth = (await t.http.post('/api/v1/contacts').set(bearer(repSouth.token)).send({ name: '联系人', accountId: accountSouth }).expect(201)).body.id;
    const wrongContact = await mk(repEast, { contactId: contactSouth }, 400);
    expect(wrongContact).toMatchObject({ code: 'OPPORTUNITY_UNKNOWN_CONTACT', errors: [{ field: 'contactId' }] });
  });

  it('moves between stages, records history with the time spent, sets won and lost dates, and requires a lost reason', async () => {
    const o = await mk(repEast);
    const ds = t.app.get(DataSource);
    // pretend it entered the first stage an hour ago
    await ds.query(`UPDATE opportunities SET stage_entered_at = now() - interval '1 hour' WHERE id = $1`, [o.id]);
    const m1 = await move(repEast, o.id, { stageId: stage(main, '需求确认').id, version: o.version }).expect(200);
    expect(m1.body).toMatchObject({ stageId: stage(main, '需求确认').id, probability: 30, version: o.version + 1 });
    const lost = await move(repEast, o.id, { stageId: stage(main, '输单').id }).expect(400);
    expect(lost.body).toMatchObject({ code: 'OPPORTUNITY_LOST_REASON_REQUIRED', errors: [{ field: 'lostReason', code: 'OPPORTUNITY_LOST_REASON_REQUIRED' }] });
    const blank = await move(repEast, o.id, { stageId: stage(main, '输单').id, lostReason: '   ' }).expect(400);
    expect(blank.body.code).toBe('OPPORTUNITY_LOST_REASON_REQUIRED');
    const lostOk = await move(repEast, o.id, { stageId: stage(main, '输单').id, lostReason: '价格高于竞品' }).expect(200);
    expect(lostOk.body).toMatchObject({ stageKind: 'lost', lostReason: '价格高于竞品', probability: 0, wonAt: null });
    expect(lostOk.body.lostAt).toBeTruthy();
    const won = await move(repEast, o.id, { stageId: stage(main, '赢单').id }).expect(200);
    expect(won.body).toMatchObject({ stageKind: 'won', lostReason: null, lostAt: null, probability: 100 });
    expect(won.body.wonAt).toBeTruthy();

    const history = await t.http.get(`/api/v1/opportunities/${o.id}/stage-history`).set(bearer(repEast.token)).expect(200);
    const rows = history.body.data as { fromStageId: string | null; toStageId: string; secondsInFrom: number | null; movedBy: string; movedByName: string; toStageNameZh: string }[];
    expect(rows.map((r) => r.toStageNameZh)).toEqual(['赢单', '输单', '需求确认', '初步接洽']);
    expect(rows[3]).toMatchObject({ fromStageId: null, secondsInFrom: null });
    expect(rows[2]).toMatchObject({ fromStageId: stage(main, '初步接洽').id, movedBy: repEast.id, movedByName: 'Rep East' });
    expect(rows[2].secondsInFrom).toBeGreaterThanOrEqual(3600);
    expect(rows[2].secondsInFrom).toBeLessThan(3700);

    // the timeline shows the move with readable stage names
    const timeline = await t.http.get(`/api/v1/opportunities/${o.id}/timeline`).set(bearer(repEast.token)).expect(200);
    const moves = timeline.body.data.filter((e: { change?: { action: string } }) => e.change?.action === 'move');
    expect(moves).toHaveLength(3);
    const stageChange = moves[0].change.changes.find((c: { field: string }) => c.field === 'stageId');
    expect(stageChange).toMatchObject({ type: 'reference', ref: 'stage', old: stage(main, '输单').id, new: stage(main, '赢单').id });
    expect(moves[0].change.labels).toMatchObject({ [stage(main, '输单').id]: '输单 / Lost', [stage(main, '赢单').id]: '赢单 / Won' });
  });

  it('takes activities and tasks about an opportunity: its account comes along, its timeline shows them, others cannot attach', async () => {
    const o = await mk(repEast, { name: '华东 ERP 对接' });
    const east = bearer(repEast.token);
    const call = await t.http
      .post('/api/v1/activities')
      .set(east)
      .send({ type: 'call', subject: '确认预算', content: '预算 50 万，下周给方案', opportunityId: o.id })
      .expect(201);
    expect(call.body).toMatchObject({ opportunityId: o.id, opportunityName: '华东 ERP 对接', accountId: accountEast, accountName: '华东客户有限公司' });
    const task = await t.http
      .post('/api/v1/tasks')
      .set(east)
      .send({ title: '发送方案', dueAt: '2030-01-10T02:00:00Z', opportunityId: o.id })
      .expect(201);
    expect(task.body).toMatchObject({ opportunityId: o.id, opportunityName: '华东 ERP 对接', accountId: accountEast });
    await move(repEast, o.id, { stageId: stage(main, '需求确认').id }).expect(200);

    const timeline = (await t.http.get(`/api/v1/opportunities/${o.id}/timeline`).set(east).expect(200)).body.data as { kind: string; id: string }[];
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['activity', 'task', 'change']));
    expect(timeline.find((e) => e.kind === 'activity')!.id).toBe(call.body.id);
    expect(timeline.find((e) => e.kind === 'task')!.id).toBe(task.body.id);
    // the lists filter by the opportunity; the account's timeline has them too
    expect((await t.http.get(`/api/v1/activities?opportunityId=${o.id}`).set(east).expect(200)).body.data.map((a: { id: string }) => a.id)).toEqual([call.body.id]);
    expect((await t.http.get(`/api/v1/tasks?opportunityId=${o.id}`).set(east).expect(200)).body.data.map((x: { id: string }) => x.id)).toEqual([task.body.id]);
    const accountTimeline = (await t.http.get(`/api/v1/accounts/${accountEast}/timeline`).set(east).expect(200)).body.data as { id: string }[];
    expect(accountTimeline.map((e) => e.id)).toEqual(expect.arrayContaining([call.body.id, task.body.id]));

    // another account than the opportunity's is a 400 on accountId; another rep's opportunity is a 404
    const other = (await t.http.post('/api/v1/accounts').set(east).send({ name: '华东另一家' }).expect(201)).body.id;
    const mismatch = await t.http.post('/api/v1/tasks').set(east).send({ title: 'x', dueAt: '2030-01-10T02:00:00Z', opportunityId: o.id, accountId: other }).expect(400);
    expect(mismatch.body).toMatchObject({ code: 'RELATED_ACCOUNT_MISMATCH', errors: [expect.objectContaining({ field: 'accountId' })] });
    const south = bearer(repSouth.token);
    await t.http.post('/api/v1/activities').set(south).send({ type: 'note', content: '偷看', opportunityId: o.id }).expect(404);
    await t.http.post('/api/v1/tasks').set(south).send({ title: 'x', dueAt: '2030-01-10T02:00:00Z', opportunityId: o.id }).expect(404);
    await t.http.get(`/api/v1/opportunities/${o.id}/timeline`).set(south).expect(404);
  });

  it('refuses a stage of another pipeline with 400', async () => {
    const renewals = (
      await t.http
        .post('/api/v1/pipelines')
        .set(admin)
        .send({ nameZh: '续约', nameEn: 'Renewals', stages: [{ nameZh: '续约洽谈', nameEn: 'Talks', probability: 40 }, { nameZh: '已续约', nameEn: 'Renewed', probability: 100, kind: 'won' }] })
        .expect(201)
    ).body as Pipeline;
    expect(renewals.stages.map((s) => s.forecastCategory)).toEqual(['pipeline', 'closed']);
    const o = await mk(repEast);
    const res = await move(repEast, o.id, { stageId: renewals.stages[0].id }).expect(400);
    expect(res.body).toMatchObject({ code: 'OPPORTUNITY_STAGE_NOT_IN_PIPELINE', errors: [{ field: 'stageId' }] });
    const mismatch = await mk(repEast, { pipelineId: main.id, stageId: renewals.stages[0].id }, 400);
    expect(mismatch.code).toBe('OPPORTUNITY_STAGE_NOT_IN_PIPELINE');
    // a switch of pipeline goes through PATCH with both, and lands in the new pipeline's first stage by default
    const sw = await t.http.patch(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).send({ pipelineId: renewals.id }).expect(200);
    expect(sw.body).toMatchObject({ pipelineId: renewals.id, stageId: renewals.stages[0].id, probability: 40 });
    // the pipeline holds it: no delete
    const del = await t.http.delete(`/api/v1/pipelines/${renewals.id}`).set(admin).expect(409);
    expect(del.body).toMatchObject({ code: 'PIPELINE_IN_USE', count: 1 });
  });

  it('answers 412 on a stale version and lets one of two parallel moves from the same version win', async () => {
    const o = await mk(repEast);
    await move(repEast, o.id, { stageId: stage(main, '需求确认').id, version: o.version }).expect(200);
    const stale = await move(repEast, o.id, { stageId: stage(main, '方案报价').id, version: o.version }).expect(412);
    expect(stale.body.code).toBe('STALE_VERSION');
    const fresh = (await t.http.get(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).expect(200)).body;
    const results = await Promise.all([
      move(repEast, o.id, { stageId: stage(main, '方案报价').id, version: fresh.version }),
      move(repEast, o.id, { stageId: stage(main, '谈判审核').id, version: fresh.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = await t.http.get(`/api/v1/opportunities/${o.id}/stage-history`).set(bearer(repEast.token)).expect(200);
    expect(history.body.data).toHaveLength(3);
    const ifMatch = await t.http
      .patch(`/api/v1/opportunities/${o.id}`)
      .set(bearer(repEast.token))
      .set('If-Match', String(fresh.version))
      .send({ nextStep: 'x' })
      .expect(412);
    expect(ifMatch.body.code).toBe('STALE_VERSION');
  });

  it('manages stages: add, rename, reorder, and delete only when empty (409 with the count)', async () => {
    const p = (await t.http.post('/api/v1/pipelines').set(admin).send({ nameZh: '项目', nameEn: 'Projects' }).expect(201)).body as Pipeline;
    expect(p.stages).toHaveLength(6);
    // a rep reads pipelines but cannot change them
    await t.http.post(`/api/v1/pipelines/${p.id}/stages`).set(bearer(repEast.token)).send({ nameZh: 'x', nameEn: 'x', probability: 5 }).expect(403);
    const added = (await t.http.post(`/api/v1/pipelines/${p.id}/stages`).set(admin).send({ nameZh: '立项', nameEn: 'Kick-off', probability: 5, position: 0 }).expect(201)).body as Pipeline;
    expect(added.stages.map((s) => [s.nameZh, s.position])).toEqual([
      ['立项', 0],
      ['初步接洽', 1],
      ['需求确认', 2],
      ['方案报价', 3],
      ['谈判审核', 4],
      ['赢单', 5],
      ['输单', 6],
    ]);
    const kick = added.stages[0];
    const renamed = (await t.http.patch(`/api/v1/pipelines/${p.id}/stages/${kick.id}`).set(admin).send({ nameEn: 'Kickoff', probability: 15 }).expect(200)).body as Pipeline;
    expect(renamed.stages[0]).toMatchObject({ nameZh: '立项', nameEn: 'Kickoff', probability: 15 });
    const order = [...renamed.stages].reverse().map((s) => s.id);
    const reordered = (await t.http.put(`/api/v1/pipelines/${p.id}/stages/order`).set(admin).send({ stageIds: order }).expect(200)).body as Pipeline;
    expect(reordered.stages.map((s) => s.id)).toEqual(order);
    const badOrder = await t.http.put(`/api/v1/pipelines/${p.id}/stages/order`).set(admin).send({ stageIds: order.slice(1) }).expect(400);
    expect(badOrder.body).toMatchObject({ code: 'PIPELINE_STAGE_ORDER_INVALID', errors: [{ field: 'stageIds' }] });

    // two opportunities sit in the kick-off stage: 409 with the count; a stage probability change reaches them
    const a = await mk(repEast, { pipelineId: p.id, stageId: kick.id });
    await mk(repSouth, { pipelineId: p.id, stageId: kick.id });
    await mk(repSouth, { pipelineId: p.id, stageId: kick.id, probability: 90 });
    expect(a.probability).toBe(15);
    await t.http.patch(`/api/v1/pipelines/${p.id}/stages/${kick.id}`).set(admin).send({ probability: 20 }).expect(200);
    expect((await t.http.get(`/api/v1/opportunities/${a.id}`).set(bearer(repEast.token)).expect(200)).body).toMatchObject({ probability: 20, stageProbability: 20 });
    const inUse = await t.http.delete(`/api/v1/pipelines/${p.id}/stages/${kick.id}`).set(admin).expect(409);
    expect(inUse.body).toMatchObject({ code: 'PIPELINE_STAGE_IN_USE', count: 3 });
    expect(inUse.body.detail).toContain('3');
    const empty = reordered.stages.find((s) => s.nameZh === '需求确认')!;
    const after = (await t.http.delete(`/api/v1/pipelines/${p.id}/stages/${empty.id}`).set(admin).expect(200)).body as Pipeline;
    expect(after.stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.stages.some((s) => s.id === empty.id)).toBe(false);
    // the default pipeline cannot be deleted
    expect((await t.http.delete(`/api/v1/pipelines/${main.id}`).set(admin).expect(409)).body.code).toBe('PIPELINE_DEFAULT_REQUIRED');
  });

  it('keeps a rep to their own opportunities: list, detail, history, timeline, summary, export, move', async () => {
    const mine = await mk(repSouth, { name: '华南专属商机', amount: '777.00' });
    const east = bearer(repEast.token);
    const list = await t.http.get('/api/v1/opportunities?limit=200').set(east).expect(200);
    expect(list.body.data.every((o: { ownerId: string }) => o.ownerId === repEast.id)).toBe(true);
    expect(list.body.data.some((o: { id: string }) => o.id === mine.id)).toBe(false);
    await t.http.get(`/api/v1/opportunities/${mine.id}`).set(east).expect(404);
    await t.http.get(`/api/v1/opportunities/${mine.id}/stage-history`).set(east).expect(404);
    await t.http.get(`/api/v1/opportunities/${mine.id}/timeline`).set(east).expect(404);
    await move(repEast, mine.id, { stageId: stage(main, '需求确认').id }).expect(404);
    await t.http.patch(`/api/v1/opportunities/${mine.id}`).set(east).send({ name: 'x' }).expect(404);
    const search = await t.http.get(`/api/v1/opportunities?q=${encodeURIComponent('华南专属')}`).set(east).expect(200);
    expect(search.body.total).toBe(0);
    const own = await t.http.get(`/api/v1/opportunities?q=${encodeURIComponent('华南专属')}`).set(bearer(repSouth.token)).expect(200);
    expect(own.body.total).toBe(1);
    // the rep's board totals never include another rep's amounts
    const summary = await t.http.get(`/api/v1/opportunities/summary?pipelineId=${main.id}`).set(east).expect(200);
    const first = summary.body.stages.find((s: { stageId: string }) => s.stageId === stage(main, '初步接洽').id);
    const all = await t.http.get(`/api/v1/opportunities?pipelineId=${main.id}&stageId=${stage(main, '初步接洽').id}&limit=200`).set(east).expect(200);
    expect(first.count).toBe(all.body.total);
    // a rep has no export permission; the manager exports, and the department scope covers both reps
    await t.http.get('/api/v1/opportunities/export').set(east).expect(403);
    const csv = await t.http.get('/api/v1/opportunities/export?lang=zh-CN').set(bearer(manager.token)).expect(200);
    expect(csv.text).toContain('华南专属商机');
    const mgr = await t.http.get(`/api/v1/opportunities/${mine.id}`).set(bearer(manager.token)).expect(200);
    expect(mgr.body.ownerId).toBe(repSouth.id);
    expect(mgr.body.actions).toEqual(expect.arrayContaining(['edit', 'delete', 'assign']));
    expect(mgr.body.actions).not.toContain('merge');
    // a manager of another department: no detail, no export row, no summary amount
    const other = await createUser(t, org, { role: 'sales_manager', departmentId: org.depts.service, name: 'Service Manager' });
    await t.http.get(`/api/v1/opportunities/${mine.id}`).set(bearer(other.token)).expect(404);
    const otherCsv = await t.http.get('/api/v1/opportunities/export').set(bearer(other.token)).expect(200);
    expect(otherCsv.text).not.toContain('华南专属商机');
    const otherSummary = await t.http.get(`/api/v1/opportunities/summary?pipelineId=${main.id}`).set(bearer(other.token)).expect(200);
    expect(otherSummary.body.totals).toEqual([]);
    // a user without the module gets 403
    const service = await createUser(t, org, { role: 'service_agent', departmentId: org.depts.service });
    await t.http.get('/api/v1/opportunities').set(bearer(service.token)).expect(403);
    await t.http.get('/api/v1/pipelines').set(bearer(service.token)).expect(403);
  });

  it('totals the board per stage and per currency, never across currencies, with the list filters', async () => {
    const p = (await t.http.post('/api/v1/pipelines').set(admin).send({ nameZh: '汇总', nameEn: 'Totals' }).expect(201)).body as Pipeline;
    const [s1, s2] = p.stages;
    const at = (s: Stage, amount: string, currency: string, expectedCloseDate: string, who = repEast) =>
      mk(who, { pipelineId: p.id, stageId: s.id, amount, currency, expectedCloseDate });
    await at(s1, '1000.00', 'CNY', '2031-03-05');
    await at(s1, '500.50', 'CNY', '2031-03-31');
    await at(s1, '200.00', 'USD', '2031-03-10');
    await at(s2, '333.33', 'CNY', '2031-04-01');
    await at(s2, '9999.00', 'CNY', '2031-03-15', repSouth);
    const res = await t.http.get(`/api/v1/opportunities/summary?pipelineId=${p.id}`).set(bearer(repEast.token)).expect(200);
    expect(res.body.stages.map((s: { stageId: string }) => s.stageId)).toEqual(p.stages.map((s) => s.id));
    expect(res.body.stages[0]).toMatchObject({
      stageId: s1.id,
      count: 3,
      totals: [
        { currency: 'CNY', count: 2, amount: '1500.50', weighted: '150.05' },
        { currency: 'USD', count: 1, amount: '200.00', weighted: '20.00' },
      ],
    });
    expect(res.body.stages[1]).toMatchObject({ stageId: s2.id, count: 1, totals: [{ currency: 'CNY', count: 1, amount: '333.33', weighted: '100.00' }] });
    expect(res.body.stages[2]).toMatchObject({ stageId: p.stages[2].id, count: 0, totals: [] });
    // beside them the base-currency (CNY) total; USD has no rate here: reported, left out, the board still answers
    expect(res.body.base).toEqual({ currency: 'CNY', count: 3, amount: '1833.83', weighted: '250.05', unconverted: 1 });
    expect(res.body.missingRates).toEqual([{ currency: 'USD', date: '2031-03-10' }]);
    expect(res.body.totals).toEqual([
      { currency: 'CNY', count: 3, amount: '1833.83', weighted: '250.05' },
      { currency: 'USD', count: 1, amount: '200.00', weighted: '20.00' },
    ]);
    // the manager sees both reps; the same filters as the list (close month, amount range, owner)
    const mgr = await t.http.get(`/api/v1/opportunities/summary?pipelineId=${p.id}&closeMonth=2031-03`).set(bearer(manager.token)).expect(200);
    expect(mgr.body.totals).toEqual([
      { currency: 'CNY', count: 3, amount: '11499.50', weighted: '3149.75' },
      { currency: 'USD', count: 1, amount: '200.00', weighted: '20.00' },
    ]);
    const ranged = await t.http.get(`/api/v1/opportunities/summary?pipelineId=${p.id}&amountFrom=400&amountTo=1000&ownerId=${repEast.id}`).set(bearer(manager.token)).expect(200);
    expect(ranged.body.totals).toEqual([{ currency: 'CNY', count: 2, amount: '1500.50', weighted: '150.05' }]);
    const listed = await t.http.get(`/api/v1/opportunities?pipelineId=${p.id}&closeMonth=2031-03&sort=expectedCloseDate&limit=2`).set(bearer(manager.token)).expect(200);
    expect(listed.body.total).toBe(4);
    expect(listed.body.data.map((o: { expectedCloseDate: string }) => o.expectedCloseDate)).toEqual(['2031-03-05', '2031-03-10']);
    const page2 = await t.http
      .get(`/api/v1/opportunities?pipelineId=${p.id}&closeMonth=2031-03&sort=expectedCloseDate&limit=2&cursor=${listed.body.nextCursor}`)
      .set(bearer(manager.token))
      .expect(200);
    expect(page2.body.data.map((o: { expectedCloseDate: string }) => o.expectedCloseDate)).toEqual(['2031-03-15', '2031-03-31']);
    expect(page2.body.nextCursor).toBeNull();
    const byAmount = await t.http.get(`/api/v1/opportunities?pipelineId=${p.id}&sort=-amount&limit=1`).set(bearer(manager.token)).expect(200);
    expect(byAmount.body.data[0].amount).toBe('9999.00');
    await t.http.get(`/api/v1/opportunities?closeMonth=2031-13`).set(bearer(manager.token)).expect(400);
  });

  it('creates the opportunity in the lead conversion transaction, and rolls everything back when it is invalid', async () => {
    const ds = t.app.get(DataSource);
    const count = async (table: string) => Number((await ds.query(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`))[0].n);
    const newLead = async (n: number) =>
      (await t.http.post('/api/v1/leads').set(bearer(repEast.token)).send({ name: `转商机 ${n}`, company: `转商机公司 ${n}`, phone: `1370000${1000 + n}` }).expect(201)).body;

    const lead = await newLead(1);
    const res = await t.http
      .post(`/api/v1/leads/${lead.id}/convert`)
      .set(bearer(repEast.token))
      .send({ opportunity: { amount: '50000', currency: 'USD', stageId: stage(main, '需求确认').id, expectedCloseDate: '2031-06-30' } })
      .expect(200);
    expect(res.body.opportunity).toMatchObject({
      name: '转商机公司 1',
      accountId: res.body.account.id,
      contactId: res.body.contact.id,
      amount: '50000.00',
      currency: 'USD',
      stageId: stage(main, '需求确认').id,
      expectedCloseDate: '2031-06-30',
      ownerId: repEast.id,
      leadId: lead.id,
    });
    expect(res.body.lead.convertedOpportunityId).toBe(res.body.opportunity.id);
    // without `opportunity` none is created
    const plain = await t.http.post(`/api/v1/leads/${(await newLead(2)).id}/convert`).set(bearer(repEast.token)).send({}).expect(200);
    expect(plain.body.opportunity).toBeNull();
    expect(plain.body.lead.convertedOpportunityId).toBeNull();

    // an invalid opportunity (a lost stage without a reason, a stage of no pipeline) rolls back account, contact and lead
    const before = { accounts: await count('accounts'), contacts: await count('contacts'), opportunities: await count('opportunities') };
    const lead3 = await newLead(3);
    const lost = await t.http
      .post(`/api/v1/leads/${lead3.id}/convert`)
      .set(bearer(repEast.token))
      .send({ opportunity: { stageId: stage(main, '输单').id } })
      .expect(400);
    expect(lost.body).toMatchObject({ code: 'OPPORTUNITY_LOST_REASON_REQUIRED', errors: [{ field: 'lostReason' }] });
    const bogus = await t.http
      .post(`/api/v1/leads/${lead3.id}/convert`)
      .set(bearer(repEast.token))
      .send({ opportunity: { stageId: '00000000-0000-4000-8000-000000000000' } })
      .expect(400);
    expect(bogus.body.code).toBe('OPPORTUNITY_UNKNOWN_STAGE');
    const badAmount = await t.http.post(`/api/v1/leads/${lead3.id}/convert`).set(bearer(repEast.token)).send({ opportunity: { amount: '-1' } }).expect(400);
    expect(badAmount.body.errors[0].field).toBe('opportunity.amount');
    expect({ accounts: await count('accounts'), contacts: await count('contacts'), opportunities: await count('opportunities') }).toEqual(before);
    const still = await t.http.get(`/api/v1/leads/${lead3.id}`).set(bearer(repEast.token)).expect(200);
    expect(still.body).toMatchObject({ status: 'new', convertedAccountId: null, convertedOpportunityId: null });
  });

  it('deletes softly and restores (admins), and saves views of the list', async () => {
    const o = await mk(repEast);
    await t.http.delete(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).expect(403);
    await t.http.delete(`/api/v1/opportunities/${o.id}`).set(bearer(manager.token)).expect(204);
    await t.http.get(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).expect(404);
    await t.http.post(`/api/v1/opportunities/${o.id}/restore`).set(admin).expect(200);
    await t.http.get(`/api/v1/opportunities/${o.id}`).set(bearer(repEast.token)).expect(200);
    const view = await t.http
      .post('/api/v1/saved-views')
      .set(bearer(repEast.token))
      .send({ listKey: 'opportunities', name: '本月成交', filters: { params: { closeMonth: '2031-03' } }, sort: 'expectedCloseDate' })
      .expect(201);
    expect(view.body).toMatchObject({ listKey: 'opportunities', name: '本月成交' });
  });
});
