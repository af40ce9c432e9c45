import { IsDateTime } from '@core/http/validators';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../http/list-query.dto';

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
  @ApiProperty({ type: [FieldChangeDto] })
  changes: FieldChangeDto[];
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
