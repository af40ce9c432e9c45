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
export const aliyunPhone = (e164: string): string =>
  e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '00');

/** SendBatchSms takes at most 100 numbers a call (Dysmsapi 2017-05-25). */
export const ALIYUN_BATCH_LIMIT = 100;

/**
 * Alibaba Cloud Dysmsapi `SendSms` and `SendBatchSms` (version 2017-05-25), requests signed with ACS3-HMAC-SHA256;
 * no SDK. A single message goes through SendSms with our message id as `OutId`, so its delivery report names it.
 * A batch (one template, up to 100 numbers, each with its own variables) goes through SendBatchSms, whose answer
 * is one BizId for the batch: each message's provider id is `BizId:number`, which is what its delivery report
 * carries (`biz_id`, `phone_number`), so the report finds the message without an OutId.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun' as const;
  readonly batchLimit = ALIYUN_BATCH_LIMIT;

  constructor(private readonly config: AliyunConfig) {}

  async send(req: SmsSendRequest): Promise<SmsSendResult> {
    if (!req.templateCode) return noTemplate;
    const query: Record<string, string> = {
      PhoneNumbers: aliyunPhone(req.to),
      SignName: this.config.signName,
      TemplateCode: req.templateCode,
      OutId: req.messageId,
    };
    if (req.templateParams && Object.keys(req.templateParams).length)
      query.TemplateParam = JSON.stringify(req.templateParams);
    const r = await this.call('SendSms', query, null);
    return 'outcome' in r ? r : { outcome: 'accepted', providerId: r.bizId };
  }

  async sendBatch(reqs: SmsSendRequest[]): Promise<SmsSendResult[]> {
    if (!reqs.length) return [];
    const code = reqs[0].templateCode;
    if (!code) return reqs.map(() => noTemplate);
    if (reqs.length > ALIYUN_BATCH_LIMIT || reqs.some((r) => r.templateCode !== code)) {
      throw new Error(`SendBatchSms takes up to ${ALIYUN_BATCH_LIMIT} messages of one template`);
    }
    const phones = reqs.map((r) => aliyunPhone(r.to));
    const params: Record<string, string> = {
      PhoneNumberJson: JSON.stringify(phones),
      SignNameJson: JSON.stringify(reqs.map(() => this.config.signName)),
      TemplateCode: code,
    };
    if (reqs.some((r) => r.templateParams && Object.keys(r.templateParams).length))
      params.TemplateParamJson = JSON.stringify(reqs.map((r) => r.templateParams ?? {}));
    // a hundred numbers with their variables outgrow a URL: the parameters go as a signed form body
    const r = await this.call('SendBatchSms', {}, canonicalQuery(params));
    return 'outcome' in r
      ? reqs.map(() => r)
      : phones.map((p) => ({ outcome: 'accepted' as const, providerId: `${r.bizId}:${p}` }));
  }

  private async call(
    action: string,
    query: Record<string, string>,
    form: string | null,
  ): Promise<{ bizId: string } | Exclude<SmsSendResult, { outcome: 'accepted' }>> {
    const c = this.config;
    const endpoint = new URL(c.endpoint ?? 'https://dysmsapi.aliyuncs.com');
    const headers = signAcs3Request({
      host: endpoint.host,
      action,
      version: '2017-05-25',
      query,
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      body: form ?? undefined,
    });
    // fetch sets Host itself from the URL (the same value that was signed)
    const { host: _host, ...send } = headers;
    const qs = canonicalQuery(query);
    const res = await postWithDeadline(
      `${endpoint.origin}/${qs ? `?${qs}` : ''}`,
      {
        method: 'POST',
        headers: {
          ...send,
          accept: 'application/json',
          ...(form !== null ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ?? undefined,
      },
      c.timeoutMs ?? 10000,
    );
    if ('unknown' in res)
      return { outcome: 'unknown', errorCode: res.unknown, errorMessage: 'No answer from Aliyun' };
    const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (res.ok && body.Code === 'OK' && body.BizId) return { bizId: body.BizId };
    if (res.status >= 500)
      return {
        outcome: 'unknown',
        errorCode: body.Code ?? `HTTP_${res.status}`,
        errorMessage: body.Message ?? res.statusText,
      };
    return {
      outcome: 'rejected',
      errorCode: body.Code ?? `HTTP_${res.status}`,
      errorMessage: body.Message ?? res.statusText,
    };
  }
}

const noTemplate: SmsSendResult = {
  outcome: 'rejected',
  errorCode: 'TEMPLATE_CODE_REQUIRED',
  errorMessage: 'Aliyun sends approved templates only: the template needs its provider code',
};
