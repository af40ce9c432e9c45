/** Stable codes of the campaigns module (rendered by the SPA from its locales). */
export enum CampaignErrorCode {
  /** `endDate` is before `startDate`. */
  CAMPAIGN_END_BEFORE_START = 'CAMPAIGN_END_BEFORE_START',
  /** The segment's target list (contacts or accounts) is not one the reader may read. */
  CAMPAIGN_SEGMENT_FORBIDDEN = 'CAMPAIGN_SEGMENT_FORBIDDEN',
}
