import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { AccountPage, QueryAccountsDto } from './dto/account.dto';
import { AccountPoolKind } from './account-pool-kind';

@ApiTags('pools')
@ApiBearerAuth()
@Controller('pools')
export class PoolAccountsController {
  constructor(private readonly pooled: AccountPoolKind) {}

  /** List the ownerless accounts waiting in a pool you can browse */
  @Get(':id/accounts')
  @RequirePermission('accounts', 'read')
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: QueryAccountsDto): Promise<AccountPage> {
    return this.pooled.listPool(user, id, query);
  }
}
