import type { SmsProvider, SmsSendRequest, SmsSendResult } from './provider';
import { postWithDeadline } from './provider';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** https://api.twilio.com unless testing. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Twilio's REST Messages API: one form POST with Basic auth (account SID and auth token); no SDK. */
export class TwilioSmsProvider implements SmsProvider {
  readonly name = 'twilio' as const;

  constructor(private readonly config: TwilioConfig) {}

  async send(req: SmsSendRequest): Promise<SmsSendResult> {
    const c = this.config;
    const form = new URLSearchParams({ To: req.to, Body: req.body });
    if (c.from.startsWith('MG')) form.set('MessagingServiceSid', c.from);
    else form.set('From', c.from);
    if (req.statusCallback) form.set('StatusCallback', req.statusCallback);
    const url = `${c.baseUrl ?? 'https://api.twilio.com'}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`;
    const res = await postWithDeadline(
      url,
      {
        method: 'POST',
        headers: {
          authorization: 'Basic ' + Buffer.from(`${c.accountSid}:${c.authToken}`).toString('base64'),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
      },
      c.timeoutMs ?? 10000,
    );
    if ('unknown' in res)
      return { outcome: 'unknown', errorCode: res.unknown, errorMessage: 'No answer from Twilio' };
    const body = (await res.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
    if (res.status === 201 && body.sid) return { outcome: 'accepted', providerId: body.sid };
    // a 5xx may have been sent or not: wait for a receipt rather than resend
    if (res.status >= 500)
      return {
        outcome: 'unknown',
        errorCode: `HTTP_${res.status}`,
        errorMessage: body.message ?? res.statusText,
      };
    return {
      outcome: 'rejected',
      errorCode: String(body.code ?? `HTTP_${res.status}`),
      errorMessage: body.message ?? res.statusText,
    };
  }
}
