/**
 * Frequency caps checked before each send, for any channel: at most `perTemplatePerDay` messages of one
 * template to one address a day, and for marketing at most `marketingPerDay` marketing messages a day.
 */
export interface FrequencyCaps {
  perTemplatePerDay: number;
  marketingPerDay: number;
}

export interface SentToday {
  /** Messages of this template to the address today (any status that left or will leave). */
  sameTemplate: number;
  /** Marketing messages to the address today. */
  marketing: number;
}

export type CapReason = 'CAP_TEMPLATE_DAILY' | 'CAP_MARKETING_DAILY';

export function capReason(sent: SentToday, caps: FrequencyCaps, opts: { marketing: boolean; templated: boolean }): CapReason | null {
  if (opts.templated && sent.sameTemplate >= caps.perTemplatePerDay) return 'CAP_TEMPLATE_DAILY';
  if (opts.marketing && sent.marketing >= caps.marketingPerDay) return 'CAP_MARKETING_DAILY';
  return null;
}
