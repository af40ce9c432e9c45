import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { SalesTargetsService } from './sales-targets.service';
import { CreateSalesTargetDto, QuerySalesTargetsDto, SalesTargetPage, SalesTargetResponse, UpdateSalesTargetDto } from './dto/sales-target.dto';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('sales-targets')
export class SalesTargetsController {
  constructor(private readonly targets: SalesTargetsService) {}

  /** List sales targets in your analytics scope with their attainment (filter by period, user, department) */
  @Get()
  @RequirePermission('analytics', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() q: QuerySalesTargetsDto): Promise<SalesTargetPage> {
    return this.targets.list(user, q);
  }

  /** Set a user's or a department's target for a month (409 when one exists) */
  @Post()
  @RequirePermission('analytics', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSalesTargetDto): Promise<SalesTargetResponse> {
    return this.targets.create(user, dto);
  }

  /** Get a sales target with its attainment */
  @Get(':id')
  @RequirePermission('analytics', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SalesTargetResponse> {
    return this.targets.get(user, id);
  }

  /** Change a target's amount */
  @Patch(':id')
  @RequirePermission('analytics', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSalesTargetDto, @IfMatchVersion() ifMatch?: number): Promise<SalesTargetResponse> {
    return this.targets.update(user, id, dto, ifMatch);
  }

  /** Delete a target */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('analytics', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.targets.remove(user, id, ifMatch);
  }
}
