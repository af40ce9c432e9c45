import { ApiProperty, PartialType, OmitType } from '@nestjs/swagger';
import { LOCALES } from '@keyuan/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ListQueryDto, ToBoolean } from '@core/http/list-query.dto';
import { IsPhone, LowerCaseEmail, NormalizePhone, Trim, IsDateTime } from '@core/http/validators';

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;
export const PASSWORD_MESSAGE = 'password must be 8-128 characters with at least one letter and one digit';

export class CreateUserDto {
  /**
   * Login email; stored lower-cased and unique among active users.
   * @example li.lei@example.com
   */
  @LowerCaseEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  /**
   * Display name.
   * @example 李雷
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /**
   * Mobile or work phone; normalized to E.164 (default region CN).
   * @example 138 1234 5678
   */
  @IsOptional()
  @NormalizePhone()
  @IsPhone()
  phone?: string | null;

  /**
   * Initial password (write-only): 8-128 characters with a letter and a digit.
   * @example Passw0rd!
   */
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  password: string;

  /** Department the user belongs to; decides department-scoped data access. */
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  /** Roles granting the user's permissions. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  roleIds?: string[];

  /** Inactive users cannot log in and their tokens stop working. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Preferred UI language. */
  @IsOptional()
  @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number] | null;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['password'] as const)) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ResetPasswordDto {
  /**
   * The new password: 8-128 characters with a letter and a digit.
   * @example N3wPassw0rd
   */
  @IsString()
  @Matches(PASSWORD_RULE, { message: PASSWORD_MESSAGE })
  password: string;

  /**
   * The user must choose a new password at the next login (default true: the admin knows this one).
   * @example true
   */
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;
}

export class QueryUsersDto extends ListQueryDto {
  /** Only users of this department (exact, not including sub-departments). */
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  /** Only active (true) or inactive (false) users. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;

  /** Only users holding this role. */
  @IsOptional()
  @IsUUID()
  roleId?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** Created at or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example li.lei@example.com */
  email: string;
  /** @example 李雷 */
  name: string;
  /** E.164 phone. @example +8613812345678 */
  phone: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' })
  roleIds: string[];
  active: boolean;
  @ApiProperty({ enum: LOCALES, nullable: true, type: String })
  locale: string | null;
  /** Locked after too many failed logins until this time. */
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  /** An admin reset the password: the user must choose a new one (the web app asks at once). @example false */
  mustChangePassword: boolean;
  /** Optimistic-lock version. @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] })
  data: UserResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** Number of matching records. @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class DirectoryQueryDto {
  /** Part of a name or email. @example 李 */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** @example 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** A colleague as pickers show them: no contact details, no roles. */
export class DirectoryEntry {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 李雷 Li Lei */
  name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** @example 华东销售组 East China team */
  departmentName: string | null;
}

/** Active users of one department (in the reader's `users` scope). */
export class UsersByDepartmentRow {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** Null for users without a department. @example 华东销售部 */
  departmentName: string | null;
  /** @example 4 */
  count: number;
}
