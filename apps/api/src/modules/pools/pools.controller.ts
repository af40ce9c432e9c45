import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { CreatePoolDto, PoolPage, PoolResponse, QueryPoolsDto, ReturnStaleResponse, UpdatePoolDto } from './dto/pool.dto';
import { PoolReturnService } from './pool-return.service';
import { PoolsService } from './pools.service';

@ApiTags('pools')
@ApiBearerAuth()
@Controller('pools')
export class PoolsController {
  constructor(
    private readonly pools: PoolsService,
    private readonly returns: PoolReturnService,
  ) {}

  /** List the pools you belong to or manage */
  @Get()
  @RequirePermission('pools', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryPoolsDto): Promise<PoolPage> {
    return this.pools.list(user, query);
  }

  /** Create a pool */
  @Post()
  @RequirePermission('pools', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePoolDto): Promise<PoolResponse> {
    return this.pools.create(user, dto);
  }

  /** Return stale records of the pools you manage to them now (the nightly job does it for all pools) */
  @Post('return-stale')
  @HttpCode(200)
  @RequirePermission('pools', 'update')
  @ApiProblems(401, 403)
  async returnStale(@CurrentUser() user: AuthUser): Promise<ReturnStaleResponse> {
    return { returned: await this.returns.returnStale(new Date(), user) };
  }

  /** Get a pool */
  @Get(':id')
  @RequirePermission('pools', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PoolResponse> {
    return this.pools.get(user, id);
  }

  /** Change a pool's settings or members */
  @Patch(':id')
  @RequirePermission('pools', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePoolDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<PoolResponse> {
    return this.pools.update(user, id, dto, ifMatch);
  }

  /** Soft-delete an empty pool */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('pools', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.pools.remove(user, id, ifMatch);
  }
}
