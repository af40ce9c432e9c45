import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsDateTime, Trim } from '@core/http/validators';

export const SECURITY_MODES = ['tls', 'starttls', 'none'] as const;
export const MAILBOX_PURPOSES = ['sales', 'service', 'marketing', 'personal'] as const;
export const EMAIL_RECORD_TYPES = ['contact', 'lead', 'account'] as const;
export const EMAIL_STATUSES = ['scheduled', 'queued', 'sent', 'failed', 'canceled', 'skipped', 'received'] as const;
export type EmailRecordType = (typeof EMAIL_RECORD_TYPES)[number];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

// ---------- mailboxes ----------

export class CreateEmailAccountDto {
  /** A name for people. @example 销售部邮箱 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  /** The mailbox's address (From). @example sales@keyuan.example */
  @Trim() @IsEmail() @MaxLength(254) address: string;
  /** Display name in From. @example 客源科技销售部 */
  @IsOptional() @IsString() @MaxLength(100) fromName?: string;
  @ApiProperty({ enum: MAILBOX_PURPOSES, required: false, example: 'sales' })
  @IsOptional() @IsIn(MAILBOX_PURPOSES) purpose?: (typeof MAILBOX_PURPOSES)[number];
  /** The user whose own mailbox this is (personal); null for a company mailbox. */
  @IsOptional() @IsUUID() userId?: string | null;
  /** HTML signature appended to mail sent from it. @example <p>—<br>客源科技</p> */
  @IsOptional() @IsString() @MaxLength(5000) signature?: string;
  /** @example smtp.exmail.qq.com */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) smtpHost: string;
  /** @example 465 */
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) smtpPort: number;
  @ApiProperty({ enum: SECURITY_MODES, required: false, example: 'tls', description: 'tls: implicit TLS (465); starttls: upgrade required (587); none: plain, test servers only' })
  @IsOptional() @IsIn(SECURITY_MODES) smtpSecurity?: (typeof SECURITY_MODES)[number];
  /** Login; default the address. @example sales@keyuan.example */
  @IsOptional() @IsString() @MaxLength(254) smtpUser?: string;
  /** Write-only, sealed at rest with CREDENTIALS_KEY, never returned. @example app-password-123 */
  @IsOptional() @IsString() @MaxLength(500) smtpPassword?: string;
  /** @example imap.exmail.qq.com */
  @IsOptional() @IsString() @MaxLength(255) imapHost?: string | null;
  /** @example 993 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535) imapPort?: number | null;
  @ApiProperty({ enum: SECURITY_MODES, required: false, example: 'tls' })
  @IsOptional() @IsIn(SECURITY_MODES) imapSecurity?: (typeof SECURITY_MODES)[number];
  /** Login; default the SMTP login. */
  @IsOptional() @IsString() @MaxLength(254) imapUser?: string;
  /** Write-only; default the SMTP password. */
  @IsOptional() @IsString() @MaxLength(500) imapPassword?: string;
  /** Folder polled for replies. @example INBOX */
  @IsOptional() @IsString() @MaxLength(200) imapMailbox?: string;
  /** Poll IMAP for new mail. @example true */
  @IsOptional() @IsBoolean() inboundEnabled?: boolean;
  /** The mailbox used when a message names none (one at a time). @example true */
  @IsOptional() @IsBoolean() isDefault?: boolean;
  /** The service mailbox (one at a time): inbound mail here opens a ticket, or adds to the ticket it answers. @example false */
  @IsOptional() @IsBoolean() isServiceMailbox?: boolean;
}

