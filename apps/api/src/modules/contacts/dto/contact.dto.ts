import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { ToBoolean } from '@core/http/list-query.dto';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsPhone, LowerCaseEmail, NormalizePhone, Trim, IsDateOnly, IsDateTime } from '@core/http/validators';
import { CONTACT_CHANNELS, GENDERS, type ContactChannel, type Gender } from '../contact.entity';

export class CreateContactDto {
  /** The account the person works at; one you can read. */
  @IsUUID()
  accountId: string;

  /**
   * Full name.
   * @example 陈静
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /**
   * Job title.
   * @example 采购总监
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  /**
   * Mobile, normalized to E.164 (default region CN).
   * @example 138 1234 5678
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  mobile?: string | null;

  /**
   * Office phone, normalized to E.164 (default region CN).
   * @example 021 6088 1234
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  workPhone?: string | null;

  /**
   * Stored lower-cased.
   * @example chen.jing@yunqi-tech.cn
   */
  @IsOptional()
  @LowerCaseEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string | null;

  /**
   * WeChat ID.
   * @example chenjing_sh
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  wechat?: string | null;

  /**
   * Date of birth, `YYYY-MM-DD`.
   * @example 1988-06-15
   */
  @IsOptional()
  @ApiProperty({ type: String, format: 'date', required: false, nullable: true })
  @IsDateOnly()
  birthday?: string | null;

  @ApiProperty({ enum: GENDERS, required: false, nullable: true, example: 'female' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender | null;

  /** The account's main contact; setting it unsets the previous primary contact of the account. */
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiProperty({ enum: CONTACT_CHANNELS, required: false, nullable: true, example: 'wechat' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  preferredChannel?: ContactChannel | null;

  /** Opted out of calls: no feature may phone this person. */
  @IsOptional()
  @IsBoolean()
  doNotCall?: boolean;

  /** Opted out of email. */
  @IsOptional()
  @IsBoolean()
  doNotEmail?: boolean;

  /** Opted out of SMS. */
  @IsOptional()
  @IsBoolean()
  doNotSms?: boolean;

  /** @example 偏好上午沟通 */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /**
   * Owner; defaults to the account's owner when that user is inside your data scope, else to you.
   * The department follows the owner.
   */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /**
   * Id of the record in another system (unique); imports can upsert by it.
   * @example ERP-000123
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  externalId?: string | null;

  @CustomValuesInput('contacts')
  custom?: Record<string, unknown>;
}

export class UpdateContactDto extends PartialType(CreateContactDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryContactsDto extends RecordListQueryDto {
  /** Contacts of this account. */
  @IsOptional()
  @IsUUID()
  accountId?: string;

  /** Only contacts of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact, not including sub-departments). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Only primary (true) or other (false) contacts. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  isPrimary?: boolean;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class MergeContactsDto {
  /** Contacts merged into this one and then deleted; each must be inside your data scope. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  duplicateIds: string[];
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  accountId: string | null;
  /** @example 上海云启科技有限公司 */
  accountName: string | null;
  /** @example 陈静 */
  name: string;
  /** @example 采购总监 */
  title: string | null;
  /** E.164, masked (`138****5678`) without the viewSensitive permission. @example +8613812345678 */
  mobile: string | null;
  /** E.164, masked without the viewSensitive permission. @example +862160881234 */
  workPhone: string | null;
  /** Masked (`c***@yunqi-tech.cn`) without the viewSensitive permission. @example chen.jing@yunqi-tech.cn */
  email: string | null;
  /** @example chenjing_sh */
  wechat: string | null;
  /** @example 1988-06-15 */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  birthday: string | null;
  @ApiProperty({ enum: GENDERS, nullable: true, type: String })
  gender: Gender | null;
  isPrimary: boolean;
  @ApiProperty({ enum: CONTACT_CHANNELS, nullable: true, type: String })
  preferredChannel: ContactChannel | null;
  doNotCall: boolean;
  doNotEmail: boolean;
  doNotSms: boolean;
  notes: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  lastActivityAt: Date | null;
  /** Id in another system. @example ERP-000123 */
  externalId: string | null;
  /** True when phones or email are masked for you; `POST /contacts/{id}/reveal` shows them (audited). */
  masked: boolean;
  /** What you may do with the record now (computed by the server from your grants, scope, pools and the record's state). */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'assign', 'release'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('contacts')
  custom?: Record<string, unknown>;
}

export class ContactPage {
  @ApiProperty({ type: [ContactResponse] })
  data: ContactResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches; counting them would cost more than the page), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class RevealedContactResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Unmasked. @example +8613812345678 */
  mobile: string | null;
  /** Unmasked. @example +862160881234 */
  workPhone: string | null;
  /** Unmasked. @example chen.jing@yunqi-tech.cn */
  email: string | null;
}

export class ExportContactsDto extends IntersectionType(OmitType(QueryContactsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}
