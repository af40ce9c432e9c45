import { DataSource } from 'typeorm';
import { OutboxService } from '@core/events/outbox/outbox.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser } from './helpers/fixtures';

/** Polls `check` until it holds (each try is a query; bounded), for work pg-boss workers do in the background. */
async function eventually(check: () => Promise<boolean>, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never happened: ${what}`);
}

/** The production path: JOBS_ENABLED=true on two instances, events through pg-boss queues. */
describe('workflow rules through pg-boss on two instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startApp({ config: { jobsEnabled: true } });
    b = await startApp({ url: a.url, config: { jobsEnabled: true } });
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
  });

  it('creates the task of a status move once, also when the outbox is replayed to both instances', async () => {
    const org = await buildOrg(a);
    const admin = bearer(org.adminToken);
    const rep = await createUser(a, org, { role: 'sales_rep', departmentId: org.depts.east });
    const rule = (
      await a.http
        .post('/api/v1/workflow-rules')
        .set(admin)
        .send({ name: '阶段推进建任务', entityType: 'lead', trigger: { type: 'fieldChanged', field: 'status', to: 'qualified' }, actions: [{ type: 'createTask', title: '准备方案' }] })
        .expect(201)
    ).body;
    const lead = (await a.http.post('/api/v1/leads').set(bearer(rep.token)).send({ name: '王五' }).expect(201)).body;
    await b.http.patch(`/api/v1/leads/${lead.id}`).set(bearer(rep.token)).send({ status: 'qualified' }).expect(200);

    const tasks = async () => (await a.http.get(`/api/v1/tasks?leadId=${lead.id}`).set(admin).expect(200)).body.data as { assigneeId: string }[];
    const runs = async () => (await b.http.get(`/api/v1/workflow-rules/${rule.id}/runs`).set(admin).expect(200)).body.data as { outcome: string }[];
    await eventually(async () => (await runs()).some((r) => r.outcome === 'succeeded'), 'the run succeeded');
    expect(await tasks()).toEqual([expect.objectContaining({ assigneeId: rep.id })]);

    // replay: every event of the lead goes to the queue again, from both instances at once
    const db = a.app.get(DataSource);
    await db.query(`UPDATE outbox_events SET dispatched_at = NULL WHERE entity_id = $1`, [lead.id]);
    const sent = await Promise.all([a.app.get(OutboxService).drain(), b.app.get(OutboxService).drain()]);
    expect(sent[0] + sent[1]).toBe(2);
    const pending = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'event.workflows' AND state NOT IN ('completed', 'failed')`))[0].n);
    await eventually(async () => (await pending()) === 0, 'pg-boss worked off the replayed events');
    expect(await tasks()).toHaveLength(1);
    expect(await runs()).toHaveLength(1);
  });
});
