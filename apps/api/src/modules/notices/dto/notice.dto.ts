import { ApiProperty } from '@nestjs/swagger';
import { AttachmentResponse } from '@core/files/dto/attachment.dto';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const NOTICE_AUDIENCES = ['everyone', 'departments', 'roles'] as const;

export class CreateNoticeDto {
  /** @example 国庆节放假通知 */
  @IsString() @IsNotEmpty() @MaxLength(200)
  title: string;
  /** Rich text (HTML); sanitized on save (no scripts, styles or event handlers). @example <p>10 月 1 日至 7 日放假。</p> */
  @IsOptional() @IsString() @MaxLength(100000)
  bodyHtml?: string;
  /** Who sees it. */
  @ApiProperty({ enum: NOTICE_AUDIENCES, example: 'departments' })
  @IsIn(NOTICE_AUDIENCES)
  audience: (typeof NOTICE_AUDIENCES)[number];
  /** With audience `departments`: these departments and their sub-departments. */
  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  departmentIds?: string[];
  /** With audience `roles`: holders of these role keys. @example ["sales_rep"] */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  roleKeys?: string[];
  /** When it appears (default: now). @example 2026-12-01T01:00:00.000Z */
  @IsOptional() @IsDateString()
  publishAt?: string;
  /** When it disappears (after publishAt). @example 2026-12-31T16:00:00.000Z */
  @IsOptional() @IsDateString()
  expiresAt?: string;
  /** Shown first. @example false */
  @IsOptional() @IsBoolean()
  pinned?: boolean;
}

export class NoticeResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 国庆节放假通知 */
  title: string;
  /** Sanitized HTML. @example <p>10 月 1 日至 7 日放假。</p> */
  bodyHtml: string;
  @ApiProperty({ enum: NOTICE_AUDIENCES, example: 'everyone' })
  audience: string;
  @ApiProperty({ type: [String] })
  departmentIds: string[];
  /** @example ["sales_rep"] */
  roleKeys: string[];
  /** @example 2026-12-01T01:00:00.000Z */
  publishAt: Date;
  @ApiProperty({ nullable: true, example: null })
  expiresAt: Date | null;
  /** @example false */
  pinned: boolean;
  @ApiProperty({ nullable: true, format: 'uuid' })
  authorId: string | null;
  /** Whether the caller has read it. @example false */
  read: boolean;
  /** Its files, newest first (download: `GET /notices/{id}/attachments/{attachmentId}`). */
  @ApiProperty({ type: [AttachmentResponse] })
  attachments: AttachmentResponse[];
  /** @example 2026-11-30T08:00:00.000Z */
  createdAt: Date;
}

export class NoticeListResponse {
  data: NoticeResponse[];
  /** Notices the caller has not read (published, not expired, in their audience). @example 2 */
  unread: number;
}

export class UnreadCountResponse {
  /** @example 2 */
  unread: number;
}

export class ReceiptUser {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 张伟 */
  name: string;
  @ApiProperty({ nullable: true, example: '2026-11-30T08:00:00.000Z' })
  readAt: Date | null;
}

export class NoticeReceiptsResponse {
  /** Audience members who have read it, first readers first. */
  read: ReceiptUser[];
  /** Audience members who have not. */
  unread: ReceiptUser[];
}

export class AudienceTarget {
  /** Department id or role key. */
  id: string;
  /** The department's path (`销售部 / 华东区`) or the role's name. */
  name: string;
}

export class NoticeAudienceTargetsResponse {
  /** Every department, with its path. */
  @ApiProperty({ type: [AudienceTarget] })
  departments: AudienceTarget[];
  /** Every role by key, built-in and custom. */
  @ApiProperty({ type: [AudienceTarget] })
  roles: AudienceTarget[];
}
