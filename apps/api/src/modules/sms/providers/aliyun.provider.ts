import { signAcs3Request, canonicalQuery } from './acs3-signer';
import type { SmsProvider, SmsSendRequest, SmsSendResult } from './provider';
import { postWithDeadline } from './provider';

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名 (SignName). */
  signName: string;
  /** https://dysmsapi.aliyuncs.com unless testing. */
  endpoint?: string;
  timeoutMs?: number;
}

/** Mainland numbers go as their 11 digits, others with the 00 international prefix (as Dysmsapi reads them). */
export const aliyunPhone = (e164: string): string => (e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '00'));

/**
 * Alibaba Cloud Dysmsapi `SendSms` (version 2017-05-25): the parameters in the query string, the request
 * signed with ACS3-HMAC-SHA256; no SDK. The message id goes as `OutId`, so delivery reports name it.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun' as const;

  constructor(private readonly config: AliyunConfig) {}

  async send(req: SmsSendRequest): Promise<SmsSendResult> {
    if (!req.templateCode) {
      return { outcome: 'rejected', errorCode: 'TEMPLATE_CODE_REQUIRED', errorMessage: 'Aliyun sends approved templates only: the template needs its provider code' };
    }
    const c = this.config;
    const endpoint = new URL(c.endpoint ?? 'https://dysmsapi.aliyuncs.com');
    const query: Record<string, string> = {
      PhoneNumbers: aliyunPhone(req.to),
      SignName: c.signName,
      TemplateCode: req.templateCode,
      OutId: req.messageId,
    };
    if (req.templateParams && Object.keys(req.templateParams).length) query.TemplateParam = JSON.stringify(req.templateParams);
    const headers = signAcs3Request({
      host: endpoint.host,
      action: 'SendSms',
      version: '2017-05-25',
      query,
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
    });
    // fetch sets Host itself from the URL (the same value that was signed)
    const { host: _host, ...send } = headers;
    const res = await postWithDeadline(`${endpoint.origin}/?${canonicalQuery(query)}`, { method: 'POST', headers: { ...send, accept: 'application/json' } }, c.timeoutMs ?? 10000);
    if ('unknown' in res) return { outcome: 'unknown', errorCode: res.unknown, errorMessage: 'No answer from Aliyun' };
    const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (res.ok && body.Code === 'OK' && body.BizId) return { outcome: 'accepted', providerId: body.BizId };
    if (res.status >= 500) return { outcome: 'unknown', errorCode: body.Code ?? `HTTP_${res.status}`, errorMessage: body.Message ?? res.statusText };
    return { outcome: 'rejected', errorCode: body.Code ?? `HTTP_${res.status}`, errorMessage: body.Message ?? res.statusText };
  }
}
