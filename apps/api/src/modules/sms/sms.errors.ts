export enum SmsErrorCode {
  /** Neither a contact nor a phone number, or both. */
  SMS_RECIPIENT_REQUIRED = 'SMS_RECIPIENT_REQUIRED',
  /** The number is not a valid mobile number. */
  SMS_INVALID_NUMBER = 'SMS_INVALID_NUMBER',
  /** The contact has no mobile or work phone. */
  SMS_NO_PHONE = 'SMS_NO_PHONE',
  /** The contact asked not to get SMS (doNotSms). */
  SMS_DO_NOT_SMS = 'SMS_DO_NOT_SMS',
  /** The number opted out (STOP/退订): no marketing. */
  SMS_OPTED_OUT = 'SMS_OPTED_OUT',
  /** A frequency cap is reached for today (`reason`). */
  SMS_FREQUENCY_CAP = 'SMS_FREQUENCY_CAP',
  /** Neither a template nor a body, or both. */
  SMS_BODY_REQUIRED = 'SMS_BODY_REQUIRED',
  SMS_TEMPLATE_NOT_FOUND = 'SMS_TEMPLATE_NOT_FOUND',
  SMS_TEMPLATE_DISABLED = 'SMS_TEMPLATE_DISABLED',
  SMS_TEMPLATE_NAME_TAKEN = 'SMS_TEMPLATE_NAME_TAKEN',
  /** A marketing template must end with the opt-out line (`line`). */
  SMS_OPT_OUT_LINE_REQUIRED = 'SMS_OPT_OUT_LINE_REQUIRED',
  SMS_KIND_TEMPLATE_MISMATCH = 'SMS_KIND_TEMPLATE_MISMATCH',
  /** A template used by a broadcast cannot be deleted. */
  SMS_TEMPLATE_IN_USE = 'SMS_TEMPLATE_IN_USE',
  /** The provider needs credentials (fields listed in `fields`). */
  SMS_CREDENTIALS_REQUIRED = 'SMS_CREDENTIALS_REQUIRED',
  /** The provider refused the message (`providerCode`). */
  SMS_PROVIDER_REJECTED = 'SMS_PROVIDER_REJECTED',
  /** A webhook's signature or token is wrong: nothing was written. */
  SMS_WEBHOOK_FORBIDDEN = 'SMS_WEBHOOK_FORBIDDEN',
  /** The campaign's target segment is not a contact segment. */
  SMS_AUDIENCE_NOT_CONTACTS = 'SMS_AUDIENCE_NOT_CONTACTS',
  /** The broadcast already ended. */
  SMS_BROADCAST_FINISHED = 'SMS_BROADCAST_FINISHED',
  /** Time in `HH:mm` expected. */
  SMS_INVALID_TIME = 'SMS_INVALID_TIME',
}
