import { IsDateTime } from '@core/http/validators';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../http/list-query.dto';
import { CHANGE_TYPES, ChangeType, REFERENCE_KINDS, ReferenceKind } from '../change-types';

export class QueryAuditLogsDto extends ListQueryDto {
  /** Entity type, e.g. `user`, `department`, `role`, `lead`. @example user */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  /** One record's history. */
  @IsOptional()
  @IsUUID()
  entityId?: string;

  /** Changes made by this user. */
  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** @example create */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  action?: string;

  /** At or after (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtFrom?: Date;

  /** At or before (ISO 8601). */
  @IsOptional()
  @IsDateTime()
  createdAtTo?: Date;
}

/** A string, number, boolean, object or array: what an audited field held (null is allowed through `nullable`). */
const ANY_JSON_VALUE = [
  { type: 'string' },
  { type: 'number', format: 'double' },
  { type: 'boolean' },
  { type: 'object', additionalProperties: true },
  { type: 'array', items: {} },
];

export class FieldChangeDto {
  /** @example name */
  field: string;
  @ApiProperty({ description: 'Value before the change: any JSON value', oneOf: ANY_JSON_VALUE, nullable: true })
  old: unknown;
  @ApiProperty({ description: 'Value after the change: any JSON value', oneOf: ANY_JSON_VALUE, nullable: true })
  new: unknown;
}

/** One changed field of an audit entry, typed for rendering: the client words `field` and option values from its locale files. */
export class AuditFieldChangeDto extends FieldChangeDto {
  /** How to show the values: `option` (a value of a fixed list), `datetime` (ISO UTC, shown in the reader's zone), `reference` (an id, or a list of ids: show `labels[id]`, or "—" when absent)... */
  @ApiProperty({ enum: CHANGE_TYPES })
  type: ChangeType;
  /** For `reference`: the kind of record the id points at. */
  @ApiProperty({ enum: REFERENCE_KINDS, required: false })
  ref?: ReferenceKind;
}

export class AuditLogResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;
  /** @example Administrator */
  actorName: string | null;
  /** create, update, delete, restore, reveal, merge, ... @example update */
  action: string;
  /** @example user */
  entityType: string;
  @ApiProperty({ format: 'uuid' })
  entityId: string;
  /** Changed fields with old and new values and their render type; phones and emails masked without the viewSensitive permission. */
  @ApiProperty({ type: [AuditFieldChangeDto] })
  changes: AuditFieldChangeDto[];
  /**
   * Display names of the ids these changes mention (people, departments, roles, pools), resolved in your
   * scope: an id of a record you may not read has no entry.
   */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { 'b1f0c3c4-0000-4000-8000-000000000001': '华东销售部' } })
  labels: Record<string, string>;
  requestId: string | null;
  createdAt: Date;
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogResponse] })
  data: AuditLogResponse[];
  nextCursor: string | null;
  /** @example 12 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

/** One entry of a record's history: who did what when, each change typed and its references named. */
export class RecordHistoryEntry {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** create, update, submit, approve, send, activate, attach, approval.* ... @example submit */
  action: string;
  /** Null for the system (jobs). @example 李雷 Li Lei */
  actorName: string | null;
  at: Date;
  @ApiProperty({ type: [AuditFieldChangeDto] })
  changes: AuditFieldChangeDto[];
  /** Names of the ids the changes reference that the reader may see (id → name). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  labels: Record<string, string>;
}

export class RecordHistoryResponse {
  /** The record's audited changes, status moves and approval steps, newest first (at most 200). */
  @ApiProperty({ type: [RecordHistoryEntry] })
  data: RecordHistoryEntry[];
}