export class UpdateEmailAccountDto {
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) address?: string;
  @IsOptional() @IsString() @MaxLength(100) fromName?: string;
  @ApiProperty({ enum: MAILBOX_PURPOSES, required: false })
  @IsOptional() @IsIn(MAILBOX_PURPOSES) purpose?: (typeof MAILBOX_PURPOSES)[number];
  @IsOptional() @IsUUID() userId?: string | null;
  @IsOptional() @IsString() @MaxLength(5000) signature?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255) smtpHost?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535) smtpPort?: number;
  @ApiProperty({ enum: SECURITY_MODES, required: false })
  @IsOptional() @IsIn(SECURITY_MODES) smtpSecurity?: (typeof SECURITY_MODES)[number];
  @IsOptional() @IsString() @MaxLength(254) smtpUser?: string;
  /** Write-only; empty or absent keeps the stored one. */
  @IsOptional() @IsString() @MaxLength(500) smtpPassword?: string;
  @IsOptional() @IsString() @MaxLength(255) imapHost?: string | null;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535) imapPort?: number | null;
  @ApiProperty({ enum: SECURITY_MODES, required: false })
  @IsOptional() @IsIn(SECURITY_MODES) imapSecurity?: (typeof SECURITY_MODES)[number];
  @IsOptional() @IsString() @MaxLength(254) imapUser?: string;
  /** Write-only; empty or absent keeps the stored one. */
  @IsOptional() @IsString() @MaxLength(500) imapPassword?: string;
  @IsOptional() @IsString() @MaxLength(200) imapMailbox?: string;
  @IsOptional() @IsBoolean() inboundEnabled?: boolean;
  @IsOptional() @IsBoolean() isDefault?: boolean;
  /** The service mailbox (one at a time): inbound mail here opens or answers tickets. */
  @IsOptional() @IsBoolean() isServiceMailbox?: boolean;
  /** The version you read (or send If-Match). @example 1 */
  @IsOptional() @Type(() => Number) @IsInt() version?: number;
}

export class EmailAccountResponse {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  id: string;
  /** @example 销售部邮箱 */
  name: string;
  /** @example sales@keyuan.example */
  address: string;
  fromName: string | null;
  /** @example sales */
  purpose: string;
  userId: string | null;
  signature: string | null;
  /** @example smtp.exmail.qq.com */
  smtpHost: string;
  /** @example 465 */
  smtpPort: number;
  /** @example tls */
  smtpSecurity: string;
  smtpUser: string | null;
  /** Whether a password is stored (it is never returned). @example true */
  smtpPasswordSet: boolean;
  imapHost: string | null;
  imapPort: number | null;
  imapSecurity: string;
  imapUser: string | null;
  imapPasswordSet: boolean;
  /** @example INBOX */
  imapMailbox: string;
  inboundEnabled: boolean;
  isDefault: boolean;
  /** Inbound mail here opens tickets or adds to the ticket it answers. @example false */
  isServiceMailbox: boolean;
  lastPolledAt: Date | null;
  /** The last poll's error, in the server's words. */
  lastError: string | null;
  /** @example 1 */
  version: number;
  createdAt: Date;
}

export class EmailAccountList {
  data: EmailAccountResponse[];
}

export class ConnectionCheck {
  /** @example false */
  ok: boolean;
  /** The server's own error text. @example 535 5.7.8 Authentication failed */
  error: string | null;
}

export class EmailConnectionTestResponse {
  smtp: ConnectionCheck;
  /** Null when the mailbox has no IMAP settings. */
  imap: ConnectionCheck | null;
}

// ---------- templates ----------

export class CreateEmailTemplateDto {
  /** @example 报价跟进 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  /** `{{variables}}` allowed. @example {{account.name}} 的报价 */
  @IsString() @IsNotEmpty() @MaxLength(300) subject: string;
  /** HTML (sanitized when sent), `{{variables}}` allowed: name, contact.name, lead.name, account.name, sender.name. @example <p>{{name}}您好，</p> */
  @IsString() @IsNotEmpty() @MaxLength(100000) bodyHtml: string;
  @ApiProperty({ enum: ['notification', 'marketing'], required: false, example: 'notification' })
  @IsOptional() @IsIn(['notification', 'marketing']) kind?: 'notification' | 'marketing';
}

export class UpdateEmailTemplateDto {
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) subject?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100000) bodyHtml?: string;
  @ApiProperty({ enum: ['notification', 'marketing'], required: false })
  @IsOptional() @IsIn(['notification', 'marketing']) kind?: 'notification' | 'marketing';
  @IsOptional() @Type(() => Number) @IsInt() version?: number;
}

export class EmailTemplateResponse {
  id: string;
  /** @example 报价跟进 */
  name: string;
  subject: string;
  bodyHtml: string;
  /** @example notification */
  kind: string;
  /** Variables the subject and body use. @example ["name","account.name"] */
  variables: string[];
  version: number;
  createdAt: Date;
}

export class EmailTemplateList {
  data: EmailTemplateResponse[];
}

