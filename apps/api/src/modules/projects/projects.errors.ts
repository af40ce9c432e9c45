export enum ProjectErrorCode {
  /** `accountId` is not an account the user can read (422). */
  PROJECT_UNKNOWN_ACCOUNT = 'PROJECT_UNKNOWN_ACCOUNT',
  /** `contractId` is not a contract the user can read (422). */
  PROJECT_UNKNOWN_CONTRACT = 'PROJECT_UNKNOWN_CONTRACT',
  /** The contract belongs to another account than `accountId` (422). */
  PROJECT_CONTRACT_ACCOUNT_MISMATCH = 'PROJECT_CONTRACT_ACCOUNT_MISMATCH',
  /** A member is not an active user (400 on `memberIds`). */
  PROJECT_UNKNOWN_MEMBER = 'PROJECT_UNKNOWN_MEMBER',
  /** The end date is before the start date (400 on `endDate`). */
  PROJECT_DATES_ORDER = 'PROJECT_DATES_ORDER',
  /** A member outside the owner's data scope may not change the owner, the members or the links, nor delete/restore (403). */
  PROJECT_MEMBER_ONLY = 'PROJECT_MEMBER_ONLY',
}
