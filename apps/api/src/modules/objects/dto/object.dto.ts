import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { OBJECT_KEY } from '@keyuan/shared';
import { CreateCustomFieldDto, CustomFieldResponse } from '@core/custom-fields/dto/custom-field.dto';

/** A field of a custom module: the same definition as a custom field (GET /custom-fields), without `kind`. */
export class ObjectFieldDto extends OmitType(CreateCustomFieldDto, ['kind'] as const) {}

export class CreateObjectDto {
  /** Lower snake case, 2–26 characters, unique: `/records/{key}`, permission module `obj.<key>`. @example site_visit */
  @IsString()
  @Matches(OBJECT_KEY, { message: 'key must be 2-26 lower-case letters, digits or underscores, starting with a letter' })
  key: string;
  /** @example 上门拜访 */
  @IsString() @IsNotEmpty() @MaxLength(50)
  nameZh: string;
  /** @example Site visit */
  @IsString() @IsNotEmpty() @MaxLength(50)
  nameEn: string;
  /** @example 上门拜访 */
  @IsString() @IsNotEmpty() @MaxLength(50)
  pluralZh: string;
  /** @example Site visits */
  @IsString() @IsNotEmpty() @MaxLength(50)
  pluralEn: string;
  /** Element Plus icon name for the menu. @example Location */
  @IsOptional() @IsString() @Matches(/^[A-Za-z][A-Za-z0-9]{0,39}$/, { message: 'icon must be an icon name' })
  icon?: string;
  /** Label of the name field (default 名称 / Name). @example 拜访主题 */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(50)
  nameFieldZh?: string;
  /** @example Subject */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(50)
  nameFieldEn?: string;
  /** Records have an owner and department, and roles' data scopes apply (default true); without, every reader of the module sees every record. @example true */
  @IsOptional() @IsBoolean()
  hasOwner?: boolean;
  /**
   * Fields, defined with the module (more later at /objects/{key}/fields). Links to built-in records are
   * `reference` fields (`refKind`: account, contact, …).
   */
  @ApiProperty({ type: [ObjectFieldDto], required: false })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ObjectFieldDto)
  fields?: ObjectFieldDto[];
}

export class UpdateObjectDto extends PartialType(OmitType(CreateObjectDto, ['key', 'fields', 'hasOwner'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class UpdateObjectFieldDto extends PartialType(OmitType(CreateCustomFieldDto, ['kind', 'key'] as const)) {
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ObjectResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example site_visit */
  key: string;
  /** Permission module of the module's records. @example obj.site_visit */
  module: string;
  nameZh: string;
  nameEn: string;
  pluralZh: string;
  pluralEn: string;
  icon: string;
  nameFieldZh: string;
  nameFieldEn: string;
  hasOwner: boolean;
  /** Live fields, by position. */
  @ApiProperty({ type: [CustomFieldResponse] })
  fields: CustomFieldResponse[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
