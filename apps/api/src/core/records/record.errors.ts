/** Codes shared by every owned record kind (RecordService); the same code means the same thing on every resource. */
export enum RecordErrorCode {
  /** A merge names the surviving record among its duplicates. 409. */
  MERGE_INVALID = 'MERGE_INVALID',
  /** A record would hold more than 20 tags. 409. */
  TAGS_LIMIT = 'TAGS_LIMIT',
}
