export enum EmailErrorCode {
  /** Another mailbox already has this address. */
  EMAIL_ACCOUNT_ADDRESS_TAKEN = 'EMAIL_ACCOUNT_ADDRESS_TAKEN',
  /** No mailbox to send from: give `accountId` or mark one as default. */
  EMAIL_ACCOUNT_REQUIRED = 'EMAIL_ACCOUNT_REQUIRED',
  /** The record has no email address. */
  EMAIL_NO_ADDRESS = 'EMAIL_NO_ADDRESS',
  /** The contact asked not to get email (doNotEmail). */
  EMAIL_DO_NOT_EMAIL = 'EMAIL_DO_NOT_EMAIL',
  /** Mail to this address bounced; it is marked as bouncing. */
  EMAIL_ADDRESS_BOUNCING = 'EMAIL_ADDRESS_BOUNCING',
  /** Neither a template nor a subject and body. */
  EMAIL_BODY_REQUIRED = 'EMAIL_BODY_REQUIRED',
  /** Neither a record nor an address to write to. */
  EMAIL_RECIPIENT_REQUIRED = 'EMAIL_RECIPIENT_REQUIRED',
  EMAIL_TEMPLATE_NAME_TAKEN = 'EMAIL_TEMPLATE_NAME_TAKEN',
  /** The attachments together are larger than `maxBytes`. */
  EMAIL_ATTACHMENTS_TOO_LARGE = 'EMAIL_ATTACHMENTS_TOO_LARGE',
  /** The message is not outbound and waiting: it cannot be canceled. */
  EMAIL_NOT_CANCELABLE = 'EMAIL_NOT_CANCELABLE',
  /** A tracking or unsubscribe link whose signature does not match (changed or made up). */
  EMAIL_LINK_INVALID = 'EMAIL_LINK_INVALID',
  /** The campaign's segment or the saved view is not of contacts. */
  EMAIL_AUDIENCE_NOT_CONTACTS = 'EMAIL_AUDIENCE_NOT_CONTACTS',
  /** The broadcast already ended. */
  EMAIL_BROADCAST_FINISHED = 'EMAIL_BROADCAST_FINISHED',
}
