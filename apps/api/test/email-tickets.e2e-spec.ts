import { DataSource } from 'typeorm';
import { EmailInboundService } from '@modules/email/email-inbound.service';
import { startApp, TestApp } from './helpers/test-app';
import { bearer, buildOrg, Org } from './helpers/fixtures';
import { startImap, startSmtp } from './helpers/mail-servers';

type Ticket = { id: string; number: string; status: string; channel: string; subject: string; contactId: string | null; accountId: string | null; requesterEmail: string | null; description: string | null; parentTicketId: string | null };
type Comment = { visibility: string; fromCustomer: boolean; body: string };

/**
 * The service mailbox through a real IMAP server on loopback (`hoodiecrow-imap`): new mail opens a ticket on the
 * sender's contact and account (through the tickets module's service), replies threaded to the ticket's mail or
 * naming its number add to it and reopen it within the reopen window, each message once even with two instances
 * polling; a message above EMAIL_INBOUND_MAX_BYTES is skipped and named.
 */
describe('email to tickets (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let admin: Record<string, string>;
  let ds: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let imap: Awaited<ReturnType<typeof startImap>>;
  let serviceBox: { id: string; version: number };
  let contact: { id: string; email: string; accountId: string };

  const inbound = () => t.app.get(EmailInboundService);
  const mail = (from: string, subject: string, id: string, body: string, extra: string[] = []) =>
    imap.append([`From: 客户 <${from}>`, 'To: service@keyuan.test', `Subject: ${subject}`, `Message-ID: ${id}`, ...extra, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
  const ticketOf = async (messageId: string): Promise<Ticket> => {
    const [row]: { ticket_id: string | null }[] = await ds.query(`SELECT ticket_id FROM email_messages WHERE message_id = $1`, [messageId]);
    expect(row?.ticket_id).toBeTruthy();
    return (await t.http.get(`/api/v1/tickets/${row.ticket_id}`).set(admin).expect(200)).body;
  };
  const comments = async (id: string): Promise<Comment[]> => (await t.http.get(`/api/v1/tickets/${id}/comments`).set(admin).expect(200)).body.data;
  const ticketCount = async (): Promise<number> => (await ds.query(`SELECT count(*)::int AS n FROM tickets`))[0].n;

  beforeAll(async () => {
    smtp = await startSmtp();
    imap = await startImap('service@keyuan.test');
    t = await startApp();
    ds = t.app.get(DataSource);
    org = await buildOrg(t);
    admin = bearer(org.adminToken);
    const mailbox = (opts: Record<string, unknown>) =>
      t.http
        .post('/api/v1/email/accounts')
        .set(admin)
        .send({ smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: smtp.user, smtpPassword: smtp.pass, ...opts })
        .expect(201)
        .then((r) => r.body);
    const sales = await mailbox({ name: '销售', address: 'sales@keyuan.test', isDefault: true, isServiceMailbox: true });
    expect(sales.isServiceMailbox).toBe(true);
    serviceBox = await mailbox({
      name: '客服',
      address: 'service@keyuan.test',
      purpose: 'service',
      imapHost: '127.0.0.1',
      imapPort: imap.port,
      imapSecurity: 'none',
      imapUser: imap.user,
      imapPassword: imap.pass,
      inboundEnabled: true,
    });
    const account = (await t.http.post('/api/v1/accounts').set(admin).send({ name: '华南设备有限公司' }).expect(201)).body;
    contact = { ...(await t.http.post('/api/v1/contacts').set(admin).send({ name: '赵敏', accountId: account.id, email: 'Zhao.Min@customer.test' }).expect(201)).body, email: 'zhao.min@customer.test', accountId: account.id };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await imap.close();
  });

  it('one mailbox at a time is the service mailbox; mail to another mailbox opens no ticket', async () => {
    await mail(contact.email, 'not yet', '<before-service@customer.test>', 'x');
    expect(await inbound().pollAll()).toBe(1);
    expect(await ticketCount()).toBe(0);
    const marked = (await t.http.patch(`/api/v1/email/accounts/${serviceBox.id}`).set(admin).send({ isServiceMailbox: true, version: serviceBox.version }).expect(200)).body;
    expect(marked.isServiceMailbox).toBe(true);
    const boxes: { address: string; isServiceMailbox: boolean }[] = (await t.http.get('/api/v1/email/accounts').set(admin).expect(200)).body.data;
    expect(boxes.filter((b) => b.isServiceMailbox).map((b) => b.address)).toEqual(['service@keyuan.test']);
    await t.http.patch(`/api/v1/email/accounts/${serviceBox.id}`).set(admin).send({ isServiceMailbox: 'yes' }).expect(400);
  });

  it('a new mail opens a ticket on the sender’s contact and account, once even with two instances polling', async () => {
    const b = await startApp({ url: t.url });
    try {
      await mail(contact.email, '打印机卡纸', '<jam-1@customer.test>', '型号 X200，每次打印第二页就卡纸。');
      const [x, y] = await Promise.all([inbound().pollAll(), b.app.get(EmailInboundService).pollAll()]);
      expect(x + y).toBe(1);
    } finally {
      await b.app.close();
    }
    expect(await inbound().pollAll()).toBe(0);
    expect(await ticketCount()).toBe(1);
    const ticket = await ticketOf('<jam-1@customer.test>');
    expect(ticket).toMatchObject({ subject: '打印机卡纸', channel: 'email', status: 'new', contactId: contact.id, accountId: contact.accountId, requesterEmail: contact.email });
    expect(ticket.description).toContain('每次打印第二页就卡纸');
  });

  it('an unknown sender still opens a ticket, on no contact', async () => {
    await mail('someone@nowhere.test', '咨询', '<ask-1@nowhere.test>', '你们周末上班吗？');
    expect(await inbound().pollAll()).toBe(1);
    expect(await ticketOf('<ask-1@nowhere.test>')).toMatchObject({ contactId: null, accountId: null, requesterEmail: 'someone@nowhere.test', channel: 'email' });
  });

  it('the customer’s answer to our reply mail is a public comment on the ticket; after resolution it reopens it', async () => {
    const ticket = await ticketOf('<jam-1@customer.test>');
    const [first]: { id: string }[] = await ds.query(`SELECT id FROM email_messages WHERE message_id = '<jam-1@customer.test>'`);
    // the agent answers from the mail thread: the reply belongs to the ticket
    const reply = (await t.http.post('/api/v1/email/messages').set(admin).send({ replyToId: first.id, bodyText: '请清理进纸辊后再试。', accountId: serviceBox.id }).expect(201)).body;
    const [out]: { ticket_id: string; message_id: string }[] = await ds.query(`SELECT ticket_id, message_id FROM email_messages WHERE id = $1`, [reply.id]);
    expect(out.ticket_id).toBe(ticket.id);
    await t.http.post(`/api/v1/tickets/${ticket.id}/status`).set(admin).send({ status: 'resolved' }).expect(200);

    await mail(contact.email, 'Re: 打印机卡纸', '<jam-2@customer.test>', '清理后还是卡。', [`In-Reply-To: ${out.message_id}`, `References: <jam-1@customer.test> ${out.message_id}`]);
    expect(await inbound().pollAll()).toBe(1);
    const after = (await t.http.get(`/api/v1/tickets/${ticket.id}`).set(admin).expect(200)).body as Ticket;
    expect(after.status).toBe('reopened');
    expect((await comments(ticket.id)).map((c) => [c.fromCustomer, c.visibility, c.body.trim()])).toContainEqual([true, 'public', '清理后还是卡。']);
    expect((await ticketOf('<jam-2@customer.test>')).id).toBe(ticket.id);
    expect(await ticketCount()).toBe(2);
  });

  it('a ticket number in the subject answers that ticket; a closed one gets a new ticket linked to it', async () => {
    const ticket = await ticketOf('<ask-1@nowhere.test>');
    await mail('someone@nowhere.test', `补充 [#${ticket.number}]`, '<ask-2@nowhere.test>', '还有，节假日呢？');
    expect(await inbound().pollAll()).toBe(1);
    expect((await ticketOf('<ask-2@nowhere.test>')).id).toBe(ticket.id);
    expect((await comments(ticket.id)).map((c) => c.body.trim())).toContain('还有，节假日呢？');

    await t.http.post(`/api/v1/tickets/${ticket.id}/status`).set(admin).send({ status: 'closed' }).expect(200);
    await mail('someone@nowhere.test', `Re: 咨询 [#${ticket.number}]`, '<ask-3@nowhere.test>', '又有一个问题。');
    expect(await inbound().pollAll()).toBe(1);
    const next = await ticketOf('<ask-3@nowhere.test>');
    expect(next.id).not.toBe(ticket.id);
    expect(next.parentTicketId).toBe(ticket.id);
    expect((await t.http.get(`/api/v1/tickets/${ticket.id}`).set(admin).expect(200)).body.status).toBe('closed');

    // an unknown number opens a new ticket
    await mail('someone@nowhere.test', '[#T19990101-9999] 旧单号', '<ask-4@nowhere.test>', '找不到的单号');
    expect(await inbound().pollAll()).toBe(1);
    expect((await ticketOf('<ask-4@nowhere.test>')).subject).toBe('[#T19990101-9999] 旧单号');
  });

  it('skips a message above EMAIL_INBOUND_MAX_BYTES, names it in the mailbox’s last error and reads on', async () => {
    const small = await startApp({ url: t.url, config: { emailInboundMaxBytes: 4096 } });
    try {
      const before = await ticketCount();
      const bigUid = await mail(contact.email, 'big', '<big-1@customer.test>', 'x'.repeat(8000));
      await mail(contact.email, 'small', '<small-1@customer.test>', 'y');
      expect(await small.app.get(EmailInboundService).pollAll()).toBe(1);
      expect(await ds.query(`SELECT 1 FROM email_messages WHERE message_id = '<big-1@customer.test>'`)).toHaveLength(0);
      expect(await ticketCount()).toBe(before + 1);
      const box = (await t.http.get(`/api/v1/email/accounts/${serviceBox.id}`).set(admin).expect(200)).body;
      expect(box.lastError).toContain(`UID ${bigUid}: larger than 4096 bytes, skipped`);
      // the skipped message is not fetched again on the next poll
      expect(await small.app.get(EmailInboundService).pollAll()).toBe(0);
    } finally {
      await small.app.close();
    }
  });
});
