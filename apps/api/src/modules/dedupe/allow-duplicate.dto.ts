import { IsBoolean, IsOptional } from 'class-validator';
import { ToBoolean } from '@core/http/list-query.dto';

export class AllowDuplicateQueryDto {
  /** Create or save even when the phone or email matches an existing lead, contact or account. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  allowDuplicate?: boolean;
}
