import { DataSource } from 'typeorm';
import { EmailAccountsService } from '@modules/email/email-accounts.service';
import { EmailDeliveryService } from '@modules/email/email-delivery.service';
import { EmailInboundService } from '@modules/email/email-inbound.service';
import { EmailMessagesService } from '@modules/email/email-messages.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, createUser, Org } from './helpers/fixtures';
import { startImap, startSmtp } from './helpers/mail-servers';

type U = { id: string; token: string };

/**
 * Email through real servers on loopback: `smtp-server` receives what nodemailer sends, `hoodiecrow-imap` holds
 * the inbox the polling job reads. Mailboxes with write-only passwords and a connection test in the servers'
 * words; sending to a record with CC/BCC, an attachment, a template, sanitized HTML and reply threading; 4xx
 * retried, 5xx failed with the reply kept; scheduling; the data scope; inbound matching, threading, bounces and
 * processing once with two instances.
 */
describe('email (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let repEast: U;
  let repSouth: U;
  let ds: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let imap: Awaited<ReturnType<typeof startImap>>;
  let mailboxId: string;
  let seq = 0;
  const accounts = new Map<string, string>();

  const contact = async (who: U, body: Record<string, unknown> = {}) => {
    if (!accounts.has(who.id)) accounts.set(who.id, (await t.http.post('/api/v1/accounts').set(bearer(who.token)).send({ name: `华东客户有限公司 ${++seq}` }).expect(201)).body.id);
    const res = await t.http.post('/api/v1/contacts').set(bearer(who.token)).send({ name: `客户 ${++seq}`, accountId: accounts.get(who.id), email: `buyer${seq}@customer.test`, ...body });
    if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; name: string; email: string };
  };
  const emailOf = async (id: string) => ((await ds.query(`SELECT email FROM contacts WHERE id = $1`, [id])) as { email: string }[])[0].email;
  const send = (who: U, body: Record<string, unknown>) => t.http.post('/api/v1/email/messages').set(bearer(who.token)).send(body);
  const lastTo = (address: string) => [...smtp.received].reverse().find((r) => r.envelope.to.includes(address));
  const delivery = () => t.app.get(EmailDeliveryService);
  const inbound = () => t.app.get(EmailInboundService);
  const timeline = async (who: U | Record<string, string>, kind: string, id: string) =>
    (await t.http.get(`/api/v1/${kind}/${id}/timeline`).set('token' in who ? bearer((who as U).token) : who).expect(200)).body.data as { kind: string; change?: { action: string; changes: { field: string; new: unknown }[] } }[];

  beforeAll(async () => {
    smtp = await startSmtp();
    imap = await startImap();
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    repEast = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.east, name: 'Rep East' });
    repSouth = await createUser(t, org, { role: 'sales_rep', departmentId: org.depts.south, name: 'Rep South' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await imap.close();
  });

  it('keeps mailbox passwords write-only and sealed; the connection test reports the servers’ own errors', async () => {
    const body = {
      name: '销售部邮箱',
      address: 'Sales@keyuan.test',
      fromName: '客源销售',
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpSecurity: 'none',
      smtpUser: smtp.user,
      smtpPassword: 'wrong-password',
      imapHost: '127.0.0.1',
      imapPort: imap.port,
      imapSecurity: 'none',
      imapUser: imap.user,
      imapPassword: 'wrong-too',
      inboundEnabled: true,
      isDefault: true,
      signature: '<p>— 客源科技<script>x()</script></p>',
    };
    await t.http.post('/api/v1/email/accounts').set(bearer(repEast.token)).send(body).expect(403);
    const bad = await t.http.post('/api/v1/email/accounts').set(admin).send({ ...body, smtpPort: 'x', address: 'nope' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['address', 'smtpPort']);
    const created = (await t.http.post('/api/v1/email/accounts').set(admin).send(body).expect(201)).body;
    mailboxId = created.id;
    expect(created).toMatchObject({ address: 'sales@keyuan.test', smtpPasswordSet: true, imapPasswordSet: true, isDefault: true });
    const all = JSON.stringify([created, (await t.http.get('/api/v1/email/accounts').set(admin).expect(200)).body, (await t.http.get(`/api/v1/email/accounts/${mailboxId}`).set(admin).expect(200)).body]);
    expect(all).not.toContain('wrong-password');
    expect(all).not.toContain('wrong-too');
    const [row] = await ds.query(`SELECT secrets FROM email_accounts WHERE id = $1`, [mailboxId]);
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain('wrong');
    await t.http.post('/api/v1/email/accounts').set(admin).send(body).expect(409);

    const failed = (await t.http.post(`/api/v1/email/accounts/${mailboxId}/test`).set(admin).expect(200)).body;
    expect(failed.smtp).toEqual({ ok: false, error: expect.stringContaining('535 5.7.8 Authentication credentials invalid') });
    expect(failed.imap.ok).toBe(false);
    expect(failed.imap.error).toMatch(/auth|login|invalid/i);

    const fixed = (await t.http.patch(`/api/v1/email/accounts/${mailboxId}`).set(admin).send({ smtpPassword: smtp.pass, imapPassword: imap.pass, version: created.version }).expect(200)).body;
    expect(JSON.stringify(fixed)).not.toContain(smtp.pass);
    await t.http.patch(`/api/v1/email/accounts/${mailboxId}`).set(admin).send({ name: 'x', version: created.version }).expect(412);
    const ok = (await t.http.post(`/api/v1/email/accounts/${mailboxId}/test`).set(admin).expect(200)).body;
    expect(ok).toEqual({ smtp: { ok: true, error: null }, imap: { ok: true, error: null } });
  });

  let sent: { id: string; messageId: string; threadId: string };
  let firstContact: { id: string; email: string };

  it('sends to a contact through SMTP: server-side address, CC/BCC, attachment, template, sanitized HTML, timeline', async () => {
    const c = await contact(repEast, { name: '张三' });
    firstContact = { id: c.id, email: await emailOf(c.id) };
    // a reader without viewSensitive sees the address masked; the server still sends to the real one
    const seen = (await t.http.get(`/api/v1/contacts/${c.id}`).set(bearer(repSouth.token))).status;
    expect([403, 404]).toContain(seen);
    const tpl = (await t.http.post('/api/v1/email/templates').set(admin).send({ name: '报价跟进', subject: '{{account.name}} 的报价', bodyHtml: '<p>{{name}}您好，</p><p onclick="steal()">附件是报价单。<script>alert(1)</script></p><a href="javascript:alert(1)">x</a>' }).expect(201)).body;
    expect(tpl.variables).toEqual(['account.name', 'name']);
    const preview = (await t.http.post('/api/v1/email/templates/preview').set(bearer(repEast.token)).send({ templateId: tpl.id, recordType: 'contact', recordId: c.id }).expect(200)).body;
    expect(preview.subject).toMatch(/^华东客户有限公司 \d+ 的报价$/);
    expect(preview.html).toContain('<p>张三您好，</p>');
    expect(preview.html).not.toMatch(/script|onclick|javascript/);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = (await t.http.post('/api/v1/email/attachments').set(bearer(repEast.token)).attach('file', pdf, '报价单.pdf').expect(201)).body;
    const res = await send(repEast, { recordType: 'contact', recordId: c.id, templateId: tpl.id, cc: ['Boss@customer.test'], bcc: ['archive@keyuan.test'], attachmentIds: [up.id] }).expect(201);
    expect(res.body).toMatchObject({ direction: 'outbound', status: 'sent', recordType: 'contact', recordId: c.id, recordName: '张三', attempts: 1, cc: ['boss@customer.test'] });
    sent = res.body;

    const got = lastTo(firstContact.email)!;
    expect(got.envelope.to.sort()).toEqual([firstContact.email, 'archive@keyuan.test', 'boss@customer.test'].sort());
    expect(got.envelope.from).toBe('sales@keyuan.test');
    expect(got.mail.from!.value[0]).toMatchObject({ address: 'sales@keyuan.test', name: '客源销售' });
    expect(got.mail.headers.get('bcc')).toBeUndefined();
    expect(got.raw).not.toMatch(/^Bcc:/im);
    expect(got.mail.messageId).toBe(sent.messageId);
    expect(got.mail.subject).toMatch(/华东客户有限公司 \d+ 的报价/);
    expect(got.mail.html).toContain('张三您好');
    expect(got.mail.html).toContain('客源科技');
    expect(got.mail.html).not.toMatch(/script|onclick|javascript:/);
    expect(got.mail.text).toContain('张三您好');
    expect(got.mail.attachments).toHaveLength(1);
    expect(got.mail.attachments[0]).toMatchObject({ filename: '报价单.pdf', contentType: 'application/pdf' });
    expect(got.mail.attachments[0].content.toString()).toBe(pdf.toString());

    const entry = (await timeline(repEast, 'contacts', c.id)).find((e) => e.change?.action === 'message.sent');
    expect(entry!.change!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'channel', new: 'email' }), expect.objectContaining({ field: 'messageId', new: sent.id })]));
  });

  it('threads a reply with In-Reply-To and References', async () => {
    const reply = (await send(repEast, { replyToId: sent.id, bodyHtml: '<p>补充一句</p>' }).expect(201)).body;
    expect(reply).toMatchObject({ threadId: sent.threadId, inReplyTo: sent.messageId, references: [sent.messageId], recordId: firstContact.id });
    const got = smtp.received.find((r) => r.mail.messageId === reply.messageId)!;
    expect(got.mail.inReplyTo).toBe(sent.messageId);
    expect(got.mail.references).toBe(sent.messageId);
    expect(got.mail.subject).toMatch(/^Re: /);
  });

  it('retries a 4xx reply and fails on a 5xx one, keeping the server reply', async () => {
    const busy = await contact(repEast, { email: 'greylisted@customer.test' });
    smtp.reject('greylisted@customer.test', 450, '4.2.0 Greylisted, try again later', 1);
    const first = (await send(repEast, { recordType: 'contact', recordId: busy.id, subject: 'Hi', bodyText: 'Hello' }).expect(201)).body;
    expect(first).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'smtp_4xx', errorMessage: expect.stringContaining('450 4.2.0 Greylisted'), nextAttemptAt: expect.any(String) });
    // nothing is due yet; once the backoff passed the outbox job sends it
    expect(await delivery().sendDue()).toBe(0);
    await ds.query(`UPDATE email_messages SET next_attempt_at = now() WHERE id = $1`, [first.id]);
    expect(await delivery().sendDue()).toBe(1);
    const retried = (await t.http.get(`/api/v1/email/messages/${first.id}`).set(bearer(repEast.token)).expect(200)).body;
    expect(retried).toMatchObject({ status: 'sent', attempts: 2, errorCode: null });
    expect(lastTo('greylisted@customer.test')).toBeDefined();

    const gone = await contact(repEast, { email: 'gone@customer.test' });
    smtp.reject('gone@customer.test', 550, '5.1.1 <gone@customer.test>: Recipient address rejected: User unknown');
    const dead = (await send(repEast, { recordType: 'contact', recordId: gone.id, subject: 'Hi', bodyText: 'Hello' }).expect(201)).body;
    expect(dead).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'smtp_5xx', errorMessage: expect.stringContaining('550 5.1.1 <gone@customer.test>: Recipient address rejected: User unknown') });
    await ds.query(`UPDATE email_messages SET next_attempt_at = now() WHERE id = $1`, [dead.id]);
    expect(await delivery().sendDue()).toBe(0);
  });

  it('schedules and cancels', async () => {
    const c = await contact(repEast);
    const later = (await send(repEast, { recordType: 'contact', recordId: c.id, subject: '明天见', bodyText: '明天上午十点', scheduledAt: new Date(Date.now() + 3600_000).toISOString() }).expect(201)).body;
    expect(later.status).toBe('scheduled');
    expect(await delivery().sendDue()).toBe(0);
    await ds.query(`UPDATE email_messages SET next_attempt_at = now() WHERE id = $1`, [later.id]);
    expect(await delivery().sendDue()).toBe(1);
    expect((await t.http.get(`/api/v1/email/messages/${later.id}`).set(bearer(repEast.token)).expect(200)).body.status).toBe('sent');
    const other = (await send(repEast, { recordType: 'contact', recordId: c.id, subject: 'x', bodyText: 'y', scheduledAt: new Date(Date.now() + 3600_000).toISOString() }).expect(201)).body;
    expect((await t.http.post(`/api/v1/email/messages/${other.id}/cancel`).set(bearer(repEast.token)).expect(200)).body.status).toBe('canceled');
    await t.http.post(`/api/v1/email/messages/${later.id}/cancel`).set(bearer(repEast.token)).expect(409);
  });

  it('checks input and holds the data scope: a rep sees only mail on records in scope', async () => {
    const bad = (await send(repEast, { recordType: 'contact', recordId: firstContact.id, subject: 'x', bodyText: 'y', cc: ['not-an-address'] }).expect(400)).body;
    expect(bad.errors[0].field).toMatch(/^cc/);
    expect((await send(repEast, { subject: 'x', bodyText: 'y' }).expect(400)).body).toMatchObject({ code: 'EMAIL_RECIPIENT_REQUIRED', errors: [{ field: 'to' }] });
    const dne = await contact(repEast, { doNotEmail: true });
    expect((await send(repEast, { recordType: 'contact', recordId: dne.id, subject: 'x', bodyText: 'y' }).expect(422)).body.code).toBe('EMAIL_DO_NOT_EMAIL');
    const noAddr = await contact(repEast, { email: null });
    expect((await send(repEast, { recordType: 'contact', recordId: noAddr.id, subject: 'x', bodyText: 'y' }).expect(422)).body.code).toBe('EMAIL_NO_ADDRESS');

    // the other rep: cannot write to, list or read mail of a record outside their scope
    await send(repSouth, { recordType: 'contact', recordId: firstContact.id, subject: 'x', bodyText: 'y' }).expect(404);
    await send(repSouth, { replyToId: sent.id, bodyText: 'y' }).expect(404);
    const south = (await t.http.get('/api/v1/email/messages').set(bearer(repSouth.token)).expect(200)).body.data;
    expect(south).toEqual([]);
    await t.http.get(`/api/v1/email/messages/${sent.id}`).set(bearer(repSouth.token)).expect(404);
    const mine = await contact(repSouth);
    const own = (await send(repSouth, { recordType: 'contact', recordId: mine.id, subject: 'x', bodyText: 'y' }).expect(201)).body;
    expect((await t.http.get('/api/v1/email/messages').set(bearer(repSouth.token)).expect(200)).body.data.map((m: { id: string }) => m.id)).toEqual([own.id]);
    const east = (await t.http.get(`/api/v1/email/messages?recordType=contact&recordId=${firstContact.id}`).set(bearer(repEast.token)).expect(200)).body.data;
    expect(east.map((m: { id: string }) => m.id)).toContain(sent.id);
    expect(east.map((m: { id: string }) => m.id)).not.toContain(own.id);
    await t.http.get(`/api/v1/email/messages/${sent.id}`).set(admin).expect(200);
    await t.http.get('/api/v1/email/accounts').set(bearer(repEast.token)).expect(403);
  });

  it('polls IMAP: a reply is threaded to the sent message, a new sender is matched to their lead, both on the timeline', async () => {
    await imap.append(
      [`From: 张三 <${firstContact.email}>`, 'To: sales@keyuan.test', `Subject: Re: 报价`, `Message-ID: <reply-1@customer.test>`, `In-Reply-To: ${sent.messageId}`, `References: ${sent.messageId}`, 'Content-Type: text/plain; charset=utf-8', '', '收到，谢谢！', ''].join('\r\n'),
    );
    const lead = (await t.http.post('/api/v1/leads').set(bearer(repEast.token)).send({ name: '王五', email: 'wangwu@prospect.test', company: '新客户公司' }).expect(201)).body;
    await imap.append(['From: Wang Wu <WangWu@prospect.test>', 'To: sales@keyuan.test', 'Subject: 咨询产品', 'Message-ID: <ask-1@prospect.test>', 'Content-Type: text/html; charset=utf-8', '', '<p>想了解价格<script>x()</script></p>', ''].join('\r\n'));
    expect(await inbound().pollAll()).toBe(2);
    expect(await inbound().pollAll()).toBe(0);

    const thread = (await t.http.get(`/api/v1/email/messages?threadId=${sent.threadId}`).set(bearer(repEast.token)).expect(200)).body.data;
    const reply = thread.find((m: { direction: string }) => m.direction === 'inbound');
    expect(reply).toMatchObject({ status: 'received', subject: 'Re: 报价', inReplyTo: sent.messageId, recordType: 'contact', recordId: firstContact.id, bodyText: expect.stringContaining('收到，谢谢') });
    expect((await timeline(repEast, 'contacts', firstContact.id)).some((e) => e.change?.action === 'message.received')).toBe(true);

    const leadMail = (await t.http.get(`/api/v1/email/messages?recordType=lead&recordId=${lead.id}`).set(bearer(repEast.token)).expect(200)).body.data;
    expect(leadMail).toHaveLength(1);
    expect(leadMail[0].bodyHtml).not.toContain('script');
    expect((await timeline(repEast, 'leads', lead.id)).some((e) => e.change?.action === 'message.received')).toBe(true);
    // out of scope for the other rep
    expect((await t.http.get(`/api/v1/email/messages?direction=inbound`).set(bearer(repSouth.token)).expect(200)).body.data).toEqual([]);
  });

  it('marks a bounced address from a DSN and refuses to send to it', async () => {
    const c = await contact(repEast, { email: 'bounce-me@customer.test' });
    const out = (await send(repEast, { recordType: 'contact', recordId: c.id, subject: 'Hello', bodyText: 'x' }).expect(201)).body;
    const boundary = 'dsn-boundary';
    await imap.append(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
        'To: sales@keyuan.test',
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <dsn-1@mx.customer.test>',
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        'MIME-Version: 1.0',
        '',
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.customer.test',
        '',
        'Final-Recipient: rfc822; bounce-me@customer.test',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
        '',
        `--${boundary}`,
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: ${out.messageId}`,
        'Subject: Hello',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    expect(await inbound().pollAll()).toBe(1);
    const [status] = await ds.query(`SELECT bouncing, bounce_reason FROM email_address_status WHERE address = 'bounce-me@customer.test'`);
    expect(status).toMatchObject({ bouncing: true, bounce_reason: expect.stringContaining('5.1.1') });
    expect((await t.http.get(`/api/v1/email/messages/${out.id}`).set(bearer(repEast.token)).expect(200)).body).toMatchObject({ status: 'failed', errorCode: 'bounced' });
    expect((await send(repEast, { recordType: 'contact', recordId: c.id, subject: 'again', bodyText: 'x' }).expect(422)).body.code).toBe('EMAIL_ADDRESS_BOUNCING');
  });

  it('files a mail whose headers are longer than the columns, and keeps polling past it', async () => {
    const longName = '长'.repeat(300);
    const longId = `<${'x'.repeat(600)}@evil.test>`;
    await imap.append([`From: ${longName} <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: long', `Message-ID: ${longId}`, `In-Reply-To: ${longId}`, '', 'hi', ''].join('\r\n'));
    await imap.append([`From: <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: normal after long', 'Message-ID: <normal-1@customer.test>', '', 'hi', ''].join('\r\n'));
    expect(await inbound().pollAll()).toBe(2);
    const [long] = await ds.query(`SELECT from_name, message_id FROM email_messages WHERE subject = 'long'`);
    expect(long.from_name).toHaveLength(200);
    expect(long.message_id.length).toBeLessThanOrEqual(500);
    expect(await ds.query(`SELECT id FROM email_messages WHERE message_id = '<normal-1@customer.test>'`)).toHaveLength(1);
    await imap.append([`From: <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: normal 2', 'Message-ID: <normal-2@customer.test>', '', 'hi', ''].join('\r\n'));
    expect(await inbound().pollAll()).toBe(1);
  });

  it('a message that cannot be filed is passed over, recorded, and does not stop the mailbox', async () => {
    const svc = inbound();
    const real = svc.ingest.bind(svc);
    const spy = jest.spyOn(svc, 'ingest').mockImplementation(async (...args: Parameters<typeof real>) => {
      if (args[4].toString('utf8').includes('Subject: poison')) throw new Error('boom');
      return real(...args);
    });
    try {
      await imap.append([`From: <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: poison', 'Message-ID: <poison-1@customer.test>', '', 'x', ''].join('\r\n'));
      await imap.append([`From: <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: after poison', 'Message-ID: <after-poison@customer.test>', '', 'x', ''].join('\r\n'));
      expect(await svc.pollAll()).toBe(1);
      const [acc] = await ds.query(`SELECT last_error FROM email_accounts WHERE id = $1`, [mailboxId]);
      expect(acc.last_error).toContain('boom');
      expect(await svc.pollAll()).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('ignores a forged bounce: not about our message, or naming an address the message was not sent to', async () => {
    const c = await contact(repEast, { email: 'real-one@customer.test' });
    const out = (await send(repEast, { recordType: 'contact', recordId: c.id, subject: 'Hello', bodyText: 'x' }).expect(201)).body;
    const dsn = (n: number, victim: string, original: string | null) => {
      const b = `dsn-forged-${n}`;
      return [
        'From: <MAILER-DAEMON@evil.test>',
        'To: sales@keyuan.test',
        'Subject: Undelivered',
        `Message-ID: <forged-${n}@evil.test>`,
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
        'MIME-Version: 1.0',
        '',
        `--${b}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; evil.test',
        '',
        `Final-Recipient: rfc822; ${victim}`,
        'Action: failed',
        'Status: 5.1.1',
        '',
        ...(original ? [`--${b}`, 'Content-Type: text/rfc822-headers', '', `Message-ID: ${original}`, ''] : []),
        `--${b}--`,
        '',
      ].join('\r\n');
    };
    await imap.append(dsn(1, 'victim@customer.test', null));
    await imap.append(dsn(2, 'victim2@customer.test', '<unknown@evil.test>'));
    await imap.append(dsn(3, 'victim3@customer.test', out.messageId));
    expect(await inbound().pollAll()).toBe(3);
    expect(await ds.query(`SELECT address FROM email_address_status WHERE address LIKE 'victim%' AND bouncing`)).toEqual([]);
    expect((await t.http.get(`/api/v1/email/messages/${out.id}`).set(bearer(repEast.token)).expect(200)).body.status).not.toBe('failed');
  });

  it('a personal mailbox sends only for its user (or a mailbox admin); unmatched inbound mail belongs to its user', async () => {
    const personal = (
      await t.http
        .post('/api/v1/email/accounts')
        .set(admin)
        .send({ name: '南区个人邮箱', address: 'south-rep@keyuan.test', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: smtp.user, smtpPassword: smtp.pass, userId: repSouth.id })
        .expect(201)
    ).body;
    const theirs = await contact(repSouth);
    const mine = await contact(repEast);
    const denied = await send(repEast, { recordType: 'contact', recordId: mine.id, subject: 'x', bodyText: 'y', accountId: personal.id }).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    await send(repSouth, { recordType: 'contact', recordId: theirs.id, subject: 'x', bodyText: 'y', accountId: personal.id }).expect(201);
    await send(repEast, { recordType: 'contact', recordId: mine.id, subject: 'x', bodyText: 'y' }).expect(201);

    await ds.query(`UPDATE email_accounts SET user_id = $2 WHERE id = $1`, [mailboxId, repSouth.id]);
    try {
      await imap.append(['From: <stranger@nowhere.test>', 'To: sales@keyuan.test', 'Subject: who am i', 'Message-ID: <stranger-1@nowhere.test>', '', 'x', ''].join('\r\n'));
      expect(await inbound().pollAll()).toBe(1);
    } finally {
      await ds.query(`UPDATE email_accounts SET user_id = NULL WHERE id = $1`, [mailboxId]);
    }
    const [row] = await ds.query(`SELECT id, owner_id FROM email_messages WHERE message_id = '<stranger-1@nowhere.test>'`);
    expect(row.owner_id).toBe(repSouth.id);
    await t.http.get(`/api/v1/email/messages/${row.id}`).set(bearer(repSouth.token)).expect(200);
  });

  it('the sender keeps seeing their own mail after its record moved out of their scope; 404 names the entity in both languages', async () => {
    const c = await contact(repEast);
    const out = (await send(repEast, { recordType: 'contact', recordId: c.id, subject: 'mine', bodyText: 'y' }).expect(201)).body;
    await ds.query(`UPDATE email_messages SET owner_id = $2, department_id = $3 WHERE id = $1`, [out.id, repSouth.id, org.depts.south]);
    await t.http.get(`/api/v1/email/messages/${out.id}`).set(bearer(repEast.token)).expect(200);
    expect((await t.http.get('/api/v1/email/messages').set(bearer(repEast.token)).expect(200)).body.data.map((m: { id: string }) => m.id)).toContain(out.id);
    const missing = '00000000-0000-4000-8000-000000000000';
    const zh = await t.http.get(`/api/v1/email/messages/${missing}`).set(bearer(repEast.token)).set('Accept-Language', 'zh-CN').expect(404);
    expect(JSON.stringify(zh.body)).toContain('邮件不存在');
    const en = await t.http.get(`/api/v1/email/broadcasts/${missing}`).set(admin).set('Accept-Language', 'en-US').expect(404);
    expect(JSON.stringify(en.body)).toContain('email broadcast not found');
    const tpl = await send(repEast, { recordType: 'contact', recordId: c.id, templateId: missing }).set('Accept-Language', 'zh-CN').expect(400);
    expect(JSON.stringify(tpl.body)).toContain('邮件模板不存在');
  });

  it('purges uploads no message names a day after they were uploaded; attached ones stay', async () => {
    const unused = (await t.http.post('/api/v1/email/attachments').set(bearer(repEast.token)).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf').expect(201)).body;
    const fresh = (await t.http.post('/api/v1/email/attachments').set(bearer(repEast.token)).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'y.pdf').expect(201)).body;
    await ds.query(`UPDATE attachments SET created_at = now() - interval '2 days' WHERE record_type = 'email_upload' AND id <> $1`, [fresh.id]);
    await ds.query(`UPDATE email_messages SET created_at = now() - interval '2 days' WHERE id = $1`, [sent.id]);
    expect(await t.app.get(EmailMessagesService).purgeUploads()).toBeGreaterThanOrEqual(1);
    const left: { id: string }[] = await ds.query(`SELECT id FROM attachments WHERE record_type = 'email_upload'`);
    expect(left.map((r) => r.id)).not.toContain(unused.id);
    expect(left.map((r) => r.id)).toContain(fresh.id);
    const [msg] = await ds.query(`SELECT attachments FROM email_messages WHERE id = $1`, [sent.id]);
    expect(left.map((r) => r.id)).toContain(msg.attachments[0].attachmentId);
  });

  it('claims one message at a time, and a worker whose claim was taken over does not write the outcome', async () => {
    const c = await contact(repEast);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send(repEast, { recordType: 'contact', recordId: c.id, subject: `claim ${i}`, bodyText: 'x', scheduledAt: later }).expect(201)).body.id);
    await ds.query(`UPDATE email_messages SET next_attempt_at = now() - interval '1 second' WHERE id = ANY($1)`, [ids]);
    const accounts = t.app.get(EmailAccountsService);
    const real = accounts.row.bind(accounts);
    const claimedAtOnce: number[] = [];
    let victim: string | null = null;
    const spy = jest.spyOn(accounts, 'row').mockImplementation(async (...args: Parameters<typeof real>) => {
      const sending: { id: string }[] = await ds.query(`SELECT id FROM email_messages WHERE id = ANY($1) AND status = 'sending' AND id IS DISTINCT FROM $2`, [ids, victim]);
      claimedAtOnce.push(sending.length);
      if (!victim) {
        // another worker takes the first message over (its lease ran out) while this one is still sending it
        victim = sending[0].id;
        await ds.query(`UPDATE email_messages SET attempts = attempts + 1 WHERE id = $1`, [victim]);
      }
      return real(...args);
    });
    try {
      expect(await delivery().sendDue(ids)).toBe(3);
    } finally {
      spy.mockRestore();
    }
    expect(claimedAtOnce).toEqual([1, 1, 1]);
    const rows: { id: string; status: string }[] = await ds.query(`SELECT id, status FROM email_messages WHERE id = ANY($1)`, [ids]);
    expect(rows.find((r) => r.id === victim)!.status).toBe('sending');
    expect(rows.filter((r) => r.id !== victim).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('processes an inbound message once with two API instances polling at the same time', async () => {
    const b = await startApp({ url: t.url });
    try {
      await imap.append([`From: <${firstContact.email}>`, 'To: sales@keyuan.test', 'Subject: 再问一下', 'Message-ID: <twice-1@customer.test>', '', '交货期多久？', ''].join('\r\n'));
      const [x, y] = await Promise.all([inbound().pollAll(), b.app.get(EmailInboundService).pollAll()]);
      expect(x + y).toBe(1);
      const rows = await ds.query(`SELECT id FROM email_messages WHERE message_id = '<twice-1@customer.test>'`);
      expect(rows).toHaveLength(1);
      const entries = await ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'message.received' AND changes::text LIKE $1`, [`%${rows[0].id}%`]);
      expect(entries[0].n).toBe(1);
    } finally {
      await b.app.close();
    }
  });
});
