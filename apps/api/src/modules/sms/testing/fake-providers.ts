import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acs3Signature, parseAcs3Authorization, sha256Hex } from '../providers/acs3-signer';
import { twilioSignature } from '../providers/twilio-signature';

/**
 * Loopback stand-ins for Twilio's Messages API and Alibaba Cloud's Dysmsapi, for tests and the bench. Each checks
 * a request as the real service does (credentials, signature, required fields) and answers with the real
 * service's status codes and bodies, including its error codes; it records the receipts the service would push
 * (`takeCallbacks`, `takeReports`) so a test delivers them to the API like the provider would.
 */
abstract class FakeServer {
  protected server!: Server;
  url = '';
  /** Requests seen (method, path, headers, body) — the last 200. */
  readonly requests: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
  /** Answer nothing for this long (timeouts). */
  delayMs = 0;
  accepted = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.requests.length >= 200) this.requests.shift();
        this.requests.push({ path: req.url ?? '', headers: req.headers, body });
        const answer = () => {
          try {
            this.handle(req, body, res);
          } catch (e) {
            json(res, 500, { message: (e as Error).message });
          }
        };
        if (this.delayMs) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export interface TwilioCallback {
  url: string;
  params: Record<string, string>;
  signature: string;
}

/** Twilio's `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`. */
export class FakeTwilio extends FakeServer {
  private callbacks: TwilioCallback[] = [];
  /** Numbers Twilio answers 21610 (the recipient replied STOP) for. */
  readonly blocked = new Set<string>();
  /** The SIDs the next accepted messages get (a test signs a callback for a SID before Twilio hands it out). */
  readonly nextSids: string[] = [];

  constructor(
    readonly accountSid = 'AC' + randomBytes(16).toString('hex'),
    readonly authToken = randomBytes(16).toString('hex'),
    readonly from = '+15005550006',
  ) {
    super();
  }

  takeCallbacks(): TwilioCallback[] {
    const out = this.callbacks;
    this.callbacks = [];
    return out;
  }

