import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Query parameters every list endpoint accepts. Modules extend it with their own exact filters. */
export class ListQueryDto {
  /**
   * Page size (1..200).
   * @example 50
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** Opaque cursor from the previous page's `nextCursor`; only valid with the same `sort`. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;

  /**
   * Comma-separated sort keys, `-` for descending. Only the fields the endpoint documents (and
   * `custom.<key>` on kinds with custom fields).
   * @example -createdAt
   */
  @IsOptional()
  @IsString()
  @Matches(/^-?(custom\.)?[a-zA-Z][a-zA-Z0-9]*(,-?(custom\.)?[a-zA-Z][a-zA-Z0-9]*){0,3}$/, { message: 'sort must look like "-createdAt,name"' })
  sort?: string;

  /**
   * Free-text search over the record's name, phone and email.
   * @example 张
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** Query-string booleans: "true"/"false"/"1"/"0". Anything else stays as is and fails @IsBoolean. */
export const ToBoolean = () =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1' || value === true) return true;
    if (value === 'false' || value === '0' || value === false) return false;
    return value;
  });
