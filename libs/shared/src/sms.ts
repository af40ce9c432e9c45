/** SMS value lists shared by the API and the web client. */
export const SMS_PROVIDER_NAMES = ['log', 'twilio', 'aliyun'] as const;
export type SmsProviderName = (typeof SMS_PROVIDER_NAMES)[number];

export const SMS_TEMPLATE_KINDS = ['notification', 'marketing'] as const;
export type SmsTemplateKind = (typeof SMS_TEMPLATE_KINDS)[number];

export const SMS_TEMPLATE_STATUSES = ['active', 'disabled'] as const;
export type SmsTemplateStatus = (typeof SMS_TEMPLATE_STATUSES)[number];

/** Outbound life (see core/messaging/message-status) plus `received` for inbound messages. */
export const SMS_MESSAGE_STATUSES = ['scheduled', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'unknown', 'skipped', 'canceled', 'received'] as const;
export type SmsMessageStatus = (typeof SMS_MESSAGE_STATUSES)[number];

export const SMS_BROADCAST_STATUSES = ['scheduled', 'waiting', 'running', 'completed', 'canceled', 'failed'] as const;
export type SmsBroadcastStatus = (typeof SMS_BROADCAST_STATUSES)[number];

export const SMS_AUDIENCE_TYPES = ['contacts', 'campaign', 'savedView'] as const;
export type SmsAudienceType = (typeof SMS_AUDIENCE_TYPES)[number];

/** Why a recipient was skipped (a message's `errorCode` when its status is `skipped`). */
export const SMS_SKIP_REASONS = ['DO_NOT_SMS', 'OPTED_OUT', 'INVALID_NUMBER', 'CAP_TEMPLATE_DAILY', 'CAP_MARKETING_DAILY'] as const;
