/** Campaigns (市场活动): kinds and the life of a campaign, shared by the API and the SPA. */

export const CAMPAIGN_TYPES = ['event', 'sms', 'email', 'ad', 'social', 'other'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What a campaign's target segment filters: contacts or accounts (their list's filter model). */
export const CAMPAIGN_SEGMENT_TARGETS = ['contacts', 'accounts'] as const;
export type CampaignSegmentTarget = (typeof CAMPAIGN_SEGMENT_TARGETS)[number];
