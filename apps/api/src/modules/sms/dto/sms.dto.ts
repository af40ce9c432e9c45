import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  SMS_AUDIENCE_TYPES,
  SMS_BROADCAST_STATUSES,
  SMS_MESSAGE_STATUSES,
  SMS_PROVIDER_NAMES,
  SMS_TEMPLATE_KINDS,
  SMS_TEMPLATE_STATUSES,
  type SmsAudienceType,
  type SmsBroadcastStatus,
  type SmsMessageStatus,
  type SmsProviderName,
  type SmsTemplateKind,
  type SmsTemplateStatus,
} from '@keyuan/shared';
import { IsDateTime, Trim } from '@core/http/validators';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

// ---------- settings ----------

/** Provider credentials, write-only: never returned. Twilio: accountSid, authToken, from; Aliyun: accessKeyId, accessKeySecret, signName. */
export class SmsCredentialsDto {
  /** Twilio account SID. @example AC0123456789abcdef0123456789abcdef */
  @IsOptional() @IsString() @MaxLength(100) accountSid?: string;
  /** Twilio auth token (also verifies its callbacks). @example 0123456789abcdef0123456789abcdef */
  @IsOptional() @IsString() @MaxLength(200) authToken?: string;
  /** Twilio sender: an E.164 number or a Messaging Service SID. @example +15005550006 */
  @IsOptional() @IsString() @MaxLength(50) from?: string;
  /** Aliyun AccessKey ID. @example LTAI5tExampleKeyId */
  @IsOptional() @IsString() @MaxLength(100) accessKeyId?: string;
  /** Aliyun AccessKey secret. @example ExampleAccessKeySecret */
  @IsOptional() @IsString() @MaxLength(200) accessKeySecret?: string;
  /** Aliyun 短信签名 (SignName). @example 客源科技 */
  @IsOptional() @IsString() @MaxLength(50) signName?: string;
  /** API base URL override (a proxy or a test double); default the provider's. @example https://dysmsapi.aliyuncs.com */
  @IsOptional() @IsString() @MaxLength(300) @Matches(/^https?:\/\/[^\s]+$/) endpoint?: string;
}

export class UpdateSmsSettingsDto {
  @ApiProperty({ enum: SMS_PROVIDER_NAMES, required: false, example: 'aliyun' })
  @IsOptional()
  @IsIn(SMS_PROVIDER_NAMES)
  provider?: SmsProviderName;

  /** New credentials for `provider` (replace the stored ones; omit to keep them). */
  @IsOptional()
  @ValidateNested()
  @Type(() => SmsCredentialsDto)
  credentials?: SmsCredentialsDto;

  /** The public https base URL providers call back (receipts, inbound); Twilio signs the full URL. @example https://crm.example.com */
  @IsOptional() @IsString() @MaxLength(300) @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/) publicBaseUrl?:
    string | null;

  /** Broadcast sending rate, messages per second. @example 20 */
  @IsOptional() @IsInt() @Min(1) @Max(1000) ratePerSecond?: number;

  /** Marketing may be sent from (local time, TZ_BUSINESS). @example 08:00 */
  @IsOptional() @Matches(HHMM, { message: 'HH:mm' }) quietStart?: string;

  /** …until (exclusive). @example 21:00 */
  @IsOptional() @Matches(HHMM, { message: 'HH:mm' }) quietEnd?: string;

  /** At most this many messages of one template per number per day. @example 50 */
  @IsOptional() @IsInt() @Min(1) @Max(10000) capTemplatePerDay?: number;

  /** At most this many marketing messages per number per day. @example 3 */
  @IsOptional() @IsInt() @Min(1) @Max(10000) capMarketingPerDay?: number;

  /** The line every marketing template must end with. @example 拒收请回复R */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40) optOutLine?: string;

  /** Version read (412 when stale). @example 1 */
  @IsOptional() @IsInt() version?: number;
}

export class SmsWebhookUrls {
  /** Delivery receipts (Twilio StatusCallback is sent per message; Aliyun: SmsReport push URL). @example https://crm.example.com/api/v1/sms/webhooks/aliyun/status?token=4f1c… */
  status: string | null;
  /** Inbound messages (Twilio: the number's messaging webhook; Aliyun: SmsUp push URL). @example https://crm.example.com/api/v1/sms/webhooks/aliyun/inbound?token=4f1c… */
  inbound: string | null;
}

