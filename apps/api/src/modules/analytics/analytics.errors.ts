/** Stable codes of the analytics module (rendered by the SPA from its locales). */
export enum AnalyticsErrorCode {
  /** `from` after `to`, or a period longer than 3 years. */
  ANALYTICS_RANGE_INVALID = 'ANALYTICS_RANGE_INVALID',
  /** A sales target or adjusted forecast needs exactly one of userId and departmentId. */
  SALES_TARGET_HOLDER_REQUIRED = 'SALES_TARGET_HOLDER_REQUIRED',
  /** The user or department is outside the caller's analytics scope. */
  SALES_TARGET_OUT_OF_SCOPE = 'SALES_TARGET_OUT_OF_SCOPE',
  /** The holder already has a target for the month. */
  SALES_TARGET_EXISTS = 'SALES_TARGET_EXISTS',
}
