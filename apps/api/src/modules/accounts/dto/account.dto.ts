import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { RECORD_ACTIONS, type RecordAction } from '@core/records/record-kind';
import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { IsPhone, LowerCaseEmail, NormalizePhone, Trim, IsDateTime } from '@core/http/validators';
import {
  ACCOUNT_LEVELS,
  ACCOUNT_SIZES,
  ACCOUNT_SOURCES,
  ACCOUNT_TYPES,
  LIFECYCLE_STAGES,
  type AccountLevel,
  type AccountSize,
  type AccountSource,
  type AccountType,
  type LifecycleStage,
} from '../account.entity';

/** Trimmed, de-duplicated, empty tags dropped. */
const CleanTags = () =>
  Transform(({ value }) =>
    Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => t !== ''))] : value,
  );

/**
 * A new account. The address is four flat fields (`province`, `city`, `district`, `street`), like a
 * lead's, so they filter and convert one to one.
 */
export class CreateAccountDto {
  /**
   * Company name, or the person's name for an individual customer.
   * @example 上海云启科技有限公司
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** `company` (default) or `individual`. */
  @ApiProperty({ enum: ACCOUNT_TYPES, required: false, example: 'company' })
  @IsOptional()
  @IsIn(ACCOUNT_TYPES)
  type?: AccountType;

  /**
   * Industry, free text.
   * @example 软件和信息技术服务
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  industry?: string | null;

  /** Head-count band. */
  @ApiProperty({ enum: ACCOUNT_SIZES, required: false, nullable: true, example: '50-199' })
  @IsOptional()
  @IsIn(ACCOUNT_SIZES)
  size?: AccountSize | null;

  /** Where the customer came from (the same values as a lead's source). */
  @ApiProperty({ enum: ACCOUNT_SOURCES, required: false, nullable: true, example: 'referral' })
  @IsOptional()
  @IsIn(ACCOUNT_SOURCES)
  source?: AccountSource | null;

  /** Value grade, A the most valuable. */
  @ApiProperty({ enum: ACCOUNT_LEVELS, required: false, nullable: true, example: 'A' })
  @IsOptional()
  @IsIn(ACCOUNT_LEVELS)
  level?: AccountLevel | null;

