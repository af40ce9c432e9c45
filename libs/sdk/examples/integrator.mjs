// @ts-check
/**
 * A runnable integrator: with an API key it subscribes a local receiver to `lead.converted`, creates a lead,
 * converts it (with an opportunity), lists every opportunity with the cursor helper, then verifies the webhook
 * the conversion sent. With KEYUAN_EMAIL / KEYUAN_PASSWORD it also shows a user login whose expired access
 * token is refreshed automatically. Prints a JSON summary.
 *
 *   pnpm --filter @keyuan/sdk build
 *   KEYUAN_URL=http://localhost:3000 KEYUAN_API_KEY=ky_live_… node libs/sdk/examples/integrator.mjs
 *
 * The receiver listens on 127.0.0.1 (the server must allow loopback targets: WEBHOOK_ALLOW_LOOPBACK=true), or
 * set WEBHOOK_PUBLIC_URL to an https address that reaches this machine.
 */
import { createServer } from 'node:http';
import { createKeyuanClient, iterate, TokenSession, unwrap, verifyWebhook } from '../dist/index.js';

const baseUrl = process.env.KEYUAN_URL ?? 'http://localhost:3000';
const apiKey = process.env.KEYUAN_API_KEY;
if (!apiKey) throw new Error('set KEYUAN_API_KEY (an admin creates one under Integrations → API keys)');
const client = createKeyuanClient({ baseUrl, apiKey });

/** @type {{ headers: Record<string, string | string[] | undefined>, body: string }[]} */
const received = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (server.address());
const hookUrl = process.env.WEBHOOK_PUBLIC_URL ?? `http://127.0.0.1:${address.port}/keyuan`;

const sub = await unwrap(client.POST('/api/v1/webhooks', { body: { name: 'Example integrator', url: hookUrl, events: ['lead.converted'] } }));
try {
  // 1. create a lead, 2. convert it into an account, a contact and an opportunity
  const lead = await unwrap(client.POST('/api/v1/leads', { body: { name: '示例线索 Example lead', company: '示例科技有限公司', source: 'web' } }));
  const converted = await unwrap(client.POST('/api/v1/leads/{id}/convert', { params: { path: { id: lead.id } }, body: { opportunity: {} } }));

  // 3. every opportunity, page after page
  let opportunities = 0;
  for await (const o of iterate((cursor) => unwrap(client.GET('/api/v1/opportunities', { params: { query: { limit: 50, cursor } } })))) {
    if (o.id) opportunities += 1;
  }

  // 4. the webhook the conversion sent, verified with the subscription's secret
  for (let i = 0; i < 200 && !received.length; i++) await new Promise((r) => setTimeout(r, 100));
  if (!received.length) throw new Error('no webhook arrived');
  const event = await verifyWebhook(sub.secret, received[0].headers, received[0].body);

  // 5. optional: a user login whose access token is refreshed by the client when it expires
  let refreshed = null;
  if (process.env.KEYUAN_EMAIL && process.env.KEYUAN_PASSWORD) {
    const session = new TokenSession(baseUrl);
    await session.login(process.env.KEYUAN_EMAIL, process.env.KEYUAN_PASSWORD);
    const user = createKeyuanClient({ baseUrl, session });
    session.accessToken = 'expired';
    const me = await unwrap(user.GET('/api/v1/auth/me'));
    refreshed = session.accessToken !== 'expired' && me.user.email === process.env.KEYUAN_EMAIL;
  }

  console.log(
    JSON.stringify({
      leadId: lead.id,
      accountId: converted.account.id,
      opportunityId: converted.opportunity?.id ?? null,
      opportunities,
      webhook: { type: event.type, leadId: /** @type {{ id: string }} */ (event.data).id },
      refreshed,
    }),
  );
} finally {
  await unwrap(client.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: sub.id } } }));
  server.close();
}
