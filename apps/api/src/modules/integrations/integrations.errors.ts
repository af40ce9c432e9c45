/** Stable codes of the integrations module (rendered by the SPA from integrations.codes.<CODE>). */
export enum IntegrationErrorCode {
  /** The service user is unknown, inactive or deleted. */
  API_KEY_USER_INVALID = 'API_KEY_USER_INVALID',
  /** The role does not exist (or was deleted). */
  API_KEY_ROLE_INVALID = 'API_KEY_ROLE_INVALID',
  /** The key's role grants more than the admin creating it holds. */
  API_KEY_BEYOND_OWN_ACCESS = 'API_KEY_BEYOND_OWN_ACCESS',
  /** The expiry is in the past. */
  API_KEY_EXPIRY_PAST = 'API_KEY_EXPIRY_PAST',
  /** The key was revoked already. */
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  /** A webhook target URL that is not http(s), or not https in production. */
  WEBHOOK_URL_INVALID = 'WEBHOOK_URL_INVALID',
  /** An event type nobody emits. */
  WEBHOOK_EVENT_UNKNOWN = 'WEBHOOK_EVENT_UNKNOWN',
  /** The key may not be used from the client's address (its IP allow-list). */
  API_KEY_IP_NOT_ALLOWED = 'API_KEY_IP_NOT_ALLOWED',
  /** Replaying a delivery of a switched-off webhook. */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  /** The change-feed cursor is not one this endpoint handed out. */
  EVENTS_CURSOR_INVALID = 'EVENTS_CURSOR_INVALID',
}
