import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { ApiProblems } from '../http/api-problems';
import { ListSpec, paginate } from '../http/keyset';
import { maskChanges } from '../util/mask';
import { AuditLog } from './audit-log.entity';
import { AuditLogPage, AuditLogResponse, QueryAuditLogsDto } from './dto/audit-log.dto';

const LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'a.created_at', value: (a: AuditLog) => a.createdAt } },
  search: ['a.actor_name'],
  filters: { entityType: 'a.entity_type', entityId: 'a.entity_id', actorId: 'a.actor_id', action: 'a.action' },
  ranges: { createdAt: 'a.created_at' },
};

/** Phones and emails inside `changes` are masked for users without viewSensitive. */
const toAuditLogResponse = (a: AuditLog, user: AuthUser): AuditLogResponse => ({ ...a, changes: maskChanges(a.changes ?? [], user) });

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditLogsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The audit trail: who changed which fields of which record, newest first */
  @Get()
  @RequirePermission('audit', 'read')
  @ApiProblems(400, 401, 403)
  async list(@CurrentUser() user: AuthUser, @Query() query: QueryAuditLogsDto): Promise<AuditLogPage> {
    const page = await paginate(this.ds.getRepository(AuditLog).createQueryBuilder('a'), query, LIST_SPEC);
    return { ...page, data: page.data.map((a) => toAuditLogResponse(a, user)) };
  }
}
