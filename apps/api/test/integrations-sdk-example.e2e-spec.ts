import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

const run = promisify(execFile);
const sdk = join(__dirname, '../../../libs/sdk');

/** The SDK's example integrator runs against a started server (API key, conversion, cursor helper, webhook, refresh). */
describe('SDK example integrator (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let url: string;

  beforeAll(async () => {
    // the example imports the built SDK
    await run(process.execPath, [join(sdk, 'node_modules/typescript/bin/tsc'), '-p', join(sdk, 'tsconfig.build.json')]);
    t = await startApp({ config: { webhookAllowLoopback: true } });
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
    org = await buildOrg(t);
  }, 120_000);
  afterAll(() => t.close());

  it('creates and converts a lead, lists opportunities and verifies the webhook', async () => {
    const bot = await createUser(t, org, { role: 'admin', name: 'Integration bot' });
    const key = (await t.http.post('/api/v1/api-keys').set(bearer(org.adminToken)).send({ name: 'example', roleId: org.roles.admin, userId: bot.id }).expect(201)).body;
    const { stdout } = await run(process.execPath, [join(sdk, 'examples/integrator.mjs')], {
      env: { ...process.env, KEYUAN_URL: url, KEYUAN_API_KEY: key.secret, KEYUAN_EMAIL: bot.email, KEYUAN_PASSWORD: 'Passw0rd!' },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ webhook: { type: 'lead.converted', leadId: out.leadId }, refreshed: true });
    expect(out.opportunityId).toEqual(expect.any(String));
    expect(out.opportunities).toBeGreaterThanOrEqual(1);
    const lead = await t.http.get(`/api/v1/leads/${out.leadId}`).set(bearer(org.adminToken)).expect(200);
    expect(lead.body).toMatchObject({ status: 'converted', ownerId: bot.id });
  }, 120_000);
});
