export enum ActivityErrorCode {
  /** No lead, account or contact given, and an inbound call's number matched none. */
  ACTIVITY_RELATED_REQUIRED = 'ACTIVITY_RELATED_REQUIRED',
  /** A field that does not apply to the activity's type (e.g. `durationSec` on a note). */
  ACTIVITY_FIELD_NOT_APPLICABLE = 'ACTIVITY_FIELD_NOT_APPLICABLE',
  CALENDAR_RANGE_INVALID = 'CALENDAR_RANGE_INVALID',
}