export class SmsSettingsResponse {
  @ApiProperty({ enum: SMS_PROVIDER_NAMES, example: 'log' })
  provider: SmsProviderName;
  /** Whether credentials are stored for the provider (they are never returned). @example true */
  credentialsSet: boolean;
  /** The account or key id, shortened, to tell which one is stored. @example LTAI…d3f0 */
  credentialHint: string | null;
  /** Sender number or SignName. @example 客源科技 */
  sender: string | null;
  /** @example https://crm.example.com */
  publicBaseUrl: string | null;
  /** Where to point the provider's callbacks (null until publicBaseUrl is set). */
  webhooks: SmsWebhookUrls;
  /** @example 20 */
  ratePerSecond: number;
  /** @example 08:00 */
  quietStart: string;
  /** @example 21:00 */
  quietEnd: string;
  /** @example Asia/Shanghai */
  timezone: string;
  /** @example 50 */
  capTemplatePerDay: number;
  /** @example 3 */
  capMarketingPerDay: number;
  /** @example 拒收请回复R */
  optOutLine: string;
  /** @example 1 */
  version: number;
}

// ---------- templates ----------

export class CreateSmsTemplateDto {
  /** @example 双十一会员日 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;

  /** Text with `{{variables}}`: name, contact.name, account.name, or your own values. @example 【客源】{{name}}您好，会员日全场八折。拒收请回复R */
  @IsString() @IsNotEmpty() @MaxLength(1000) body: string;

  @ApiProperty({ enum: SMS_TEMPLATE_KINDS, example: 'marketing' })
  @IsIn(SMS_TEMPLATE_KINDS)
  kind: SmsTemplateKind;

  /** The provider's approved template code (Aliyun TemplateCode). @example SMS_154950909 */
  @IsOptional() @IsString() @MaxLength(100) providerTemplateCode?: string | null;

  @ApiProperty({ enum: SMS_TEMPLATE_STATUSES, required: false, example: 'active' })
  @IsOptional()
  @IsIn(SMS_TEMPLATE_STATUSES)
  status?: SmsTemplateStatus;
}

export class UpdateSmsTemplateDto {
  /** @example 双十一会员日 */
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  /** @example 【客源】{{name}}您好，会员日全场八折。拒收请回复R */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(1000) body?: string;
  @ApiProperty({ enum: SMS_TEMPLATE_KINDS, required: false, example: 'marketing' })
  @IsOptional()
  @IsIn(SMS_TEMPLATE_KINDS)
  kind?: SmsTemplateKind;
  /** @example SMS_154950909 */
  @IsOptional() @IsString() @MaxLength(100) providerTemplateCode?: string | null;
  @ApiProperty({ enum: SMS_TEMPLATE_STATUSES, required: false, example: 'disabled' })
  @IsOptional()
  @IsIn(SMS_TEMPLATE_STATUSES)
  status?: SmsTemplateStatus;
  /** Version read (412 when stale). @example 1 */
  @IsOptional() @IsInt() version?: number;
}

