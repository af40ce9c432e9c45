import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHANGE_TYPES, ChangeType, REFERENCE_KINDS, ReferenceKind } from '@core/audit/change-types';
import { FieldChangeDto } from '@core/audit/dto/audit-log.dto';
import { TaskResponse } from '@modules/tasks/dto/task.dto';
import { ActivityResponse } from './activity.dto';

export const TIMELINE_KINDS = ['activity', 'task', 'change'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export class TimelineQueryDto {
  /**
   * Items per page (1..100).
   * @example 20
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** One changed field, typed for rendering: the client words `field` and option values from its locale files. */
export class TimelineFieldChangeDto extends FieldChangeDto {
  /** How to show the values: `option` (a value of a fixed list), `datetime` (ISO UTC, shown in the reader's zone), `reference` (an id: show `labels[id]`, or "—" when absent)... */
  @ApiProperty({ enum: CHANGE_TYPES })
  type: ChangeType;
  /** For `reference`: the kind of record the id points at. */
  @ApiProperty({ enum: REFERENCE_KINDS, required: false })
  ref?: ReferenceKind;
}

export class TimelineChangeDto {
  /** create, update, delete, restore, claim, release, assign, merge, convert, reveal, ... @example update */
  action: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;
  /** @example 李雷 Li Lei */
  actorName: string | null;
  /** Changed fields with old and new values and their render type; phones and emails masked without the viewSensitive permission. */
  @ApiProperty({ type: [TimelineFieldChangeDto] })
  changes: TimelineFieldChangeDto[];
  /**
   * Display names of the ids these changes mention (owners, departments, pools, leads, accounts, contacts),
   * resolved in your scope: an id of a record you may not read has no entry.
   */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'b1f0c3c4-0000-4000-8000-000000000001': '李雷 Li Lei' } })
  labels: Record<string, string>;
}

export class TimelineItemDto {
  @ApiProperty({ enum: TIMELINE_KINDS })
  kind: TimelineKind;
  /** When it happened: an activity's `occurredAt`, a task's creation, a change's time. */
  at: Date;
  /** Id of the activity, task or audit entry. */
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** Set when `kind` is `activity`. */
  activity?: ActivityResponse;
  /** Set when `kind` is `task`. */
  task?: TaskResponse;
  /** Set when `kind` is `change`. */
  change?: TimelineChangeDto;
}

export class TimelinePage {
  /** Newest first. */
  @ApiProperty({ type: [TimelineItemDto] })
  data: TimelineItemDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}
