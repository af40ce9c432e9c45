import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { ApiProblems } from '../http/api-problems';
import { AuditService } from './audit.service';
import { AuditLogPage, QueryAuditLogsDto } from './dto/audit-log.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly audit: AuditService) {}

  /**
   * The audit trail: who changed which fields of which record, newest first. Only entries of records the
   * reader may read (the record's module grant and scope, narrowed by the audit grant's scope); phones
   * and emails masked without viewSensitive
   */
  @Get()
  @RequirePermission('audit', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryAuditLogsDto): Promise<AuditLogPage> {
    return this.audit.list(user, query);
  }
}
