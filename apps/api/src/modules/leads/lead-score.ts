import type { LeadSource } from './lead.entity';

/**
 * Lead score, 0–100, recomputed whenever a lead changes:
 * - profile completeness, up to 40: name 5, phone 10, email 10, company 10, title 5;
 * - source, up to 25: referral 25, trade show 20, web 15, campaign 15, phone 10, import 5, other 5;
 * - engagement, up to 35: 7 points per activity logged in the last 30 days.
 * An unqualified lead scores 0.
 */
export const SOURCE_POINTS: Record<LeadSource, number> = {
  referral: 25,
  trade_show: 20,
  web: 15,
  campaign: 15,
  phone: 10,
  import: 5,
  other: 5,
};

export interface ScoreInput {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  company?: string | null;
  title?: string | null;
  source: LeadSource;
  status?: string;
}

export function computeLeadScore(lead: ScoreInput, recentActivities: number): number {
  if (lead.status === 'unqualified') return 0;
  const completeness =
    (lead.name ? 5 : 0) + (lead.phone ? 10 : 0) + (lead.email ? 10 : 0) + (lead.company ? 10 : 0) + (lead.title ? 5 : 0);
  const engagement = Math.min(35, Math.max(0, recentActivities) * 7);
  return Math.min(100, completeness + (SOURCE_POINTS[lead.source] ?? 0) + engagement);
}
