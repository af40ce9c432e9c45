import { randomUUID } from 'node:crypto';
import type { SmsProvider, SmsSendRequest, SmsSendResult } from './provider';

/**
 * The development provider: sends nothing, accepts every message under a `log-…` id; the service then reports
 * it delivered through the same receipt path as a real provider's callback.
 */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log' as const;
  readonly sent: SmsSendRequest[] = [];

  async send(req: SmsSendRequest): Promise<SmsSendResult> {
    if (this.sent.length < 100) this.sent.push(req);
    return { outcome: 'accepted', providerId: `log-${randomUUID()}` };
  }
}