export class SmsTemplateResponse {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  id: string;
  /** @example 双十一会员日 */
  name: string;
  /** @example 【客源】{{name}}您好，会员日全场八折。拒收请回复R */
  body: string;
  @ApiProperty({ enum: SMS_TEMPLATE_KINDS, example: 'marketing' })
  kind: SmsTemplateKind;
  /** @example SMS_154950909 */
  providerTemplateCode: string | null;
  @ApiProperty({ enum: SMS_TEMPLATE_STATUSES, example: 'active' })
  status: SmsTemplateStatus;
  /** Variables the body uses. @example ["name"] */
  variables: string[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class SmsTemplateList {
  data: SmsTemplateResponse[];
}

export class SmsPreviewDto {
  /** A saved template… @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() templateId?: string;
  /** …or a text being edited. @example {{name}}您好 */
  @IsOptional() @IsString() @MaxLength(1000) body?: string;
  /** Render for this contact (one you may read). @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() contactId?: string;
  /** Values of your own variables. @example {"code":"1234"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
}

export class SmsPreviewResponse {
  /** @example 张三您好 */
  text: string;
  /** Variables without a value (rendered empty). @example [] */
  missing: string[];
  /** @example UCS-2 */
  encoding: string;
  /** @example 4 */
  characters: number;
  /** Septets or UTF-16 units. @example 4 */
  units: number;
  /** @example 1 */
  parts: number;
  /** @example 66 */
  remaining: number;
}

// ---------- messages ----------

export class SendSmsDto {
  /** A contact you may read (its mobile, else work phone)… @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() contactId?: string;
  /** …or a number (normalized to E.164, default region CN). @example "13800138000" */
  @IsOptional() @IsString() @MaxLength(30) phone?: string;
  /** A template… @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() templateId?: string;
  /** …or a text. @example 您的验证码是 1234 */
  @IsOptional() @IsString() @MaxLength(1000) body?: string;
  /**
   * The kind of a free-text body (default `notification`). `marketing` applies its rules: the body must end with
   * the opt-out line, opted-out numbers are refused, the marketing daily cap counts it and it waits for the
   * allowed hours. A template's kind is the template's own (a different `kind` with a template is a 400).
   */
  @ApiProperty({ enum: SMS_TEMPLATE_KINDS, required: false, example: 'notification' })
  @IsOptional()
  @IsIn(SMS_TEMPLATE_KINDS)
  kind?: SmsTemplateKind;
  /** Values of your own variables. @example {"code":"1234"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
  /** Send later (RFC 3339); default now. Marketing outside allowed hours waits for them. @example 2026-12-01T09:00:00+08:00 */
  @IsOptional() @IsDateTime() scheduledAt?: Date;
}

export class SmsMessageResponse {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  id: string;
  @ApiProperty({ enum: ['outbound', 'inbound'], example: 'outbound' })
  direction: 'outbound' | 'inbound';
  @ApiProperty({ enum: SMS_MESSAGE_STATUSES, example: 'delivered' })
  status: SmsMessageStatus;
  /** E.164, masked without viewSensitive. @example 138****8000 */
  phone: string;
  /** @example 您的验证码是 1234 */
  body: string;
  @ApiProperty({ enum: SMS_TEMPLATE_KINDS, example: 'notification' })
  kind: SmsTemplateKind;
  /** @example 1 */
  parts: number;
  templateId: string | null;
  broadcastId: string | null;
  contactId: string | null;
  /** @example 张三 */
  contactName: string | null;
  leadId: string | null;
  /** @example aliyun */
  provider: string | null;
  /** @example 123456789012^0 */
  providerId: string | null;
  /** The provider's error code, or why it was skipped. @example isv.BUSINESS_LIMIT_CONTROL */
  errorCode: string | null;
  /** @example 触发分钟级流控Permits:1 */
  errorMessage: string | null;
  scheduledAt: Date | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  createdAt: Date;
}

export class QuerySmsMessagesDto {
  @ApiProperty({ enum: SMS_MESSAGE_STATUSES, required: false, example: 'failed' })
  @IsOptional()
  @IsIn(SMS_MESSAGE_STATUSES)
  status?: SmsMessageStatus;
  @ApiProperty({ enum: ['outbound', 'inbound'], required: false, example: 'outbound' })
  @IsOptional()
  @IsIn(['outbound', 'inbound'])
  direction?: 'outbound' | 'inbound';
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() contactId?: string;
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() broadcastId?: string;
  /** @example 50 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** @example eyJ0IjoiMjAyNi0xMS0zMFQxMDowMDowMC4wMDBaIiwiaSI6Ii4uLiJ9 */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class SmsMessagePage {
  data: SmsMessageResponse[];
  /** @example null */
  nextCursor: string | null;
}

// ---------- inbox ----------

export class SmsConversationResponse {
  /** The latest message's id: the conversation's handle. @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  id: string;
  /** @example 138****8000 */
  phone: string;
  contactId: string | null;
  /** @example 张三 */
  contactName: string | null;
  leadId: string | null;
  /** @example 好的，谢谢 */
  lastBody: string;
  @ApiProperty({ enum: ['outbound', 'inbound'], example: 'inbound' })
  lastDirection: 'outbound' | 'inbound';
  lastAt: Date;
  /** @example 2 */
  unread: number;
  /** The number opted out of marketing. @example false */
  optedOut: boolean;
}

export class QuerySmsInboxDto {
  /** @example 50 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** The previous page's `nextCursor`. @example eyJ0IjoiMjAyNi0xMS0zMFQxMDowMDowMC4wMDBaIiwicCI6Iis4NjEzODAwMTM4MDAwIn0 */
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

export class SmsConversationList {
  data: SmsConversationResponse[];
  /** The next page (conversations whose latest inbound message is older), or null. @example null */
  nextCursor: string | null;
  /** Unread inbound messages in your scope. @example 3 */
  unreadTotal: number;
}

export class SmsThreadResponse {
  conversation: SmsConversationResponse;
  /** Oldest first. */
  messages: SmsMessageResponse[];
}

export class SmsReplyDto {
  /** @example 好的，稍后回电 */
  @IsString() @IsNotEmpty() @MaxLength(1000) body: string;
}

// ---------- broadcasts ----------

export class SmsAudienceDto {
  @ApiProperty({ enum: SMS_AUDIENCE_TYPES, example: 'contacts' })
  @IsIn(SMS_AUDIENCE_TYPES)
  type: SmsAudienceType;
  /** type contacts: contacts you may read. @example ["5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10"] */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true })
  contactIds?: string[];
  /** type campaign: its target segment (contacts). @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() campaignId?: string;
  /** type savedView: a saved view of the contacts list (its filter and search). @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() savedViewId?: string;
}

export class CreateSmsBroadcastDto {
  /** @example 双十一会员日群发 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsUUID() templateId: string;
  @ValidateNested() @Type(() => SmsAudienceDto) audience: SmsAudienceDto;
  /** Values of your own variables. @example {"discount":"八折"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
  /** Start later (RFC 3339). @example 2026-12-01T09:00:00+08:00 */
  @IsOptional() @IsDateTime() scheduledAt?: Date;
  /** Messages per second (default: the settings'). @example 20 */
  @IsOptional() @IsInt() @Min(1) @Max(1000) ratePerSecond?: number;
}

export class SmsEstimateDto {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsUUID() templateId: string;
  @ValidateNested() @Type(() => SmsAudienceDto) audience: SmsAudienceDto;
  /** @example {"discount":"八折"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
}

export class SmsEstimateResponse {
  /** Contacts in the audience (in your scope), before skips. @example 1200 */
  recipients: number;
  /** PostgreSQL's estimate beyond 1,000. @example false */
  recipientsIsEstimate: boolean;
  /** Parts of the message rendered for the first recipient. @example 1 */
  partsPerMessage: number;
  /** @example 1200 */
  totalParts: number;
  /** The first recipient's text. @example 【客源】张三您好… */
  sample: string;
}

export class SmsBroadcastProgress {
  /** Recipients listed so far. @example 1200 */
  listed: number;
  /** Listing finished (the total is known). @example true */
  listingDone: boolean;
  /** Per status. @example {"delivered":1100,"skipped":100} */
  byStatus: Record<string, number>;
  /** Recipients handled (sent, skipped or settled): all but the queued ones. @example 1200 */
  processed: number;
  /** Recipients with a final status (delivered, undelivered, failed, skipped, canceled). @example 1200 */
  finished: number;
  /** Processed of listed, 0..100. @example 100 */
  percent: number;
}

export class SmsBroadcastResponse {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  id: string;
  /** @example 双十一会员日群发 */
  name: string;
  templateId: string;
  /** @example 双十一会员日 */
  templateName: string | null;
  audience: SmsAudienceDto;
  @ApiProperty({ enum: SMS_BROADCAST_STATUSES, example: 'running' })
  status: SmsBroadcastStatus;
  /** When it starts, or (waiting) when allowed hours open. */
  scheduledAt: Date | null;
  /** @example 20 */
  ratePerSecond: number;
  /** @example null */
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  ownerId: string;
  progress: SmsBroadcastProgress;
  createdAt: Date;
}

export class SmsBroadcastList {
  data: SmsBroadcastResponse[];
  /** The next page (older broadcasts), or null. @example null */
  nextCursor: string | null;
}

export class QuerySmsBroadcastsDto {
  @ApiProperty({ enum: SMS_BROADCAST_STATUSES, required: false, example: 'running' })
  @IsOptional()
  @IsIn(SMS_BROADCAST_STATUSES)
  status?: SmsBroadcastStatus;
  /** @example 50 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** The previous page's `nextCursor`. @example eyJ0IjoiMjAyNi0xMS0zMFQxMDowMDowMC4wMDBaIiwiaSI6Ii4uLiJ9 */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
