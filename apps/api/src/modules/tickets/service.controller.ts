import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateReturnVisitDto,
  CreateServiceRecordDto,
  QueryReturnVisitsDto,
  QueryServiceRecordsDto,
  ReturnVisitPage,
  ReturnVisitResponse,
  ServiceRecordPage,
  ServiceRecordResponse,
  UpdateReturnVisitDto,
  UpdateServiceRecordDto,
} from './dto/service.dto';
import { ReturnVisitsService } from './return-visits.service';
import { ServiceRecordsService } from './service-records.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('return-visits')
export class ReturnVisitsController {
  constructor(private readonly visits: ReturnVisitsService) {}

  /** Return visits in your data scope (by planned date; `dueMine=true`: your planned visits due today or earlier) */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryReturnVisitsDto): Promise<ReturnVisitPage> {
    return this.visits.list(user, query);
  }

  /** Plan a return visit */
  @Post()
  @RequirePermission('tickets', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateReturnVisitDto): Promise<ReturnVisitResponse> {
    return this.visits.create(user, dto);
  }

  /** Get a return visit */
  @Get(':id')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReturnVisitResponse> {
    return this.visits.get(user, id);
  }

  /** Change a return visit; record its outcome and satisfaction (status `done`); a link you cannot read: 422 */
  @Patch(':id')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 412, 422)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateReturnVisitDto, @IfMatchVersion() ifMatch?: number): Promise<ReturnVisitResponse> {
    return this.visits.update(user, id, dto, ifMatch);
  }

  /** Delete a return visit */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.visits.remove(user, id, ifMatch);
  }
}

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('service-records')
export class ServiceRecordsController {
  constructor(private readonly records: ServiceRecordsService) {}

  /** Warranty records in your data scope (`underWarranty` true/false; search serial number, product) */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryServiceRecordsDto): Promise<ServiceRecordPage> {
    return this.records.list(user, query);
  }

  /** Record a unit sold: serial number (unique), product, purchase date, warranty end, service history */
  @Post()
  @RequirePermission('tickets', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateServiceRecordDto): Promise<ServiceRecordResponse> {
    return this.records.create(user, dto);
  }

  /** Get a warranty record (whether it is under warranty today) */
  @Get(':id')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ServiceRecordResponse> {
    return this.records.get(user, id);
  }

  /** Change a warranty record (history replaces the list when given); an account you cannot read: 422 */
  @Patch(':id')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412, 422)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateServiceRecordDto, @IfMatchVersion() ifMatch?: number): Promise<ServiceRecordResponse> {
    return this.records.update(user, id, dto, ifMatch);
  }

  /** Delete a warranty record */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.records.remove(user, id, ifMatch);
  }
}
