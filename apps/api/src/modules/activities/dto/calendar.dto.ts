import { IsDateTime } from '@core/http/validators';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { TaskResponse } from '@modules/tasks/dto/task.dto';
import { ActivityResponse } from './activity.dto';

export class CalendarQueryDto {
  /**
   * Start of the range (ISO 8601, inclusive).
   * @example 2025-06-01T00:00:00+08:00
   */
  @IsDateTime()
  from: Date;

  /**
   * End of the range (ISO 8601, inclusive); at most 92 days after `from`.
   * @example 2025-07-01T00:00:00+08:00
   */
  @IsDateTime()
  to: Date;

  /** Whose calendar; defaults to yours. Must be a user inside your data scope on tasks. */
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export const CALENDAR_KINDS = ['task', 'activity'] as const;

export class CalendarItemDto {
  @ApiProperty({ enum: CALENDAR_KINDS })
  kind: 'task' | 'activity';
  /** A task's due time, a visit's or meeting's planned time. */
  at: Date;
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Set when `kind` is `task`. */
  task?: TaskResponse;
  /** A visit or meeting; set when `kind` is `activity`. */
  activity?: ActivityResponse;
}

export class CalendarResponse {
  from: Date;
  to: Date;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  /** Tasks due (not cancelled) and visits/meetings planned (not cancelled) in the range, by time. */
  @ApiProperty({ type: [CalendarItemDto] })
  data: CalendarItemDto[];
}
