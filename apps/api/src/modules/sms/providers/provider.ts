/** What an adapter is asked to send. */
export interface SmsSendRequest {
  /** Our message id: Aliyun's OutId, part of Twilio's StatusCallback, so receipts find the message even after a timeout. */
  messageId: string;
  /** E.164. */
  to: string;
  body: string;
  templateCode?: string | null;
  templateParams?: Record<string, string>;
  /** Where the provider posts delivery receipts (Twilio's StatusCallback). */
  statusCallback?: string;
}

/**
 * accepted: the provider took it (its id); rejected: it refused, nothing was sent (its error code); unknown: no
 * answer (timeout, connection dropped): it may or may not have been sent, so it is never resent blindly and
 * waits for a receipt.
 */
export type SmsSendResult =
  | { outcome: 'accepted'; providerId: string }
  | { outcome: 'rejected'; errorCode: string; errorMessage: string }
  | { outcome: 'unknown'; errorCode: string; errorMessage: string };

export interface SmsProvider {
  readonly name: SmsProviderName;
  send(req: SmsSendRequest): Promise<SmsSendResult>;
  /**
   * Several messages of one provider template in one call (Aliyun SendBatchSms), at most `batchLimit`: one result
   * per request, in order. Providers without a batch API leave it out and get one call per message.
   */
  sendBatch?(reqs: SmsSendRequest[]): Promise<SmsSendResult[]>;
  readonly batchLimit?: number;
}

export const SMS_PROVIDERS = ['log', 'twilio', 'aliyun'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** A delivery receipt, whatever the provider. */
export interface SmsReceipt {
  /** Key for idempotency (Twilio: MessageSid + status; Aliyun: biz_id + phone). */
  key: string;
  providerId: string | null;
  messageId: string | null;
  status: 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode: string | null;
}

/** An inbound message, whatever the provider. */
export interface SmsInbound {
  /** Twilio MessageSid, Aliyun sequence_id. */
  key: string;
  from: string;
  to: string | null;
  body: string;
}

/** fetch with a deadline: a timeout or a dropped connection is `unknown`, never an error to retry. */
export async function postWithDeadline(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response | { unknown: string }> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = (e as Error).name;
    return { unknown: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK' };
  }
}
