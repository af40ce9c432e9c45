import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../http/list-query.dto';

/** List parameters of an owned record kind (leads, accounts, contacts...). */
export class RecordListQueryDto extends ListQueryDto {
  /**
   * Free-text search. Names (and a lead's company) match as substrings. Phones and emails, for users
   * without the `viewSensitive` permission, match only as a whole: the whole number (normalized, so
   * `13812345678` and `+86 138 1234 5678` both work), the last four digits (what the mask shows), or the
   * whole email address (any case); never a hidden part. Users with `viewSensitive` match substrings of
   * phones and emails too.
   * @example 张
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  /**
   * Advanced filter: a FilterGroup `{ "match": "all"|"any", "conditions": [{ "field", "op", "value"? }] }`
   * as JSON or base64url-encoded JSON. Fields are the list's filterable fields (and `id`); operators
   * eq, ne, in, notIn, gt, gte, lt, lte, between, contains, startsWith, isEmpty, isNotEmpty,
   * olderThanDays (e.g. `lastActivityAt` 30: no activity for 30 days), withinNextDays, as each field's
   * type allows. A bad field, operator or value is a 400 naming the condition
   * (`FILTER_UNKNOWN_FIELD`, `FILTER_UNKNOWN_OPERATOR`, `FILTER_OPERATOR_NOT_ALLOWED`, `FILTER_INVALID_VALUE`,
   * `FILTER_INVALID`, `FILTER_TOO_MANY_CONDITIONS`). Applied inside your data scope, with the other filters.
   */
  @ApiProperty({ required: false, example: '{"match":"all","conditions":[{"field":"lastActivityAt","op":"olderThanDays","value":30}]}' })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  filter?: string;

  /**
   * Custom field filters, sent as `custom.<key>=value` (equality; a multi-select holding the value) and
   * `custom.<key>From` / `custom.<key>To` (numbers, money, dates, datetimes); sort with `sort=custom.<key>`.
   * Each key must be a field of the kind (400 CUSTOM_FIELD_UNKNOWN), each value valid for its type
   * (400 CUSTOM_FIELD_FILTER). Documented per kind in the live /docs-json.
   */
  @ApiHideProperty()
  @IsOptional()
  @IsObject()
  custom?: Record<string, unknown>;
}
