/**
 * SMS broadcast at volume (issue 16): BENCH_SMS_RECIPIENTS contacts (default 100,000) in a fresh database, one
 * broadcast to all of them (a saved view of the contacts list) through the real Aliyun adapter against the
 * loopback fake Dysmsapi (signature verified per request), the fake's delivery reports pushed back through the
 * webhook in batches as Aliyun does. Measures throughput against the configured rate (the floor: recipients /
 * rate), the server's RSS over the run (flat, under 400 MB), and that every recipient ends with a final status.
 *
 *   pnpm --filter @keyuan/bench build && node bench/dist/run/sms-broadcast.js
 *   env: DATABASE_URL (a server to create the database on; default postgres://postgres@127.0.0.1:5432/postgres),
 *        BENCH_SMS_RECIPIENTS, BENCH_SMS_RATE (messages per second, default 1000)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { API_DIST, ADMIN_EMAIL, RESULTS_DIR, buildApiIfNeeded, sleep } from '../lib/env';
import { startApi } from './server';

const N = Number(process.env.BENCH_SMS_RECIPIENTS ?? 100_000);
const RATE = Number(process.env.BENCH_SMS_RATE ?? 1000);
const ADMIN_PASSWORD = 'Bench-Sms-2026!';
const FINAL = ['delivered', 'undelivered', 'failed', 'skipped', 'canceled'];

interface FakeAliyunLike {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  url: string;
  accepted: number;
  limitPerMinute: number;
  start(): Promise<FakeAliyunLike>;
  stop(): Promise<void>;
  takeReports(): unknown[];
}

async function main(): Promise<void> {
  buildApiIfNeeded();
  // the API's own fake Dysmsapi (built with it): the same checks the adapter's tests run against
  const { FakeAliyun } = require(join(API_DIST, 'modules/sms/testing/fake-providers.js')) as { FakeAliyun: new () => FakeAliyunLike };
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `keyuan_bench_sms_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  const api = await startApi(databaseUrl, { env: { JOBS_ENABLED: 'true', ADMIN_PASSWORD, ADMIN_EMAIL } });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const fake = await new FakeAliyun().start();
  fake.limitPerMinute = 1_000_000;
  try {
    const login = await (await fetch(`${api.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) })).json();
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${api.baseUrl}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };

    // seed: one account, N contacts with unique mobiles; 1 % do-not-SMS, 1 % opted out, 0.5 % without a number
    const t0 = Date.now();
    const [{ id: adminId }] = (await db.query(`SELECT id FROM users WHERE email = $1`, [ADMIN_EMAIL])).rows;
    const [{ id: accountId }] = (await db.query(`INSERT INTO accounts (name, owner_id) VALUES ('Bench 短信客户', $1) RETURNING id`, [adminId])).rows;
    await db.query(
      `INSERT INTO contacts (name, account_id, owner_id, mobile, do_not_sms)
       SELECT '短信客户 ' || g, $1, $2, CASE WHEN g % 200 = 7 THEN NULL ELSE '+86139' || lpad(g::text, 8, '0') END, g % 100 = 3
         FROM generate_series(1, $3::int) g`,
      [accountId, adminId, N],
    );
    await db.query(`INSERT INTO sms_opt_outs (phone, source) SELECT '+86139' || lpad(g::text, 8, '0'), 'bench' FROM generate_series(1, $1::int) g WHERE g % 100 = 5`, [N]);
    await db.query(`ANALYZE contacts`);
    const seedSec = (Date.now() - t0) / 1000;

    const s = await call('PUT', '/sms/settings', {
      provider: 'aliyun',
      publicBaseUrl: api.baseUrl,
      ratePerSecond: RATE,
      quietStart: '00:00',
      quietEnd: '23:59',
      capMarketingPerDay: 10,
      credentials: { accessKeyId: fake.accessKeyId, accessKeySecret: fake.accessKeySecret, signName: fake.signName, endpoint: fake.url },
    });
    const token = String(s.webhooks.status).split('token=')[1];
    const tpl = await call('POST', '/sms/templates', { name: '会员日', kind: 'marketing', body: '{{name}}您好，会员日全场八折。拒收请回复R', providerTemplateCode: 'SMS_154950909' });
    const view = await call('POST', '/saved-views', { listKey: 'contacts', name: '全部联系人', filters: {}, sharing: 'private' });

    // the provider pushes its delivery reports in batches, as Aliyun does
    let pushing = true;
    let pushed = 0;
    let pushRetries = 0;
    const pusher = (async () => {
      for (;;) {
        const reports = fake.takeReports();
        for (let i = 0; i < reports.length; i += 1000) {
          // anything but 接收成功 makes Aliyun push again: so does the bench (a few times; none expected now that
          // a report outrunning its batch is parked)
          for (let attempt = 1; ; attempt++) {
            const r = await fetch(`${api.baseUrl}/api/v1/sms/webhooks/aliyun/status?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reports.slice(i, i + 1000)) }).catch(() => null);
            if (r?.ok) break;
            pushRetries++;
            if (attempt === 60) throw new Error(`push: ${r?.status} ${await r?.text()}`);
            await sleep(1000);
          }
          pushed += Math.min(1000, reports.length - i);
        }
        if (!pushing && !reports.length) break;
        await sleep(1000);
      }
    })();
    // keep the process (and its finally: API stopped, database dropped) alive if pushing fails
    const pushFailed = pusher.catch((e: Error) => e);

    const rss: { t: number; mb: number; processed: number; parked: number }[] = [];
    let parkedPeak = 0;
    const start = Date.now();
    const b = await call('POST', '/sms/broadcasts', { name: 'Bench 100k', templateId: tpl.id, audience: { type: 'savedView', savedViewId: view.id } });
    let last = b;
    for (;;) {
      await sleep(2000);
      last = await call('GET', `/sms/broadcasts/${b.id}`);
      // reports waiting for their batch to be recorded (parked), sampled: proof the race happened and was absorbed
      const [{ n: parked }] = (await db.query(`SELECT count(*)::int AS n FROM sms_parked_receipts`)).rows;
      parkedPeak = Math.max(parkedPeak, parked);
      rss.push({ t: Math.round((Date.now() - start) / 1000), mb: Math.round(api.rss.sample()), processed: last.progress.processed, parked });
      if (['completed', 'failed', 'canceled'].includes(last.status)) break;
    }
    const sendSec = (Date.now() - start) / 1000;
    pushing = false;
    const pushError = await pushFailed;
    if (pushError instanceof Error) throw pushError;
    // receipts settle the rest
    const settleStart = Date.now();
    let open = -1;
    for (;;) {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM sms_messages WHERE broadcast_id = $1 AND status <> ALL($2)`, [b.id, FINAL])).rows;
      open = n;
      if (n === 0 || Date.now() - settleStart > 60_000) break;
      await sleep(1000);
    }
    const settleSec = Math.round((Date.now() - settleStart) / 100) / 10;
    // reports that outran the recording of their batch were parked and applied by it: none may be left over
    const [{ n: parkedLeft }] = (await db.query(`SELECT count(*)::int AS n FROM sms_parked_receipts`)).rows;
    const byStatus = (await db.query(`SELECT status, error_code, count(*)::int AS n FROM sms_messages WHERE broadcast_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC`, [b.id])).rows;
    const sent = byStatus.filter((r) => r.status !== 'skipped').reduce((a, r) => a + r.n, 0);
    const peak = Math.max(...rss.map((r) => r.mb), Math.round(api.rss.overallPeakMb));
    const result = {
      at: new Date().toISOString(),
      recipients: N,
      rate: RATE,
      seedSec,
      broadcastStatus: last.status,
      listed: last.progress.listed,
      sent,
      sendSec: Math.round(sendSec * 10) / 10,
      throughputPerSec: Math.round(sent / sendSec),
      floorSec: Math.round((sent / RATE) * 10) / 10,
      ratioToFloor: Math.round((sendSec / (sent / RATE)) * 100) / 100,
      providerAccepted: fake.accepted,
      reportsPushed: pushed,
      pushRetries,
      notFinal: open,
      settleSec,
      parkedPeak,
      parkedLeft,
      rssPeakMb: peak,
      rssSamples: rss,
      byStatus,
      load: (await import('node:os')).loadavg()[0],
    };
    console.log(JSON.stringify({ ...result, rssSamples: `${rss.length} samples` }, null, 2));
    writeFileSync(join(RESULTS_DIR, 'sms-latest.json'), JSON.stringify(result, null, 2));
  } finally {
    await fake.stop();
    await db.end();
    await api.stop();
    const drop = new Client({ connectionString: server });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await drop.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