  /** `prospect` (default), `active`, `at_risk` or `churned`. */
  @ApiProperty({ enum: LIFECYCLE_STAGES, required: false, example: 'prospect' })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES)
  lifecycleStage?: LifecycleStage;

  /**
   * Switchboard phone, normalized to E.164 (default region CN).
   * @example 021 6088 1234
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  phone?: string | null;

  /**
   * General email, stored lower-cased.
   * @example contact@yunqi-tech.cn
   */
  @IsOptional()
  @LowerCaseEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email?: string | null;

  /**
   * Web site; the scheme may be left out.
   * @example https://www.yunqi-tech.cn
   */
  @IsOptional()
  @Trim()
  @IsUrl({ require_protocol: false }, { message: 'website must be a URL' })
  @MaxLength(300)
  website?: string | null;

  /** @example 上海市 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  province?: string | null;

  /** @example 上海市 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  city?: string | null;

  /** @example 浦东新区 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  district?: string | null;

  /** @example 张江路 88 号 3 号楼 501 室 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  street?: string | null;

  /**
   * Free labels (at most 20, each up to 30 characters).
   * @example ["重点客户", "SaaS"]
   */
  @IsOptional()
  @CleanTags()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  /** Parent company (group headquarters); an account you can read, never one of its own descendants. */
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  /** Owner; defaults to you. Must be a user inside your data scope. The department follows the owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** When to follow up next (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  nextFollowUpAt?: Date | null;

  /**
   * Id of the record in another system (unique); imports can upsert by it.
   * @example ERP-000123
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  externalId?: string | null;

  @CustomValuesInput('accounts')
  custom?: Record<string, unknown>;
}

export class UpdateAccountDto extends PartialType(CreateAccountDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryAccountsDto extends RecordListQueryDto {
  /** Only accounts of this owner. */
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Only this department (exact, not including sub-departments). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ enum: ACCOUNT_TYPES, required: false, description: 'Only companies or only individuals.' })
  @IsOptional()
  @IsIn(ACCOUNT_TYPES)
  type?: AccountType;

  @ApiProperty({ enum: ACCOUNT_LEVELS, required: false, description: 'Only this value grade.' })
  @IsOptional()
  @IsIn(ACCOUNT_LEVELS)
  level?: AccountLevel;

  @ApiProperty({ enum: LIFECYCLE_STAGES, required: false, description: 'Only this lifecycle stage.' })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES)
  lifecycleStage?: LifecycleStage;

  /** Only this industry (exact). @example 软件和信息技术服务 */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiProperty({ enum: ACCOUNT_SOURCES, required: false, description: 'Only this source.' })
  @IsOptional()
  @IsIn(ACCOUNT_SOURCES)
  source?: AccountSource;

  /**
   * Accounts carrying this tag.
   * @example 重点客户
   */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  tag?: string;

  /** Subsidiaries of this account. */
  @IsOptional()
  @IsUUID()
  parentId?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;

  /** Next follow-up at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  nextFollowUpAtFrom?: Date;

  /** Next follow-up at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  nextFollowUpAtTo?: Date;
}

export class MergeAccountsDto {
  /** Accounts merged into this one and then deleted; each must be inside your data scope. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  duplicateIds: string[];
}

export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 上海云启科技有限公司 */
  name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES })
  type: AccountType;
  /** @example 软件和信息技术服务 */
  industry: string | null;
  @ApiProperty({ enum: ACCOUNT_SIZES, nullable: true, type: String })
  size: AccountSize | null;
  @ApiProperty({ enum: ACCOUNT_SOURCES, nullable: true, type: String })
  source: AccountSource | null;
  @ApiProperty({ enum: ACCOUNT_LEVELS, nullable: true, type: String })
  level: AccountLevel | null;
  @ApiProperty({ enum: LIFECYCLE_STAGES })
  lifecycleStage: LifecycleStage;
  /** E.164, masked (`216****1234`) without the viewSensitive permission. @example +862160881234 */
  phone: string | null;
  /** Masked (`c***@yunqi-tech.cn`) without the viewSensitive permission. @example contact@yunqi-tech.cn */
  email: string | null;
  /** @example https://www.yunqi-tech.cn */
  website: string | null;
  /** @example 上海市 */
  province: string | null;
  /** @example 上海市 */
  city: string | null;
  /** @example 浦东新区 */
  district: string | null;
  /** @example 张江路 88 号 */
  street: string | null;
  /** @example ["重点客户"] */
  tags: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  /** The parent account's name, null when there is none (or it was deleted). @example 云启集团 */
  parentName: string | null;
  /** Null while the account waits in a pool. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  /** @example 李雷 Li Lei */
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** The pool it waits in (no owner) or came from and returns to when not followed up (owned). Read-only. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  poolId: string | null;
  /** When the current owner got the account (claim or assignment). */
  claimedAt: Date | null;
  nextFollowUpAt: Date | null;
  /** Last logged activity; read-only. */
  lastActivityAt: Date | null;
  /** Id in another system. @example ERP-000123 */
  externalId: string | null;
  /** True when phone or email are masked for you; `POST /accounts/{id}/reveal` shows them (audited). */
  masked: boolean;
  /** What you may do with the record now (computed by the server from your grants, scope, pools and the record's state). */
  @ApiProperty({ enum: RECORD_ACTIONS, isArray: true, example: ['edit', 'assign', 'release'] })
  actions: RecordAction[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;

  @CustomValuesOutput('accounts')
  custom?: Record<string, unknown>;
}

export class AccountDetailResponse extends AccountResponse {
  /** Active contacts of the account. @example 3 */
  contactCount: number;
}

export class AccountPage {
  @ApiProperty({ type: [AccountResponse] })
  data: AccountResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches; counting them would cost more than the page), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class RevealedAccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Unmasked. @example +862160881234 */
  phone: string | null;
  /** Unmasked. @example contact@yunqi-tech.cn */
  email: string | null;
}

export class ExportAccountsDto extends IntersectionType(OmitType(QueryAccountsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}
