import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package): plain, with LOGIN/PLAIN auth checked against one
 * user; recipients named in `reject` get that reply (e.g. 450 once, 550 always).
 */
export async function startSmtp(user = 'sales@keyuan.test', pass = 'smtp-secret') {
  const received: ReceivedMail[] = [];
  const reject = new Map<string, { code: number; text: string; times: number }>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user: auth.username });
      const err = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 });
      cb(err);
    },
    onRcptTo(address, _session, cb) {
      const r = reject.get(address.address.toLowerCase());
      if (r && r.times !== 0) {
        r.times -= 1;
        return cb(Object.assign(new Error(r.text), { responseCode: r.code }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((mail) => {
          received.push({ envelope: { from: (session.envelope.mailFrom as { address: string }).address, to: session.envelope.rcptTo.map((r) => r.address) }, raw, mail });
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return {
    port,
    user,
    pass,
    received,
    /** Recipient `address` gets `code text` (`times` times; -1 always). */
    reject: (address: string, code: number, text: string, times = -1) => reject.set(address.toLowerCase(), { code, text, times }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A real IMAP server on loopback: `hoodiecrow-imap` (npm, in-memory IMAP4rev1 with UIDPLUS/IDLE), one user;
 * tests APPEND messages through imapflow like another mail client would deliver them.
 */
export async function startImap(user = 'sales@keyuan.test', pass = 'imap-secret') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hoodiecrow = require('hoodiecrow-imap') as (opts: object) => { listen(port: number, host: string, cb: () => void): void; server: { address(): AddressInfo }; close(cb?: () => void): void };
  const server = hoodiecrow({ plugins: ['ID', 'IDLE', 'UIDPLUS', 'ENABLE', 'SPECIAL-USE', 'LITERALPLUS', 'UNSELECT', 'NAMESPACE'], users: { [user]: { password: pass } }, storage: { INBOX: { messages: [] } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  return {
    port,
    user,
    pass,
    async append(raw: string): Promise<number> {
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
      await c.connect();
      const r = await c.append('INBOX', raw);
      await c.logout();
      return r ? Number(r.uid) : 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