// ---------- messages ----------

export class SendEmailDto {
  @ApiProperty({ enum: EMAIL_RECORD_TYPES, required: false, example: 'contact', description: 'The record written to: its address is resolved on the server (a masked address still sends)' })
  @IsOptional() @IsIn(EMAIL_RECORD_TYPES) recordType?: EmailRecordType;
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  @IsOptional() @IsUUID() recordId?: string;
  /** Extra To addresses (or the only ones without a record). @example ["buyer@example.com"] */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) to?: string[];
  /** @example ["boss@example.com"] */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) cc?: string[];
  /** @example ["archive@keyuan.example"] */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) bcc?: string[];
  /** The mailbox to send from; default the default mailbox. */
  @IsOptional() @IsUUID() accountId?: string;
  /** A template (its subject and body rendered for the record)… */
  @IsOptional() @IsUUID() templateId?: string;
  /** …or a subject… @example 关于贵司的报价 */
  @IsOptional() @IsString() @MaxLength(300) subject?: string;
  /** …and an HTML body (sanitized: scripts, handlers and unsafe links removed). @example <p>您好</p> */
  @IsOptional() @IsString() @MaxLength(200000) bodyHtml?: string;
  /** Plain-text part; default derived from the HTML. */
  @IsOptional() @IsString() @MaxLength(200000) bodyText?: string;
  /** Values of your own variables. @example {"discount":"8折"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
  /** Ids from POST /email/attachments (yours), sent as attachments. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) attachmentIds?: string[];
  /** The message answered (In-Reply-To / References, same thread, its record). */
  @IsOptional() @IsUUID() replyToId?: string;
  /** Send later (RFC 3339); default now. @example 2026-12-01T09:00:00+08:00 */
  @IsOptional() @IsDateTime() scheduledAt?: Date;
}

export class EmailPreviewDto {
  @ApiProperty({ enum: EMAIL_RECORD_TYPES, required: false })
  @IsOptional() @IsIn(EMAIL_RECORD_TYPES) recordType?: EmailRecordType;
  @IsOptional() @IsUUID() recordId?: string;
  @IsOptional() @IsUUID() templateId?: string;
  @IsOptional() @IsString() @MaxLength(300) subject?: string;
  @IsOptional() @IsString() @MaxLength(200000) bodyHtml?: string;
  @IsOptional() @IsObject() variables?: Record<string, string>;
}

export class EmailPreviewResponse {
  /** @example 关于华东客户有限公司的报价 */
  subject: string;
  /** Sanitized HTML. */
  html: string;
  text: string;
  /** Variables without a value. @example [] */
  missing: string[];
}

export class EmailAttachmentRef {
  /** @example 5b1f3c1e-8c5d-4a44-9a9a-3f1f7f0e2b10 */
  attachmentId: string | null;
  /** @example 报价单.pdf */
  fileName: string;
  /** @example 20480 */
  size: number;
  /** @example application/pdf */
  contentType: string;
}

export class EmailMessageResponse {
  id: string;
  @ApiProperty({ enum: ['outbound', 'inbound'], example: 'outbound' })
  direction: 'outbound' | 'inbound';
  @ApiProperty({ enum: EMAIL_STATUSES, example: 'sent' })
  status: EmailStatus;
  accountId: string | null;
  /** @example sales@keyuan.example */
  from: string;
  fromName: string | null;
  /** Recipients (masked like the record's email without viewSensitive). */
  to: string[];
  cc: string[];
  bcc: string[];
  /** @example 关于贵司的报价 */
  subject: string;
  bodyText: string | null;
  bodyHtml: string | null;
  /** @example <8f14e45f@keyuan.example> */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  threadId: string;
  recordType: EmailRecordType | null;
  recordId: string | null;
  /** @example 张三 */
  recordName: string | null;
  templateId: string | null;
  broadcastId: string | null;
  attachments: EmailAttachmentRef[];
  /** First time the open pixel was loaded (broadcasts). */
  openedAt: Date | null;
  /** Tracked link clicks (broadcasts). @example 0 */
  clickCount: number;
  /** Tries made (4xx answers are retried). @example 1 */
  attempts: number;
  scheduledAt: Date | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  receivedAt: Date | null;
  /** smtp_4xx, smtp_5xx, connection… @example smtp_5xx */
  errorCode: string | null;
  /** The server's reply. @example 550 5.1.1 User unknown */
  errorMessage: string | null;
  /** A delivery status notification (bounce). */
  isBounce: boolean;
  createdAt: Date;
}

