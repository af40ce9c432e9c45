export enum UserErrorCode {
  USER_EMAIL_TAKEN = 'USER_EMAIL_TAKEN',
  USER_UNKNOWN_ROLE = 'USER_UNKNOWN_ROLE',
  USER_UNKNOWN_DEPARTMENT = 'USER_UNKNOWN_DEPARTMENT',
  USER_CANNOT_DEACTIVATE_SELF = 'USER_CANNOT_DEACTIVATE_SELF',
  /** A record was to be given to a user outside the actor's data scope. */
  OWNER_OUT_OF_SCOPE = 'OWNER_OUT_OF_SCOPE',
  /** Granting, placing or managing beyond the actor's own access. */
  USER_BEYOND_OWN_ACCESS = 'USER_BEYOND_OWN_ACCESS',
}
