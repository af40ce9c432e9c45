import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@core/http/validators';
import { SAVED_VIEW_SHARING } from '../saved-view.entity';
import { FilterGroupDto } from '@core/http/filter-group.dto';

/** Lists that have saved views, and the module whose `read` permission each needs. */
export const SAVED_VIEW_LISTS = { leads: 'leads', accounts: 'accounts', contacts: 'contacts', tasks: 'tasks', activities: 'activities', opportunities: 'opportunities' } as const;
export const SAVED_VIEW_LIST_KEYS = Object.keys(SAVED_VIEW_LISTS) as (keyof typeof SAVED_VIEW_LISTS)[];

/** What the view restores on its list. */
export class SavedViewStateDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => FilterGroupDto)
  filter?: FilterGroupDto;

  /** The list's simple filters as its query parameters. @example {"status":"new"} */
  @ApiProperty({ required: false, additionalProperties: true })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  /** @example 杭州 */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateSavedViewDto {
  @ApiProperty({ enum: SAVED_VIEW_LIST_KEYS, example: 'leads' })
  @IsIn(SAVED_VIEW_LIST_KEYS)
  listKey: string;

  /** @example 30 天未跟进 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ValidateNested()
  @Type(() => SavedViewStateDto)
  filters: SavedViewStateDto;

  /** The list's sort parameter. @example -createdAt */
  @IsOptional()
  @IsString()
  @Matches(/^-?[a-zA-Z]+(,-?[a-zA-Z]+){0,3}$/, { message: 'sort must look like "-createdAt,name"' })
  sort?: string | null;

  /** Visible columns in order (empty: the list's default). @example ["name","status","ownerName"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  columns?: string[];

  /** private: only you; department: a department (default yours) and its sub-departments; everyone: all users of the list. */
  @ApiProperty({ enum: SAVED_VIEW_SHARING, required: false, example: 'private' })
  @IsOptional()
  @IsIn(SAVED_VIEW_SHARING)
  sharing?: string;

  /** With sharing `department`: your department or one above it (default: yours). */
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;
}

export class UpdateSavedViewDto extends PartialType(CreateSavedViewDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QuerySavedViewsDto {
  @ApiProperty({ enum: SAVED_VIEW_LIST_KEYS, example: 'leads' })
  @IsIn(SAVED_VIEW_LIST_KEYS)
  listKey: string;
}

export class SavedViewResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example leads */
  listKey: string;
  /** @example 30 天未跟进 */
  name: string;
  filters: SavedViewStateDto;
  /** @example -createdAt */
  sort: string | null;
  columns: string[];
  @ApiProperty({ enum: SAVED_VIEW_SHARING })
  sharing: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  @ApiProperty({ format: 'uuid' })
  ownerId: string;
  /** @example 张伟 */
  ownerName: string | null;
  /** Your default view of this list. */
  isDefault: boolean;
  /** You may change or delete it (you own it, or you are an admin). */
  editable: boolean;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class SavedViewList {
  /** Your views and those shared with you, by name. */
  @ApiProperty({ type: [SavedViewResponse] })
  data: SavedViewResponse[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  defaultViewId: string | null;
}
