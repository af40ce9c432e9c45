import { DataSource } from 'typeorm';
import { EmailBroadcastsService } from '@modules/email/email-broadcasts.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { startSmtp } from './helpers/mail-servers';

type U = { id: string; token: string };

/**
 * Bulk email through a real SMTP server on loopback: a template to a campaign's contact segment, streamed and
 * throttled, skipping unsubscribed, bouncing and do-not-email contacts; List-Unsubscribe with mailto and an RFC
 * 8058 one-click URL that works without login; signed click redirects (a changed one is a 400), the open pixel,
 * progress and per-recipient status, and the data scope.
 */
describe('email broadcasts (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let marketing: U;
  let repEast: U;
  let repSouth: U;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let seq = 0;
  let accountId: string;

  const contact = async (who: U, body: Record<string, unknown>) => {
    const res = await t.http.post('/api/v1/contacts').set(bearer(who.token)).send({ accountId, email: `member${++seq}@customer.test`, ...body });
    if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string };
  };
  /** A header as sent (unfolded), read from the raw message. */
  const rawHeader = (raw: string, name: string) => {
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  };
  const path = (url: string) => new URL(url).pathname + new URL(url).search;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ config: { publicUrl: 'https://crm.example.com' } });
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    marketing = await createUser(t, org, { role: 'marketing', name: 'Marketing' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
    await t.http
      .post('/api/v1/email/accounts')
      .set(admin)
      .send({ name: '市场部', address: 'news@keyuan.test', fromName: '客源通讯', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: smtp.user, smtpPassword: smtp.pass, isDefault: true })
      .expect(201);
    accountId = (await t.http.post('/api/v1/accounts').set(bearer(repEast.token)).send({ name: '华东会员公司' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("sends a template to a campaign's segment, skipping unsubscribed, bouncing and do-not-email contacts, with List-Unsubscribe and tracking", async () => {
    const tag = `段${Date.now() % 100000}`;
    const ok1 = await contact(repEast, { name: `${tag} 甲` });
    const ok2 = await contact(repEast, { name: `${tag} 乙` });
    const dne = await contact(repEast, { name: `${tag} 丙`, doNotEmail: true });
    const unsub = await contact(repEast, { name: `${tag} 丁`, email: 'already-out@customer.test' });
    const none = await contact(repEast, { name: `${tag} 戊`, email: null });
    // an earlier one-click unsubscribe and an earlier bounce of two members
    const camp = (
      await t.http
        .post('/api/v1/campaigns')
        .set(bearer(marketing.token))
        .send({ name: '十二月通讯', type: 'email', startDate: '2026-12-01', targetSegment: { target: 'contacts', filter: { match: 'all', conditions: [{ field: 'name', op: 'contains', value: tag }] } } })
        .expect(201)
    ).body;
    const tpl = (await t.http.post('/api/v1/email/templates').set(bearer(marketing.token)).send({ name: '通讯', kind: 'marketing', subject: '{{name}}，十二月新品', bodyHtml: '<p>{{name}}您好</p><p><a href="https://shop.example.com/new?a=1&b=2">看看新品</a></p>' }).expect(201)).body;
    await t.http.post('/api/v1/email/broadcasts/estimate').set(bearer(marketing.token)).send({ audience: { type: 'campaign', campaignId: camp.id } }).expect(200, { recipients: 5, recipientsIsEstimate: false });
    await t.http.post('/api/v1/email/broadcasts').set(bearer(repEast.token)).send({ name: 'x', templateId: tpl.id, audience: { type: 'campaign', campaignId: camp.id } }).expect(403);
    const bad = await t.http.post('/api/v1/email/broadcasts').set(bearer(marketing.token)).send({ name: 'x', templateId: tpl.id, audience: { type: 'campaign' } }).expect(400);
    expect(bad.body.errors[0].field).toBe('audience.campaignId');

    // mark one address unsubscribed through a one-click link from an earlier broadcast (made by a first run to it alone)
    const first = (await t.http.post('/api/v1/email/broadcasts').set(bearer(marketing.token)).send({ name: '预热', templateId: tpl.id, audience: { type: 'contacts', contactIds: [unsub.id] }, ratePerSecond: 50 }).expect(201)).body;
    expect(first).toMatchObject({ status: 'completed', progress: { listed: 1, byStatus: { sent: 1 }, percent: 100 } });
    const warm = smtp.received.find((r) => r.envelope.to.includes('already-out@customer.test'))!;
    const header = rawHeader(warm.raw, 'List-Unsubscribe');
    const urls = [...header.matchAll(/<([^>]+)>/g)].map((m) => m[1]);
    expect(urls[0]).toMatch(/^mailto:news@keyuan\.test\?subject=unsubscribe%20/);
    expect(urls[1]).toMatch(/^https:\/\/crm\.example\.com\/api\/v1\/email\/unsubscribe\//);
    expect(rawHeader(warm.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the URL, without login
    const oneClick = await t.http.post(path(urls[1])).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(oneClick.body).toEqual({ address: 'a***@customer.test', unsubscribed: true });
    await t.http.get(path(urls[1])).expect(200, { address: 'a***@customer.test', unsubscribed: true });
    await t.http.post(path(urls[1]).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))).expect(400);

    const b = (await t.http.post('/api/v1/email/broadcasts').set(bearer(marketing.token)).send({ name: '十二月通讯', templateId: tpl.id, audience: { type: 'campaign', campaignId: camp.id }, ratePerSecond: 20 }).expect(201)).body;
    expect(b).toMatchObject({ status: 'completed', progress: { listed: 5, listingDone: true, byStatus: { sent: 2, skipped: 3 }, percent: 100 } });
    const recipients = (await t.http.get(`/api/v1/email/messages?broadcastId=${b.id}&limit=200`).set(bearer(marketing.token)).expect(200)).body.data as { recordId: string; status: string; errorCode: string | null }[];
    const reason = Object.fromEntries(recipients.map((r) => [r.recordId, `${r.status}:${r.errorCode}`]));
    expect(reason).toEqual({ [ok1.id]: 'sent:null', [ok2.id]: 'sent:null', [dne.id]: 'skipped:DO_NOT_EMAIL', [unsub.id]: 'skipped:UNSUBSCRIBED', [none.id]: 'skipped:NO_ADDRESS' });

    const got = smtp.received.filter((r) => r.mail.subject?.startsWith(tag) && !r.envelope.to.includes('already-out@customer.test'));
    expect(got).toHaveLength(2);
    const mail = got.find((r) => r.mail.subject === `${ok1.name}，十二月新品`)!.mail;
    expect(rawHeader(got.find((r) => r.mail.subject === `${ok1.name}，十二月新品`)!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const html = String(mail.html);
    expect(html).not.toContain('https://shop.example.com');
    const click = /href="(https:\/\/crm\.example\.com\/api\/v1\/email\/t\/c\/[^"]+)"/.exec(html)![1];
    const pixel = /src="(https:\/\/crm\.example\.com\/api\/v1\/email\/t\/o\/[^"]+)"/.exec(html)![1];
    const unsubscribeLink = /href="(https:\/\/crm\.example\.com\/unsubscribe\?t=[^"]+)"/.exec(html)![1];

    // signed click redirect; a changed token is a 400, never a redirect
    const redirect = await t.http.get(path(click)).expect(302);
    expect(redirect.headers.location).toBe('https://shop.example.com/new?a=1&b=2');
    const token = click.split('/').pop()!;
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['c', JSON.parse(Buffer.from(body, 'base64url').toString())[1], 'https://evil.example.com'])).toString('base64url');
    expect((await t.http.get(`/api/v1/email/t/c/${forged}.${mac}`).expect(400)).body.code).toBe('EMAIL_LINK_INVALID');
    await t.http.get(`/api/v1/email/t/c/${body}.${mac.slice(0, -2)}xx`).expect(400);
    const gif = await t.http.get(path(pixel)).expect(200);
    expect(gif.headers['content-type']).toBe('image/gif');
    const progress = (await t.http.get(`/api/v1/email/broadcasts/${b.id}`).set(bearer(marketing.token)).expect(200)).body.progress;
    expect(progress).toMatchObject({ opened: 1, clicks: 1 });

    // the body link's page works without login too
    const pageToken = new URL(unsubscribeLink).searchParams.get('t')!;
    await t.http.get(`/api/v1/email/unsubscribe/${pageToken}`).expect(200);
    expect((await t.http.post(`/api/v1/email/unsubscribe/${pageToken}`).expect(200)).body.unsubscribed).toBe(true);

    // data scope: the rep sees the mail on their contacts, the other rep none
    const east = (await t.http.get(`/api/v1/email/messages?recordType=contact&recordId=${ok1.id}`).set(bearer(repEast.token)).expect(200)).body.data;
    expect(east).toHaveLength(1);
    expect((await t.http.get(`/api/v1/email/messages?broadcastId=${b.id}`).set(bearer(repSouth.token)).expect(200)).body.data).toEqual([]);
    await t.http.get(`/api/v1/email/broadcasts/${b.id}`).set(bearer(repSouth.token)).expect(404);
    expect((await t.http.post(`/api/v1/email/broadcasts/${b.id}/cancel`).set(bearer(marketing.token)).expect(409)).body.code).toBe('EMAIL_BROADCAST_FINISHED');

    // a run that lists the audience again (a crash after the insert) counts only the rows it wrote
    await t.app.get(DataSource).query(`UPDATE email_broadcasts SET status = 'running', cursor = NULL, done = false, lease_until = NULL WHERE id = $1`, [b.id]);
    await t.app.get(EmailBroadcastsService).run(b.id);
    expect((await t.http.get(`/api/v1/email/broadcasts/${b.id}`).set(bearer(marketing.token)).expect(200)).body).toMatchObject({ status: 'completed', progress: { listed: 5 } });
  });

  it('a personal mailbox sends a broadcast only for its user or a mailbox admin', async () => {
    const tpl = (await t.http.post('/api/v1/email/templates').set(bearer(marketing.token)).send({ name: `个人群发 ${Date.now()}`, subject: 'x', bodyHtml: '<p>x</p>' }).expect(201)).body;
    const personal = (
      await t.http
        .post('/api/v1/email/accounts')
        .set(admin)
        .send({ name: '南区个人', address: `south-${Date.now()}@keyuan.test`, smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', userId: repSouth.id })
        .expect(201)
    ).body;
    const c = await contact(repEast, { name: '个人邮箱受众' });
    const later = new Date(Date.now() + 3600_000).toISOString();
    const body = { name: '借用个人邮箱', templateId: tpl.id, accountId: personal.id, audience: { type: 'contacts', contactIds: [c.id] }, scheduledAt: later };
    const denied = await t.http.post('/api/v1/email/broadcasts').set(bearer(marketing.token)).send(body).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    expect(await t.app.get(DataSource).query(`SELECT 1 FROM email_broadcasts WHERE account_id = $1`, [personal.id])).toHaveLength(0);
    // the mailbox admin may
    const made = (await t.http.post('/api/v1/email/broadcasts').set(admin).send(body).expect(201)).body;
    expect(made).toMatchObject({ accountId: personal.id, status: 'scheduled' });
  });

  it('cancels a broadcast and its queued messages in one transaction', async () => {
    const ds = t.app.get(DataSource);
    const tpl = (await t.http.post('/api/v1/email/templates').set(bearer(marketing.token)).send({ name: `取消 ${Date.now()}`, subject: 'x', bodyHtml: '<p>x</p>' }).expect(201)).body;
    const c = await contact(repEast, { name: '取消受众' });
    const later = new Date(Date.now() + 3600_000).toISOString();
    const b = (await t.http.post('/api/v1/email/broadcasts').set(bearer(marketing.token)).send({ name: '待取消', templateId: tpl.id, audience: { type: 'contacts', contactIds: [c.id] }, scheduledAt: later }).expect(201)).body;
    // two recipients already listed and waiting (as a run leaves them)
    for (const i of [1, 2]) {
      await ds.query(
        `INSERT INTO email_messages (direction, status, account_id, from_address, to_addresses, subject, message_id, broadcast_id, record_type, record_id, owner_id, department_id)
         VALUES ('outbound', 'queued', $1, 'news@keyuan.test', ARRAY['q${i}@customer.test'], 'x', $2, $3, 'contact', gen_random_uuid(), $4, $5)`,
        [b.accountId, `<cancel-${i}-${b.id}@keyuan.test>`, b.id, marketing.id, null],
      );
    }
    // the second statement fails: the first is rolled back with it
    await ds.query(`CREATE FUNCTION test_refuse_cancel() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await ds.query(`CREATE TRIGGER test_refuse_cancel BEFORE UPDATE ON email_messages FOR EACH ROW WHEN (NEW.status = 'canceled') EXECUTE FUNCTION test_refuse_cancel()`);
    try {
      await t.http.post(`/api/v1/email/broadcasts/${b.id}/cancel`).set(bearer(marketing.token)).expect(500);
      const [still] = await ds.query(`SELECT status FROM email_broadcasts WHERE id = $1`, [b.id]);
      expect(still.status).toBe('scheduled');
    } finally {
      await ds.query(`DROP TRIGGER test_refuse_cancel ON email_messages`);
      await ds.query(`DROP FUNCTION test_refuse_cancel()`);
    }
    const canceled = (await t.http.post(`/api/v1/email/broadcasts/${b.id}/cancel`).set(bearer(marketing.token)).expect(200)).body;
    expect(canceled.status).toBe('canceled');
    const rows: { status: string }[] = await ds.query(`SELECT status FROM email_messages WHERE broadcast_id = $1`, [b.id]);
    expect(rows.map((r) => r.status)).toEqual(['canceled', 'canceled']);
  });
});