export class QueryEmailMessagesDto {
  @ApiProperty({ enum: EMAIL_STATUSES, required: false })
  @IsOptional() @IsIn(EMAIL_STATUSES) status?: EmailStatus;
  @ApiProperty({ enum: ['outbound', 'inbound'], required: false })
  @IsOptional() @IsIn(['outbound', 'inbound']) direction?: 'outbound' | 'inbound';
  @ApiProperty({ enum: EMAIL_RECORD_TYPES, required: false })
  @IsOptional() @IsIn(EMAIL_RECORD_TYPES) recordType?: EmailRecordType;
  @IsOptional() @IsUUID() recordId?: string;
  @IsOptional() @IsUUID() threadId?: string;
  /** A broadcast's recipients with their status. */
  @IsOptional() @IsUUID() broadcastId?: string;
  /** @example 50 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class EmailMessagePage {
  data: EmailMessageResponse[];
  /** @example null */
  nextCursor: string | null;
}

export class EmailUploadResponse {
  /** Give it in `attachmentIds`. */
  id: string;
  /** @example 报价单.pdf */
  fileName: string;
  size: number;
  contentType: string;
}

// ---------- broadcasts ----------

export class EmailAudienceDto {
  @ApiProperty({ enum: ['contacts', 'campaign', 'savedView'], example: 'campaign' })
  @IsIn(['contacts', 'campaign', 'savedView'])
  type: 'contacts' | 'campaign' | 'savedView';
  /** type contacts: contacts you may read. */
  @IsOptional() @IsArray() @ArrayMaxSize(10000) @IsUUID('all', { each: true }) contactIds?: string[];
  /** type campaign: its target segment (contacts). */
  @IsOptional() @IsUUID() campaignId?: string;
  /** type savedView: a saved view of the contacts list. */
  @IsOptional() @IsUUID() savedViewId?: string;
}

export class CreateEmailBroadcastDto {
  /** @example 十二月新品通讯 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsUUID() templateId: string;
  /** The mailbox to send from; default the default mailbox. */
  @IsOptional() @IsUUID() accountId?: string;
  @ValidateNested() @Type(() => EmailAudienceDto) audience: EmailAudienceDto;
  /** Values of your own variables. @example {"offer":"八折"} */
  @IsOptional() @IsObject() variables?: Record<string, string>;
  /** Messages per second (default 5). @example 5 */
  @IsOptional() @Type(() => Number) @Min(0.1) @Max(100) ratePerSecond?: number;
  /** Start later (RFC 3339). */
  @IsOptional() @IsDateTime() scheduledAt?: Date;
}

export class EmailEstimateDto {
  @ValidateNested() @Type(() => EmailAudienceDto) audience: EmailAudienceDto;
}

export class EmailEstimateResponse {
  /** Contacts in the audience within your scope (before skipping unsubscribed / do-not-email). @example 120 */
  recipients: number;
  recipientsIsEstimate: boolean;
}

export class EmailBroadcastProgress {
  /** Recipients listed so far. @example 120 */
  listed: number;
  listingDone: boolean;
  /** Recipients per status. @example {"sent":100,"skipped":15,"queued":5} */
  byStatus: Record<string, number>;
  /** @example 96 */
  percent: number;
  /** Recipients who opened (pixel loaded). @example 40 */
  opened: number;
  /** Tracked link clicks. @example 12 */
  clicks: number;
}

export class EmailBroadcastResponse {
  id: string;
  name: string;
  templateId: string;
  accountId: string;
  audience: EmailAudienceDto;
  @ApiProperty({ enum: ['scheduled', 'running', 'completed', 'canceled', 'failed'], example: 'running' })
  status: string;
  scheduledAt: Date | null;
  /** @example 5 */
  ratePerSecond: number;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  ownerId: string;
  progress: EmailBroadcastProgress;
  createdAt: Date;
}

export class EmailBroadcastList {
  data: EmailBroadcastResponse[];
}

export class EmailUnsubscribeInfo {
  /** The address, masked. @example b***@customer.test */
  address: string;
  unsubscribed: boolean;
}
