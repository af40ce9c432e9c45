import { DataSource } from 'typeorm';
import { JobsService } from '@core/jobs/jobs.service';
import { FakeAliyun, FakeTwilio } from '@modules/sms/testing/fake-providers';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';

type U = { id: string; token: string };

/**
 * SMS: settings and write-only credentials, templates and part counting, sending through the log provider and
 * each real adapter against its loopback fake (signatures checked both ways), receipts and inbound webhooks
 * (403 and nothing written on a bad signature, idempotent), opt-out words, caps, broadcasts with skips and
 * allowed hours, the inbox and the data scope.
 */
describe('sms (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let marketing: U;
  let repEast: U;
  let repSouth: U;
  let agent: U;
  let ds: DataSource;
  const accounts = new Map<string, string>();
  let seq = 0;
  const mobile = () => `1390000${String(1000 + ++seq).slice(-4)}`;
  const e164 = (m: string) => (m.startsWith('+') ? m : `+86${m}`);

  const contact = async (who: U, body: Record<string, unknown> = {}) => {
    if (!accounts.has(who.id))
      accounts.set(
        who.id,
        (
          await t.http
            .post('/api/v1/accounts')
            .set(bearer(who.token))
            .send({ name: `华东客户有限公司 ${++seq}` })
            .expect(201)
        ).body.id,
      );
    const res = await t.http
      .post('/api/v1/contacts')
      .set(bearer(who.token))
      .send({ name: `客户 ${++seq}`, accountId: accounts.get(who.id), mobile: mobile(), ...body });
    if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string; mobile: string };
  };
  const phoneOf = async (id: string) =>
    ((await ds.query(`SELECT mobile FROM contacts WHERE id = $1`, [id])) as { mobile: string }[])[0].mobile;
  const settings = (body: Record<string, unknown>, expectStatus = 200) =>
    t.http.put('/api/v1/sms/settings').set(admin).send(body).expect(expectStatus);
  const template = async (body: Record<string, unknown>) =>
    (
      await t.http
        .post('/api/v1/sms/templates')
        .set(bearer(marketing.token))
        .send({ name: `模板 ${++seq}`, kind: 'notification', ...body })
        .expect(201)
    ).body;
  const send = (who: U | Record<string, string>, body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/sms/messages')
      .set('token' in who ? bearer((who as U).token) : who)
      .send(body);
  const message = async (id: string) =>
    (await t.http.get(`/api/v1/sms/messages/${id}`).set(admin).expect(200)).body;
  const jobs = () => t.app.get(JobsService);
  const localHour = () =>
    Number(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date()),
    );
  const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;
  /** Allowed hours around now (marketing goes out). */
  const openWindow = () => settings({ quietStart: hh(localHour()), quietEnd: hh(localHour() + 2) });

  beforeAll(async () => {
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    marketing = await createUser(t, org, { role: 'marketing', name: 'Marketing' });
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, {
      role: 'sales_rep',
      departmentId: org.depts.south,
      name: 'Rep South',
    });
    agent = await createUser(t, org, {
      role: 'service_agent',
      departmentId: org.depts.service,
      name: 'Agent',
    });
    await openWindow();
  });
  afterAll(() => t.close());

  it('guards settings: admins and marketing only; provider credentials are required, write-only and sealed at rest', async () => {
    const s = (await t.http.get('/api/v1/sms/settings').set(bearer(marketing.token)).expect(200)).body;
    expect(s).toMatchObject({
      provider: 'log',
      credentialsSet: true,
      quietStart: expect.any(String),
      capTemplatePerDay: 50,
      optOutLine: '拒收请回复R',
    });
    await t.http.get('/api/v1/sms/settings').set(bearer(repEast.token)).expect(403);
    await t.http
      .put('/api/v1/sms/settings')
      .set(bearer(repEast.token))
      .send({ ratePerSecond: 5 })
      .expect(403);
    await t.http.get('/api/v1/sms/messages').set(bearer(agent.token)).expect(403);
    const bad = await settings({ provider: 'twilio', credentials: { accountSid: 'AC1' } }, 400);
    expect(bad.body.code).toBe('SMS_CREDENTIALS_REQUIRED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'credentials.authToken',
      'credentials.from',
    ]);
    const ok = (
      await settings({
        provider: 'twilio',
        credentials: { accountSid: 'AC0123456789', authToken: 'very-secret-token-123', from: '+15005550006' },
      })
    ).body;
    expect(ok).toMatchObject({
      provider: 'twilio',
      credentialsSet: true,
      credentialHint: 'AC01…6789',
      sender: '+15005550006',
    });
    expect(JSON.stringify(ok)).not.toContain('very-secret-token-123');
    const [row] = await ds.query(`SELECT credentials FROM sms_settings`);
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.credentials).not.toContain('very-secret');
    // a stale version is a 412
    await t.http
      .put('/api/v1/sms/settings')
      .set(admin)
      .send({ provider: 'log', version: ok.version - 1 })
      .expect(412);
    await settings({ provider: 'log' });
  });

  it('checks marketing templates for the opt-out line and previews parts for Chinese and Latin text', async () => {
    const bad = await t.http
      .post('/api/v1/sms/templates')
      .set(bearer(marketing.token))
      .send({ name: '促销', kind: 'marketing', body: '{{name}}您好，会员日八折' })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'SMS_OPT_OUT_LINE_REQUIRED', errors: [{ field: 'body' }] });
    await t.http
      .post('/api/v1/sms/templates')
      .set(bearer(repEast.token))
      .send({ name: '促销', kind: 'notification', body: 'x' })
      .expect(403);
    const tpl = await template({
      kind: 'marketing',
      body: '【客源】{{name}}您好，会员日全场八折，{{account.name}}专享。拒收请回复R',
    });
    expect(tpl.variables).toEqual(['name', 'account.name']);
    const c = await contact(repEast, { name: '张三' });
    const zh = (
      await t.http
        .post('/api/v1/sms/templates/preview')
        .set(bearer(repEast.token))
        .send({ templateId: tpl.id, contactId: c.id })
        .expect(200)
    ).body;
    expect(zh).toMatchObject({
      text: expect.stringMatching(
        /^【客源】张三您好，会员日全场八折，华东客户有限公司 \d+专享。拒收请回复R$/,
      ),
      missing: [],
      encoding: 'UCS-2',
      parts: 1,
    });
    const long = (
      await t.http
        .post('/api/v1/sms/templates/preview')
        .set(bearer(repEast.token))
        .send({ body: '客'.repeat(71) })
        .expect(200)
    ).body;
    expect([long.encoding, long.parts]).toEqual(['UCS-2', 2]);
    const latin = (
      await t.http
        .post('/api/v1/sms/templates/preview')
        .set(bearer(repEast.token))
        .send({ body: 'a'.repeat(161) })
        .expect(200)
    ).body;
    expect([latin.encoding, latin.parts, latin.remaining]).toEqual(['GSM-7', 2, 145]);
    const missing = (
      await t.http
        .post('/api/v1/sms/templates/preview')
        .set(bearer(repEast.token))
        .send({ body: 'Hi {{name}} {{code}}' })
        .expect(200)
    ).body;
    expect(missing).toMatchObject({ text: 'Hi  ', missing: ['name', 'code'] });
    // out of scope contact: 404
    await t.http
      .post('/api/v1/sms/templates/preview')
      .set(bearer(repSouth.token))
      .send({ templateId: tpl.id, contactId: c.id })
      .expect(404);
  });

  it('sends through the log provider: delivered by the same receipt path, on the contact timeline; do-not-SMS, scope and caps hold', async () => {
    const c = await contact(repEast, { name: '李四' });
    const res = await send(repEast, { contactId: c.id, body: '您好，您的订单已发货' }).expect(201);
    expect(res.body).toMatchObject({
      direction: 'outbound',
      status: 'delivered',
      provider: 'log',
      contactId: c.id,
      contactName: '李四',
      parts: 1,
      providerId: expect.stringMatching(/^log-/),
    });
    const timeline = (
      await t.http.get(`/api/v1/contacts/${c.id}/timeline`).set(bearer(repEast.token)).expect(200)
    ).body.data;
    const entry = timeline.find(
      (e: { kind: string; change?: { action: string } }) =>
        e.kind === 'change' && e.change?.action === 'message.sent',
    );
    expect(entry.change.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body', new: '您好，您的订单已发货' }),
        expect.objectContaining({ field: 'channel', new: 'sms' }),
      ]),
    );

    const dnd = await contact(repEast, { doNotSms: true });
    expect((await send(repEast, { contactId: dnd.id, body: 'x' }).expect(422)).body.code).toBe(
      'SMS_DO_NOT_SMS',
    );
    await send(repSouth, { contactId: c.id, body: 'x' }).expect(404);
    expect((await send(repEast, { body: 'x' }).expect(400)).body.code).toBe('SMS_RECIPIENT_REQUIRED');
    expect((await send(repEast, { phone: '12', body: 'x' }).expect(400)).body.code).toBe(
      'SMS_INVALID_NUMBER',
    );
    expect((await send(repEast, { contactId: c.id }).expect(400)).body.code).toBe('SMS_BODY_REQUIRED');

    // data scope: the other rep neither lists nor reads it; marketing (all) does
    const south = (await t.http.get('/api/v1/sms/messages').set(bearer(repSouth.token)).expect(200)).body
      .data;
    expect(south.map((m: { id: string }) => m.id)).not.toContain(res.body.id);
    await t.http.get(`/api/v1/sms/messages/${res.body.id}`).set(bearer(repSouth.token)).expect(404);
    const east = (
      await t.http.get(`/api/v1/sms/messages?contactId=${c.id}`).set(bearer(repEast.token)).expect(200)
    ).body.data;
    expect(east.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    await t.http.get(`/api/v1/sms/messages/${res.body.id}`).set(bearer(marketing.token)).expect(200);

    // frequency cap per template and day
    await settings({ capTemplatePerDay: 1 });
    const tpl = await template({ body: '验证码 {{code}}' });
    await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '1234' } }).expect(201);
    const capped = await send(repEast, {
      contactId: c.id,
      templateId: tpl.id,
      variables: { code: '5678' },
    }).expect(422);
    expect(capped.body).toMatchObject({
      code: 'SMS_FREQUENCY_CAP',
      errors: [{ field: 'contactId', code: 'CAP_TEMPLATE_DAILY' }],
    });
    await settings({ capTemplatePerDay: 50 });
  });

  it('sends a scheduled message when due, and holds marketing outside the allowed hours', async () => {
    const c = await contact(repEast);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const m = (await send(repEast, { contactId: c.id, body: '明天见', scheduledAt: later }).expect(201)).body;
    expect(m).toMatchObject({ status: 'scheduled', scheduledAt: later.replace(/\.\d+Z$/, (s) => s) });
    await jobs().runNow('sms.scheduled');
    expect((await message(m.id)).status).toBe('scheduled');
    await ds.query(`UPDATE sms_messages SET scheduled_at = now() - interval '1 second' WHERE id = $1`, [
      m.id,
    ]);
    await jobs().runNow('sms.scheduled');
    expect((await message(m.id)).status).toBe('delivered');

    await settings({ quietStart: hh(localHour() + 2), quietEnd: hh(localHour() + 3) });
    const tpl = await template({ kind: 'marketing', body: '新品上市。拒收请回复R' });
    const held = (await send(marketing, { contactId: c.id, templateId: tpl.id }).expect(201)).body;
    expect(held.status).toBe('scheduled');
    expect(new Date(held.scheduledAt).getTime()).toBeGreaterThan(Date.now() + 3600_000);
    await openWindow();
  });

  it('parallel sends to one number cannot pass a frequency cap (the check and the insert hold a per-number lock)', async () => {
    const c = await contact(repEast);
    await settings({ capTemplatePerDay: 2 });
    const tpl = await template({ body: '取件码 {{code}}' });
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: String(i) } }),
      ),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422, 422, 422, 422]);
    for (const r of burst.filter((x) => x.status === 422))
      expect(r.body.errors[0].code).toBe('CAP_TEMPLATE_DAILY');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM sms_messages WHERE template_id = $1`, [
      tpl.id,
    ]);
    expect(n).toBe(2);
    await settings({ capTemplatePerDay: 50 });

    // the marketing cap per number and day, over free-text marketing sent by two users at once
    await settings({ capMarketingPerDay: 3 });
    const d = await contact(repEast);
    const body = '周末会员日全场八折。拒收请回复R';
    const both = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send(i % 2 ? marketing : repEast, { contactId: d.id, body, kind: 'marketing' }),
      ),
    );
    expect(both.filter((r) => r.status === 201)).toHaveLength(3);
    expect(both.filter((r) => r.status === 422).map((r) => r.body.errors[0].code)).toEqual(
      Array(5).fill('CAP_MARKETING_DAILY'),
    );
    await settings({ capMarketingPerDay: 10 });
  });

  it('a broadcast page and a single send racing to one number share its lock: the marketing cap holds across both', async () => {
    await settings({ capMarketingPerDay: 1 });
    const c = await contact(repEast);
    const tpl = await template({ kind: 'marketing', body: '会员日特惠。拒收请回复R' });
    const later = new Date(Date.now() + 3600_000).toISOString();
    const b = (
      await t.http
        .post('/api/v1/sms/broadcasts')
        .set(bearer(marketing.token))
        .send({
          name: '抢跑',
          templateId: tpl.id,
          audience: { type: 'contacts', contactIds: [c.id] },
          scheduledAt: later,
        })
        .expect(201)
    ).body;
    await ds.query(`UPDATE sms_broadcasts SET scheduled_at = now() WHERE id = $1`, [b.id]);
    const [single] = await Promise.all([
      send(repEast, { contactId: c.id, body: '周末八折。拒收请回复R', kind: 'marketing' }),
      jobs().runNow('sms.broadcast', { id: b.id }),
    ]);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM sms_messages WHERE contact_id = $1 AND direction = 'outbound' AND status <> 'skipped'`,
      [c.id],
    );
    expect(n).toBe(1);
    const recipient = (await t.http.get(`/api/v1/sms/messages?broadcastId=${b.id}`).set(admin).expect(200))
      .body.data[0];
    // exactly one of the two went out: the other was refused (422) or skipped for the cap
    expect([single.status, recipient.status === 'skipped' ? recipient.errorCode : 'sent']).toEqual(
      single.status === 201 ? [201, 'CAP_MARKETING_DAILY'] : [422, 'sent'],
    );
    await settings({ capMarketingPerDay: 10 });
  });

  it('free text takes the kind the sender chooses: marketing needs the opt-out line, skips opted-out numbers and waits for allowed hours', async () => {
    const c = await contact(repEast);
    const bare = await send(repEast, {
      contactId: c.id,
      body: '周末会员日全场八折',
      kind: 'marketing',
    }).expect(400);
    expect(bare.body).toMatchObject({ code: 'SMS_OPT_OUT_LINE_REQUIRED', errors: [{ field: 'body' }] });
    const sent = (
      await send(repEast, {
        contactId: c.id,
        body: '周末会员日全场八折。拒收请回复R',
        kind: 'marketing',
      }).expect(201)
    ).body;
    expect(sent).toMatchObject({ kind: 'marketing', status: 'delivered' });
    expect((await send(repEast, { contactId: c.id, body: '订单已发货' }).expect(201)).body.kind).toBe(
      'notification',
    );
    expect(
      (await send(repEast, { contactId: c.id, body: 'x', kind: 'promo' }).expect(400)).body.errors[0].field,
    ).toBe('kind');
    const tpl = await template({ body: '验证码 {{code}}' });
    const mismatch = await send(repEast, {
      contactId: c.id,
      templateId: tpl.id,
      variables: { code: '1' },
      kind: 'marketing',
    }).expect(400);
    expect(mismatch.body).toMatchObject({ code: 'SMS_KIND_TEMPLATE_MISMATCH', errors: [{ field: 'kind' }] });

    // opted out: marketing refused, a notification still goes
    await ds.query(`INSERT INTO sms_opt_outs (phone, source) VALUES ($1, 'reply')`, [
      e164(await phoneOf(c.id)),
    ]);
    expect(
      (await send(repEast, { contactId: c.id, body: '新品上市。拒收请回复R', kind: 'marketing' }).expect(422))
        .body.code,
    ).toBe('SMS_OPTED_OUT');
    await send(repEast, { contactId: c.id, body: '您的发票已开具', kind: 'notification' }).expect(201);

    // quiet hours hold free-text marketing, not notifications
    const d = await contact(repEast);
    await settings({ quietStart: hh(localHour() + 2), quietEnd: hh(localHour() + 3) });
    expect(
      (await send(repEast, { contactId: d.id, body: '限时秒杀。拒收请回复R', kind: 'marketing' }).expect(201))
        .body.status,
    ).toBe('scheduled');
    expect((await send(repEast, { contactId: d.id, body: '您的预约已确认' }).expect(201)).body.status).toBe(
      'delivered',
    );
    await openWindow();
  });

  it('pages the inbox and the broadcasts with keyset cursors (no repeats, no gaps, a bad cursor is a 400)', async () => {
    // five numbers wrote to a rep of the south, a minute apart (two in the same millisecond: the number breaks the tie)
    const base = Date.now() - 3600_000;
    const phones = ['+8613700000001', '+8613700000002', '+8613700000003', '+8613700000004', '+8613700000005'];
    for (const [i, phone] of phones.entries()) {
      const at = new Date(base + Math.min(i, 3) * 60_000).toISOString();
      await ds.query(
        `INSERT INTO sms_messages (direction, status, phone, body, owner_id, created_at) VALUES ('inbound', 'received', $1, $2, $3, $4)`,
        [phone, `来信 ${i}`, repSouth.id, at],
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { data: { phone: string }[]; nextCursor: string | null; unreadTotal: number } } =
        await t.http
          .get(`/api/v1/sms/inbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(repSouth.token))
          .expect(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      expect(res.body.unreadTotal).toBeGreaterThanOrEqual(5);
      seen.push(...res.body.data.map((c) => c.phone));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // the rep's own five conversations (numbers masked for them), each once, over three pages
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBe(3);
    expect(
      (await t.http.get('/api/v1/sms/inbox?cursor=not-a-cursor').set(bearer(repSouth.token)).expect(400)).body
        .errors[0].field,
    ).toBe('cursor');
    // the east rep sees none of the south's conversations
    const east = (await t.http.get('/api/v1/sms/inbox?limit=200').set(bearer(repEast.token)).expect(200)).body
      .data;
    expect(east.filter((c: { body: string }) => c.body?.startsWith('来信'))).toEqual([]);

    // broadcasts: three more, paged two at a time, every one once and newest first
    const tpl = await template({ body: '门店活动通知' });
    const later = new Date(Date.now() + 86400_000).toISOString();
    const people = [await contact(repEast)];
    for (const name of ['分页一', '分页二', '分页三']) {
      await t.http
        .post('/api/v1/sms/broadcasts')
        .set(bearer(marketing.token))
        .send({
          name,
          templateId: tpl.id,
          audience: { type: 'contacts', contactIds: people.map((x) => x.id) },
          scheduledAt: later,
        })
        .expect(201);
    }
    const all = (
      await t.http.get('/api/v1/sms/broadcasts?limit=200').set(bearer(marketing.token)).expect(200)
    ).body;
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let next: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/sms/broadcasts?limit=2${next ? `&cursor=${next}` : ''}`)
        .set(bearer(marketing.token))
        .expect(200);
      paged.push(...res.body.data.map((b) => b.id));
      next = res.body.nextCursor;
    } while (next);
    expect(paged).toEqual(all.data.map((b: { id: string }) => b.id));
    expect(all.data.slice(0, 3).map((b: { name: string }) => b.name)).toEqual(['分页三', '分页二', '分页一']);
    await t.http.get('/api/v1/sms/broadcasts?cursor=%%%').set(bearer(marketing.token)).expect(400);
  });

  it('broadcasts to contacts: skips do-not-SMS, opted-out and invalid numbers, waits outside allowed hours, reports progress and per-recipient status', async () => {
    const ok1 = await contact(repEast, { name: '群发 甲' });
    const ok2 = await contact(repSouth, { name: '群发 乙' });
    const dnd = await contact(repEast, { name: '群发 丙', doNotSms: true });
    const opted = await contact(repEast, { name: '群发 丁' });
    const noPhone = await contact(repEast, { name: '群发 戊', mobile: null });
    await ds.query(`INSERT INTO sms_opt_outs (phone, source) VALUES ($1, 'manual')`, [
      await phoneOf(opted.id),
    ]);
    const tpl = await template({ kind: 'marketing', body: '{{name}}，双十一会员日八折。拒收请回复R' });
    const audience = { type: 'contacts', contactIds: [ok1.id, ok2.id, dnd.id, opted.id, noPhone.id] };

    const est = (
      await t.http
        .post('/api/v1/sms/broadcasts/estimate')
        .set(bearer(marketing.token))
        .send({ templateId: tpl.id, audience })
        .expect(200)
    ).body;
    expect(est).toMatchObject({
      recipients: 5,
      partsPerMessage: 1,
      totalParts: 5,
      sample: '群发 甲，双十一会员日八折。拒收请回复R',
    });

    await settings({ quietStart: hh(localHour() + 2), quietEnd: hh(localHour() + 3) });
    const b = (
      await t.http
        .post('/api/v1/sms/broadcasts')
        .set(bearer(marketing.token))
        .send({ name: '双十一', templateId: tpl.id, audience })
        .expect(201)
    ).body;
    expect(b).toMatchObject({ status: 'waiting', progress: { listed: 0 } });
    expect(new Date(b.scheduledAt).getTime()).toBeGreaterThan(Date.now());
    expect(
      Number((await ds.query(`SELECT count(*) AS n FROM sms_messages WHERE broadcast_id = $1`, [b.id]))[0].n),
    ).toBe(0);

    await openWindow();
    await jobs().runNow('sms.broadcasts');
    const done = (await t.http.get(`/api/v1/sms/broadcasts/${b.id}`).set(bearer(marketing.token)).expect(200))
      .body;
    expect(done).toMatchObject({
      status: 'completed',
      templateName: tpl.name,
      progress: {
        listed: 5,
        listingDone: true,
        finished: 5,
        percent: 100,
        byStatus: { delivered: 2, skipped: 3 },
      },
    });
    const recipients = (
      await t.http.get(`/api/v1/sms/messages?broadcastId=${b.id}`).set(bearer(marketing.token)).expect(200)
    ).body.data;
    const by = Object.fromEntries(
      recipients.map((r: { contactId: string; status: string; errorCode: string | null; body: string }) => [
        r.contactId,
        [r.status, r.errorCode],
      ]),
    );
    expect(by).toEqual({
      [ok1.id]: ['delivered', null],
      [ok2.id]: ['delivered', null],
      [dnd.id]: ['skipped', 'DO_NOT_SMS'],
      [opted.id]: ['skipped', 'OPTED_OUT'],
      [noPhone.id]: ['skipped', 'INVALID_NUMBER'],
    });
    // the rep sees the broadcast's message to their own contact, not the others'
    const eastView = (
      await t.http.get(`/api/v1/sms/messages?broadcastId=${b.id}`).set(bearer(repEast.token)).expect(200)
    ).body.data;
    expect(
      eastView.every((m: { contactId: string }) =>
        [ok1.id, dnd.id, opted.id, noPhone.id].includes(m.contactId),
      ),
    ).toBe(true);
    await t.http.get(`/api/v1/sms/broadcasts/${b.id}`).set(bearer(repEast.token)).expect(404);
    // running it again sends nothing twice
    await t.app.get(JobsService).runNow('sms.broadcast', { id: b.id });
    expect(
      Number((await ds.query(`SELECT count(*) AS n FROM sms_messages WHERE broadcast_id = $1`, [b.id]))[0].n),
    ).toBe(5);
    expect(
      (await t.http.post(`/api/v1/sms/broadcasts/${b.id}/cancel`).set(bearer(marketing.token)).expect(409))
        .body.code,
    ).toBe('SMS_BROADCAST_FINISHED');
  });

  it("broadcasts to a campaign's contact segment, listed through the contacts module in pages", async () => {
    const tag = `段${Date.now() % 100000}`;
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await contact(repEast, { name: `${tag} 会员 ${i}` }));
    const camp = (
      await t.http
        .post('/api/v1/campaigns')
        .set(bearer(marketing.token))
        .send({
          name: '会员日',
          type: 'event',
          startDate: '2026-11-01',
          targetSegment: {
            target: 'contacts',
            filter: { match: 'all', conditions: [{ field: 'name', op: 'contains', value: tag }] },
          },
        })
        .expect(201)
    ).body;
    const tpl = await template({ body: '{{name}}：会员日提醒' });
    const b = (
      await t.http
        .post('/api/v1/sms/broadcasts')
        .set(bearer(marketing.token))
        .send({ name: '会员日提醒', templateId: tpl.id, audience: { type: 'campaign', campaignId: camp.id } })
        .expect(201)
    ).body;
    expect(b).toMatchObject({ status: 'completed', progress: { listed: 3, byStatus: { delivered: 3 } } });
    const bodies = (
      await t.http.get(`/api/v1/sms/messages?broadcastId=${b.id}`).set(admin).expect(200)
    ).body.data
      .map((m: { body: string }) => m.body)
      .sort();
    expect(bodies).toEqual(members.map((m) => `${m.name}：会员日提醒`).sort());
  });

  describe('Twilio against its fake', () => {
    let fake: FakeTwilio;
    beforeAll(async () => {
      fake = await new FakeTwilio().start();
      await settings({
        provider: 'twilio',
        publicBaseUrl: 'https://crm.example.com',
        credentials: {
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          from: fake.from,
          endpoint: fake.url,
        },
      });
    });
    afterAll(async () => {
      await settings({ provider: 'log' });
      await fake.stop();
    });
    const post = (cb: { url: string; params: Record<string, string>; signature: string }) =>
      t.http
        .post(cb.url.replace('https://crm.example.com', ''))
        .set('x-twilio-signature', cb.signature)
        .type('form')
        .send(cb.params);

    it('sends with Basic auth; signed status callbacks move it to delivered once; a bad signature is 403 and changes nothing', async () => {
      const c = await contact(repEast);
      const m = (await send(repEast, { contactId: c.id, body: 'Your code is 1234' }).expect(201)).body;
      expect(m).toMatchObject({
        status: 'sent',
        provider: 'twilio',
        providerId: expect.stringMatching(/^SM/),
      });
      const [sent, delivered] = fake.takeCallbacks();
      expect(sent.url).toBe(`https://crm.example.com/api/v1/sms/webhooks/twilio/status?m=${m.id}`);
      const forged = {
        ...delivered,
        signature: fake.sign(delivered.url, { ...delivered.params, MessageStatus: 'undelivered' }).signature,
      };
      expect((await post(forged).expect(403)).body.code).toBe('SMS_WEBHOOK_FORBIDDEN');
      await post({ ...delivered, signature: 'AAAA' }).expect(403);
      expect((await message(m.id)).status).toBe('sent');
      expect(Number((await ds.query(`SELECT count(*) AS n FROM sms_webhook_keys`))[0].n)).toBe(0);
      const r = await post(delivered).expect(200);
      expect(r.text).toContain('<Response>');
      await post(sent).expect(200); // late and out of order: ignored
      await post(delivered).expect(200); // a retry: applied once
      expect(await message(m.id)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    });

    it('a status callback that names a SID not recorded yet (no message id in its URL) is parked and applied when the send is recorded', async () => {
      const c = await contact(repEast);
      const sid = 'SM' + 'ab'.repeat(16);
      fake.nextSids.push(sid);
      const url = 'https://crm.example.com/api/v1/sms/webhooks/twilio/status';
      const cb = fake.sign(url, {
        AccountSid: fake.accountSid,
        MessageSid: sid,
        MessageStatus: 'delivered',
        SmsSid: sid,
        SmsStatus: 'delivered',
        To: e164(await phoneOf(c.id)),
      });
      await Promise.all([post(cb).expect(200), post(cb).expect(200)]);
      expect(
        await ds.query(`SELECT status FROM sms_parked_receipts WHERE provider = 'twilio' AND provider_id = $1`, [sid]),
      ).toEqual([{ status: 'delivered' }]);
      const m = (await send(repEast, { contactId: c.id, body: 'Parcel at the door' }).expect(201)).body;
      expect(await message(m.id)).toMatchObject({ status: 'delivered', providerId: sid });
      expect((await ds.query(`SELECT count(*)::int AS n FROM sms_parked_receipts WHERE provider = 'twilio'`))[0].n).toBe(0);
      fake.takeCallbacks();
    });

    it('records a refusal as failed with the Twilio code', async () => {
      const c = await contact(repEast);
      fake.blocked.add(e164(await phoneOf(c.id)));
      const m = (await send(repEast, { contactId: c.id, body: 'hello' }).expect(201)).body;
      expect(m).toMatchObject({
        status: 'failed',
        errorCode: '21610',
        errorMessage: 'Attempt to send to unsubscribed recipient',
      });
    });

    it('two runners of one broadcast in parallel send each recipient once (the lease and the claim)', async () => {
      const people = [await contact(repEast), await contact(repEast), await contact(repSouth)];
      const tpl = await template({ body: '明早九点开会' });
      const later = new Date(Date.now() + 3600_000).toISOString();
      const b = (
        await t.http
          .post('/api/v1/sms/broadcasts')
          .set(bearer(marketing.token))
          .send({
            name: '并发',
            templateId: tpl.id,
            audience: { type: 'contacts', contactIds: people.map((p) => p.id) },
            scheduledAt: later,
          })
          .expect(201)
      ).body;
      expect(b.status).toBe('scheduled');
      await ds.query(`UPDATE sms_broadcasts SET scheduled_at = now() WHERE id = $1`, [b.id]);
      const before = fake.accepted;
      await Promise.all([
        jobs().runNow('sms.broadcast', { id: b.id }),
        jobs().runNow('sms.broadcast', { id: b.id }),
        jobs().runNow('sms.broadcasts'),
      ]);
      expect(fake.accepted - before).toBe(3);
      const done = (await t.http.get(`/api/v1/sms/broadcasts/${b.id}`).set(admin).expect(200)).body;
      expect(done).toMatchObject({ status: 'completed', progress: { listed: 3, byStatus: { sent: 3 } } });
      fake.takeCallbacks();
    });

    it('takes signed inbound messages into the inbox, matched to the contact; STOP opts out, START clears', async () => {
      const c = await contact(repEast, { name: '王五' });
      const from = e164(await phoneOf(c.id));
      const inbound = (sid: string, body: string) =>
        fake.sign('https://crm.example.com/api/v1/sms/webhooks/twilio/inbound', {
          AccountSid: fake.accountSid,
          Body: body,
          From: from,
          MessageSid: sid,
          To: fake.from,
        });
      await post({ ...inbound('SMin1', 'STOP'), signature: 'bad' }).expect(403);
      await post(inbound('SMin1', ' stop ')).expect(200);
      await post(inbound('SMin1', ' stop ')).expect(200);
      const inbox = (await t.http.get('/api/v1/sms/inbox').set(bearer(repEast.token)).expect(200)).body;
      const conv = inbox.data.find((x: { contactId: string }) => x.contactId === c.id);
      expect(conv).toMatchObject({
        contactName: '王五',
        lastBody: ' stop ',
        lastDirection: 'inbound',
        unread: 1,
        optedOut: true,
      });
      expect(inbox.unreadTotal).toBeGreaterThanOrEqual(1);
      expect(
        (await t.http.get('/api/v1/sms/inbox').set(bearer(repSouth.token)).expect(200)).body.data.map(
          (x: { id: string }) => x.id,
        ),
      ).not.toContain(conv.id);
      await t.http.get(`/api/v1/sms/inbox/${conv.id}`).set(bearer(repSouth.token)).expect(404);
      const mk = await template({ kind: 'marketing', body: '会员日。拒收请回复R' });
      expect((await send(marketing, { contactId: c.id, templateId: mk.id }).expect(422)).body.code).toBe(
        'SMS_OPTED_OUT',
      );
      await post(inbound('SMin2', 'START')).expect(200);
      await send(marketing, { contactId: c.id, templateId: mk.id }).expect(201);
      const read = (
        await t.http.post(`/api/v1/sms/inbox/${conv.id}/read`).set(bearer(repEast.token)).expect(200)
      ).body;
      expect(read.conversation.unread).toBe(0);
      expect(read.messages.map((x: { direction: string }) => x.direction)).toEqual([
        'inbound',
        'inbound',
        'outbound',
      ]);
      const reply = (
        await t.http
          .post(`/api/v1/sms/inbox/${conv.id}/reply`)
          .set(bearer(repEast.token))
          .send({ body: '好的' })
          .expect(201)
      ).body;
      expect(reply).toMatchObject({ status: 'sent', contactId: c.id, provider: 'twilio' });
    });
  });

  describe('Aliyun against its fake', () => {
    let fake: FakeAliyun;
    let token: string;
    let tpl: { id: string };
    beforeAll(async () => {
      fake = await new FakeAliyun().start();
      const s = (
        await settings({
          provider: 'aliyun',
          publicBaseUrl: 'https://crm.example.com',
          credentials: {
            accessKeyId: fake.accessKeyId,
            accessKeySecret: fake.accessKeySecret,
            signName: fake.signName,
            endpoint: fake.url,
          },
        })
      ).body;
      expect(s.webhooks.status).toMatch(/\/api\/v1\/sms\/webhooks\/aliyun\/status\?token=[0-9a-f]{64}$/);
      token = s.webhooks.status.split('token=')[1];
      tpl = await template({ body: '您的验证码为：{{code}}', providerTemplateCode: 'SMS_154950909' });
    });
    afterAll(async () => {
      await settings({ provider: 'log' });
      await fake.stop();
    });

    it('signs SendSms; the SmsReport push is checked by its token, answered 接收成功 and applied once', async () => {
      const c = await contact(repEast);
      const m = (
        await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '8888' } }).expect(201)
      ).body;
      expect(m).toMatchObject({ status: 'sent', provider: 'aliyun', body: '您的验证码为：8888' });
      const q = new URL(fake.requests.at(-1)!.path, 'http://x').searchParams;
      expect([q.get('TemplateParam'), q.get('OutId')]).toEqual(['{"code":"8888"}', m.id]);
      const reports = fake.takeReports();
      const keys = async () => Number((await ds.query(`SELECT count(*) AS n FROM sms_webhook_keys`))[0].n);
      const before = await keys();
      expect(
        (await t.http.post('/api/v1/sms/webhooks/aliyun/status?token=wrong').send(reports).expect(403)).body
          .code,
      ).toBe('SMS_WEBHOOK_FORBIDDEN');
      await t.http.post('/api/v1/sms/webhooks/aliyun/status').send(reports).expect(403);
      expect(await keys()).toBe(before);
      expect((await message(m.id)).status).toBe('sent');
      const ok = await t.http
        .post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`)
        .send(reports)
        .expect(200);
      expect(ok.body).toEqual({ code: 0, msg: '接收成功' });
      await t.http.post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`).send(reports).expect(200);
      expect(await keys()).toBe(before + 1);
      expect((await message(m.id)).status).toBe('delivered');
      // a failure report after delivery does not undo it
      await t.http
        .post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`)
        .send([
          {
            ...reports[0],
            biz_id: reports[0].biz_id,
            success: false,
            err_code: 'MK:0001',
            phone_number: reports[0].phone_number + '',
          },
        ])
        .expect(200);
      expect((await message(m.id)).status).toBe('delivered');
    });

    it("records Aliyun's flow control and a wrong secret as failures with their codes", async () => {
      const c = await contact(repEast);
      fake.limitPerMinute = 1;
      await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '1' } }).expect(201);
      const second = (
        await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '2' } }).expect(201)
      ).body;
      expect(second).toMatchObject({
        status: 'failed',
        errorCode: 'isv.BUSINESS_LIMIT_CONTROL',
        errorMessage: '触发分钟级流控Permits:1',
      });
      fake.limitPerMinute = 100;
      await settings({ credentials: { accessKeySecret: 'not-the-secret' } });
      const bad = (
        await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '3' } }).expect(201)
      ).body;
      expect(bad).toMatchObject({ status: 'failed', errorCode: 'SignatureDoesNotMatch' });
      await settings({ credentials: { accessKeySecret: fake.accessKeySecret } });
    });

    it('broadcasts through SendBatchSms: up to 100 numbers a signed call, per-recipient status from the reports', async () => {
      const people: { id: string; name: string }[] = [];
      for (let i = 0; i < 105; i += 15)
        people.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(15, 105 - i) }, (_, k) =>
              contact(repEast, { name: `批量 ${i + k}` }),
            ),
          )),
        );
      const batchTpl = await template({
        kind: 'notification',
        body: '{{name}}您好，您的订单已发货',
        providerTemplateCode: 'SMS_154950909',
      });
      fake.takeReports();
      const calls = fake.batchCalls;
      const b = (
        await t.http
          .post('/api/v1/sms/broadcasts')
          .set(bearer(marketing.token))
          .send({
            name: '批量发货通知',
            templateId: batchTpl.id,
            audience: { type: 'contacts', contactIds: people.map((p) => p.id) },
          })
          .expect(201)
      ).body;
      expect(b).toMatchObject({ status: 'completed', progress: { listed: 105, byStatus: { sent: 105 } } });
      // 105 recipients in one chunk: a call of 100 and one of 5, never one call per number
      expect(fake.batchCalls - calls).toBe(2);
      expect(fake.batchSizes.slice(-2).sort((x, y) => x - y)).toEqual([5, 100]);
      const batchReq = fake.requests.filter((r) => r.headers['x-acs-action'] === 'SendBatchSms').at(-1)!;
      expect(batchReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const form = new URLSearchParams(batchReq.body);
      const phones = JSON.parse(form.get('PhoneNumberJson')!) as string[];
      const params = JSON.parse(form.get('TemplateParamJson')!) as { name: string }[];
      expect(JSON.parse(form.get('SignNameJson')!)).toEqual(phones.map(() => fake.signName));
      expect(params.length).toBe(phones.length);
      expect(form.get('TemplateCode')).toBe('SMS_154950909');
      // each number with its own variables: the contact's name goes with the contact's number
      const firstId = people.find((p) => p.name === params[0].name)!.id;
      expect(e164(phones[0])).toBe(await phoneOf(firstId));
      // the body is signed too (its SHA-256 in the signed headers): the same request with another body is refused
      const replay = await fetch(fake.url + batchReq.path, {
        method: 'POST',
        headers: {
          ...Object.fromEntries(
            Object.entries(batchReq.headers).filter(
              ([k]) => k === 'authorization' || k === 'content-type' || k.startsWith('x-acs-'),
            ),
          ),
          'x-acs-signature-nonce': 'replayed',
        } as Record<string, string>,
        body: batchReq.body.replace('SMS_154950909', 'SMS_000000000'),
      });
      expect((await replay.json()).Code).toBe('ContentSHA256NotMatched');

      // the reports carry only the batch's BizId and the number: each finds its own message; one was not delivered
      const reports = fake.takeReports();
      expect(reports.length).toBe(105);
      expect(reports.every((r) => r.out_id === '')).toBe(true);
      // a report that outruns the recording of its batch (a BizId not written yet) is parked and answered 接收成功
      const early = [{ ...reports[0], biz_id: '999999999999^0' }];
      expect(
        (await t.http.post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`).send(early).expect(200)).body,
      ).toEqual({ code: 0, msg: '接收成功' });
      expect(
        await ds.query(`SELECT provider_id, status FROM sms_parked_receipts WHERE key = $1`, [
          `999999999999^0:${reports[0].phone_number}`,
        ]),
      ).toEqual([{ provider_id: `999999999999^0:${reports[0].phone_number}`, status: 'delivered' }]);
      const lost = reports.find((r) => r.phone_number === phones[0])!;
      lost.success = false;
      lost.err_code = 'MK:0001';
      await t.http.post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`).send(reports).expect(200);
      const done = (
        await t.http.get(`/api/v1/sms/broadcasts/${b.id}`).set(bearer(marketing.token)).expect(200)
      ).body;
      expect(done.progress.byStatus).toEqual({ delivered: 104, undelivered: 1 });
      const failed = (await ds.query(
        `SELECT contact_id, error_code, provider_id FROM sms_messages WHERE broadcast_id = $1 AND status = 'undelivered'`,
        [b.id],
      )) as { contact_id: string; error_code: string; provider_id: string }[];
      expect(failed).toEqual([
        { contact_id: firstId, error_code: 'MK:0001', provider_id: `${lost.biz_id}:${phones[0]}` },
      ]);

      // a refused batch fails each of its messages with the provider's code
      await settings({ credentials: { accessKeySecret: 'not-the-secret' } });
      const refused = (
        await t.http
          .post('/api/v1/sms/broadcasts')
          .set(bearer(marketing.token))
          .send({
            name: '批量 拒绝',
            templateId: batchTpl.id,
            audience: { type: 'contacts', contactIds: people.slice(0, 3).map((p) => p.id) },
          })
          .expect(201)
      ).body;
      expect(refused.progress.byStatus).toEqual({ failed: 3 });
      expect(
        (
          await ds.query(`SELECT DISTINCT error_code FROM sms_messages WHERE broadcast_id = $1`, [refused.id])
        ).map((r: { error_code: string }) => r.error_code),
      ).toEqual(['SignatureDoesNotMatch']);
      await settings({ credentials: { accessKeySecret: fake.accessKeySecret } });
    });

    it('a report Aliyun pushes before answering SendBatchSms is parked, answered 接收成功 and applied when the batch is recorded; duplicates and parallel pushes apply once', async () => {
      // the fake pushes each call's reports to the webhook over real HTTP and answers the call only after the push
      // was answered: the API cannot have stored the BizId when the reports arrive
      const server = t.app.getHttpServer() as import('node:http').Server;
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as import('node:net').AddressInfo).port;
      fake.reportUrl = `http://127.0.0.1:${port}/api/v1/sms/webhooks/aliyun/status?token=${token}`;
      fake.reportBeforeAnswer = true;
      try {
        const people = await Promise.all(Array.from({ length: 12 }, () => contact(repEast)));
        const batchTpl = await template({
          kind: 'notification',
          body: '{{name}}您好，您的包裹已到',
          providerTemplateCode: 'SMS_154950909',
        });
        const answers = fake.pushAnswers.length;
        const b = (
          await t.http
            .post('/api/v1/sms/broadcasts')
            .set(bearer(marketing.token))
            .send({
              name: '回执先到',
              templateId: batchTpl.id,
              audience: { type: 'contacts', contactIds: people.map((p) => p.id) },
            })
            .expect(201)
        ).body;
        expect(fake.pushAnswers.slice(answers)).toEqual([{ status: 200, body: '{"code":0,"msg":"接收成功"}' }]);
        // every recipient final without a second push: the recording applied the parked reports
        expect(b.progress.byStatus).toEqual({ delivered: 12 });
        const rows = (await ds.query(
          `SELECT provider_id, version FROM sms_messages WHERE broadcast_id = $1`,
          [b.id],
        )) as { provider_id: string; version: number }[];
        const bizId = fake.pushed.at(-1)!.biz_id;
        expect(rows.every((r) => r.provider_id.startsWith(`${bizId}:`))).toBe(true);
        expect(
          (await ds.query(`SELECT count(*)::int AS n FROM sms_parked_receipts WHERE provider_id LIKE $1`, [`${bizId}:%`]))[0].n,
        ).toBe(0);

        // Aliyun pushes again (its retry, five at once): each report is applied once, nothing moves, nothing is parked
        const reports = fake.pushed.filter((r) => r.biz_id === bizId);
        const push = () => t.http.post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`).send(reports);
        for (const r of await Promise.all(Array.from({ length: 5 }, push)))
          expect(r.body).toEqual({ code: 0, msg: '接收成功' });
        expect(
          await ds.query(`SELECT provider_id, version FROM sms_messages WHERE broadcast_id = $1`, [b.id]),
        ).toEqual(expect.arrayContaining(rows));
        expect(
          (await ds.query(`SELECT count(*)::int AS n FROM sms_webhook_keys WHERE key LIKE $1`, [`${bizId}:%`]))[0].n,
        ).toBe(12);

        // a single SendSms (OutId = our id) whose report outruns the answer is found by the id: delivered too
        const c = await contact(repEast);
        const one = (
          await send(repEast, { contactId: c.id, templateId: tpl.id, variables: { code: '7' } }).expect(201)
        ).body;
        expect((await message(one.id)).status).toBe('delivered');
      } finally {
        fake.reportUrl = null;
        fake.reportBeforeAnswer = false;
      }
    });

    it('parks reports of a batch not recorded yet once (parallel duplicates); the sweep applies those whose message got its id and drops old ones', async () => {
      const c = await contact(repSouth);
      const phone = (await phoneOf(c.id)).replace(/^\+86/, '');
      const biz = `${Date.now()}424242^0`;
      const report = {
        phone_number: phone,
        send_time: '2026-12-01 10:00:00',
        report_time: '2026-12-01 10:00:05',
        success: false,
        err_code: 'MK:0004',
        err_msg: '空号',
        sms_size: '1',
        biz_id: biz,
        out_id: '',
      };
      const push = () => t.http.post(`/api/v1/sms/webhooks/aliyun/status?token=${token}`).send([report]);
      for (const r of await Promise.all(Array.from({ length: 6 }, push)))
        expect(r.body).toEqual({ code: 0, msg: '接收成功' });
      expect(
        await ds.query(`SELECT status, error_code FROM sms_parked_receipts WHERE provider_id = $1`, [`${biz}:${phone}`]),
      ).toEqual([{ status: 'undelivered', error_code: 'MK:0004' }]);
      // the message gets that provider id outside a recording transaction (here: written directly): the sweep applies it
      const [{ id }] = await ds.query(
        `INSERT INTO sms_messages (direction, status, phone, body, provider, provider_id, contact_id, owner_id, sent_at)
         VALUES ('outbound', 'sent', $1, 'x', 'aliyun', $2, $3, $4, now()) RETURNING id`,
        [`+86${phone}`, `${biz}:${phone}`, c.id, repSouth.id],
      );
      await ds.query(
        `INSERT INTO sms_parked_receipts (provider, key, provider_id, status, received_at)
         VALUES ('aliyun', 'old:1', 'old:1', 'delivered', now() - interval '4 days')`,
      );
      await jobs().runNow('sms.receipts');
      expect(await message(id)).toMatchObject({ status: 'undelivered', errorCode: 'MK:0004' });
      expect(
        (await ds.query(`SELECT count(*)::int AS n FROM sms_parked_receipts WHERE key IN ($1, 'old:1')`, [`${biz}:${phone}`]))[0].n,
      ).toBe(0);
      await push().expect(200); // a later retry: its key is consumed, nothing parked again
      expect(
        (await ds.query(`SELECT count(*)::int AS n FROM sms_parked_receipts WHERE provider_id = $1`, [`${biz}:${phone}`]))[0].n,
      ).toBe(0);
      expect((await message(id)).status).toBe('undelivered');
    });

    it('takes SmsUp inbound once per sequence_id, matched to a lead by phone; 退订 opts out', async () => {
      const phone = mobile();
      const lead = (
        await t.http
          .post('/api/v1/leads')
          .set(bearer(repSouth.token))
          .send({ name: '线索 赵六', phone })
          .expect(201)
      ).body;
      const up = [
        {
          dest_code: '1234',
          send_time: '2026-11-30 10:00:00',
          sign_name: fake.signName,
          sequence_id: 9001,
          phone_number: phone,
          content: '退订',
        },
      ];
      await t.http.post('/api/v1/sms/webhooks/aliyun/inbound?token=nope').send(up).expect(403);
      expect(
        (await t.http.post(`/api/v1/sms/webhooks/aliyun/inbound?token=${token}`).send(up).expect(200)).body,
      ).toEqual({ code: 0, msg: '接收成功' });
      await t.http.post(`/api/v1/sms/webhooks/aliyun/inbound?token=${token}`).send(up).expect(200);
      const rows = await ds.query(
        `SELECT lead_id, owner_id FROM sms_messages WHERE direction = 'inbound' AND phone = $1`,
        [e164(phone)],
      );
      expect(rows).toEqual([{ lead_id: lead.id, owner_id: repSouth.id }]);
      expect((await ds.query(`SELECT source FROM sms_opt_outs WHERE phone = $1`, [e164(phone)])).length).toBe(
        1,
      );
      const south = (await t.http.get('/api/v1/sms/inbox').set(bearer(repSouth.token)).expect(200)).body.data;
      expect(south.find((x: { leadId: string }) => x.leadId === lead.id)).toMatchObject({
        optedOut: true,
        lastBody: '退订',
      });
    });
  });
});