  /** A callback as Twilio posts it: the parameters and their X-Twilio-Signature for `url`. */
  sign(url: string, params: Record<string, string>): TwilioCallback {
    return { url, params, signature: twilioSignature(this.authToken, url, params) };
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    if (!m || req.method !== 'POST')
      return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (user !== this.accountSid || pass !== this.authToken || m[1] !== this.accountSid) {
      return json(res, 401, {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return json(res, 400, { code: 20001, message: 'Unsupported content type', status: 400 });
    }
    const p = Object.fromEntries(new URLSearchParams(body));
    const error = (code: number, message: string) =>
      json(res, 400, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 });
    if (!p.To) return error(21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(p.To))
      return error(21211, `The 'To' number ${p.To} is not a valid phone number.`);
    if (!p.Body) return error(21602, 'Message body is required.');
    if (!p.MessagingServiceSid && p.From !== this.from)
      return error(
        21606,
        `The From phone number ${p.From ?? ''} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    if (this.blocked.has(p.To)) return error(21610, 'Attempt to send to unsubscribed recipient');
    const sid = this.nextSids.shift() ?? 'SM' + randomBytes(16).toString('hex');
    this.accepted++;
    if (p.StatusCallback) {
      for (const status of ['sent', 'delivered']) {
        this.callbacks.push(
          this.sign(p.StatusCallback, {
            AccountSid: this.accountSid,
            From: p.From ?? this.from,
            MessageSid: sid,
            MessageStatus: status,
            SmsSid: sid,
            SmsStatus: status,
            To: p.To,
          }),
        );
      }
    }
    json(res, 201, {
      sid,
      account_sid: this.accountSid,
      to: p.To,
      from: p.From ?? null,
      body: p.Body,
      status: 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      error_message: null,
    });
  }
}

export interface AliyunReport {
  phone_number: string;
  send_time: string;
  report_time: string;
  success: boolean;
  err_code: string;
  err_msg: string;
  sms_size: string;
  biz_id: string;
  out_id: string;
}

/** Alibaba Cloud Dysmsapi `SendSms` and `SendBatchSms` (RPC, ACS3-HMAC-SHA256), with its flow control. */
export class FakeAliyun extends FakeServer {
  private reports: AliyunReport[] = [];
  private readonly nonces = new Set<string>();
  private readonly perMinute = new Map<string, number[]>();
  private seq = 0;
  readonly templates = new Set(['SMS_154950909']);
  /** Per phone number and minute, as Aliyun's default flow control (1/minute for the same content is stricter; 5 here). */
  limitPerMinute = 5;
  /** SendBatchSms calls taken and their sizes. */
  batchCalls = 0;
  readonly batchSizes: number[] = [];
  /** Where the fake pushes each call's reports itself, as Aliyun does (the SmsReport callback URL); null: tests take them. */
  reportUrl: string | null = null;
  /** Push a call's reports, and wait for the push's answer, before answering the call (the report outruns the send result). */
  reportBeforeAnswer = false;
  /** The answers to the fake's own pushes (HTTP status and body text), never retried: a push that is not 接收成功 shows here. */
  readonly pushAnswers: { status: number; body: string }[] = [];
  /** The reports the fake pushed itself. */
  readonly pushed: AliyunReport[] = [];

  constructor(
    readonly accessKeyId = 'LTAI' + randomBytes(8).toString('hex'),
    readonly accessKeySecret = randomBytes(15).toString('base64url'),
    readonly signName = '客源科技',
  ) {
    super();
  }

  takeReports(): AliyunReport[] {
    const out = this.reports;
    this.reports = [];
    return out;
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const requestId = randomUUID().toUpperCase();
    const fail = (status: number, Code: string, Message: string) =>
      json(res, status, {
        RequestId: requestId,
        HostId: 'dysmsapi.aliyuncs.com',
        Code,
        Message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${Code}`,
      });
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = parseAcs3Authorization(req.headers.authorization);
    if (!auth)
      return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    if (auth.credential !== this.accessKeyId)
      return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    for (const h of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (!auth.signedHeaders.includes(h) || req.headers[h] === undefined)
        return fail(400, 'MissingParameter', `${h} is mandatory for this action.`);
    }
    const date = Date.parse(String(req.headers['x-acs-date']));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000)
      return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    if (sha256Hex(body) !== req.headers['x-acs-content-sha256'])
      return fail(400, 'ContentSHA256NotMatched', 'The content hash does not match.');
    const query = Object.fromEntries(url.searchParams);
    const headers = Object.fromEntries(auth.signedHeaders.map((h) => [h, String(req.headers[h])]));
    const expected = acs3Signature(
      { method: req.method ?? 'POST', path: url.pathname, query, headers, body },
      this.accessKeySecret,
    ).signature;
    if (expected !== auth.signature)
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const nonce = String(req.headers['x-acs-signature-nonce']);
    if (this.nonces.has(nonce))
      return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.add(nonce);
    const action = req.headers['x-acs-action'];
    if ((action !== 'SendSms' && action !== 'SendBatchSms') || req.headers['x-acs-version'] !== '2017-05-25')
      return fail(
        400,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    // RPC parameters come in the query string or a form body (both signed: the body through its hash)
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(body))
      : {};
    const p: Record<string, string> = { ...query, ...form };
    // business errors are HTTP 200 with a Code, as Dysmsapi answers them
    const biz = (Code: string, Message: string) => json(res, 200, { RequestId: requestId, Code, Message });
    const batch = action === 'SendBatchSms';
    let phones: string[];
    let signs: string[];
    let params: unknown[] | null = null;
    if (batch) {
      this.batchCalls++;
      const list = (name: string): unknown[] | null => {
        try {
          const v: unknown = JSON.parse(p[name] ?? '');
          return Array.isArray(v) ? v : null;
        } catch {
          return null;
        }
      };
      if (p.PhoneNumberJson === undefined)
        return fail(400, 'MissingPhoneNumberJson', 'PhoneNumberJson is mandatory for this action.');
      if (p.SignNameJson === undefined)
        return fail(400, 'MissingSignNameJson', 'SignNameJson is mandatory for this action.');
      const ph = list('PhoneNumberJson');
      const sg = list('SignNameJson');
      if (!ph || !sg || !ph.length) return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      if (ph.length > 100) return biz('isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制');
      if (p.TemplateParamJson !== undefined) {
        params = list('TemplateParamJson');
        if (
          !params ||
          params.some(
            (x) => !x || typeof x !== 'object' || Object.values(x).some((v) => typeof v !== 'string'),
          )
        )
          return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
      // the signatures and the variables go one per number, in the numbers' order
      if (sg.length !== ph.length || (params && params.length !== ph.length))
        return biz('isv.INVALID_PARAMETERS', '参数异常');
      phones = ph.map(String);
      signs = sg.map(String);
      this.batchSizes.push(phones.length);
    } else {
      if (p.TemplateParam !== undefined) {
        try {
          JSON.parse(p.TemplateParam);
        } catch {
          return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
        }
      }
      phones = [p.PhoneNumbers ?? ''];
      signs = [p.SignName ?? ''];
    }
    if (phones.some((x) => !/^(1\d{10}|00[1-9]\d{6,14})$/.test(x)))
      return biz('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (signs.some((x) => x !== this.signName))
      return biz('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    if (!this.templates.has(p.TemplateCode ?? ''))
      return biz('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    const now = Date.now();
    // flow control per number: a single send is refused; in a batch the call is taken and that number's report fails
    const limited = new Set<string>();
    for (const phone of phones) {
      const recent = (this.perMinute.get(phone) ?? []).filter((t) => now - t < 60_000);
      if (recent.length >= this.limitPerMinute) limited.add(phone);
      else recent.push(now);
      this.perMinute.set(phone, recent);
    }
    if (!batch && limited.size)
      return biz('isv.BUSINESS_LIMIT_CONTROL', `触发分钟级流控Permits:${this.limitPerMinute}`);
    // unique like Dysmsapi's: a sequence beside the time
    const bizId = `${now}${String(++this.seq).padStart(6, '0')}^0`;
    const t = new Date(now + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const reports: AliyunReport[] = [];
    for (const phone of phones) {
      const ok = !limited.has(phone);
      if (ok) this.accepted++;
      reports.push({
        phone_number: phone,
        send_time: t,
        report_time: t,
        success: ok,
        err_code: ok ? 'DELIVERED' : 'isv.BUSINESS_LIMIT_CONTROL',
        err_msg: ok ? '用户接收成功' : '触发分钟级流控',
        sms_size: '1',
        biz_id: bizId,
        out_id: p.OutId ?? '',
      });
    }
    const answer = () => json(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: bizId });
    if (!this.reportUrl) {
      this.reports.push(...reports);
      return answer();
    }
    const pushed = this.push(this.reportUrl, reports);
    if (this.reportBeforeAnswer) void pushed.finally(answer);
    else answer();
  }

  private async push(url: string, reports: AliyunReport[]): Promise<void> {
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(reports),
      });
      this.pushAnswers.push({ status: r.status, body: await r.text() });
    } catch (e) {
      this.pushAnswers.push({ status: 0, body: (e as Error).message });
    }
    this.pushed.push(...reports);
  }
}
