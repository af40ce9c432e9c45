import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { ApprovalFlowsService } from './approval-flows.service';
import {
  ApprovalFlowPage,
  ApprovalFlowResponse,
  ApprovalKindResponse,
  CreateApprovalFlowDto,
  QueryApprovalFlowsDto,
  UpdateApprovalFlowDto,
} from './dto/approval-flow.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-flows')
export class ApprovalFlowsController {
  constructor(private readonly flows: ApprovalFlowsService) {}

  /** List approval flows (administrators: settings) */
  @Get()
  @RequirePermission('settings', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryApprovalFlowsDto): Promise<ApprovalFlowPage> {
    return this.flows.list(user, query);
  }

  /** Record kinds that ask for approvals, with their triggers and the fields conditions may test */
  @Get('kinds')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403)
  kinds(): ApprovalKindResponse[] {
    return this.flows.listKinds();
  }

  /** Create an approval flow for a record kind and trigger: a condition and ordered steps of approvers */
  @Post()
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApprovalFlowDto): Promise<ApprovalFlowResponse> {
    return this.flows.create(user, dto);
  }

  /** Get an approval flow */
  @Get(':id')
  @RequirePermission('settings', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApprovalFlowResponse> {
    return this.flows.get(user, id);
  }

  /** Update an approval flow (running approvals keep the steps they started with) */
  @Patch(':id')
  @RequirePermission('settings', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApprovalFlowDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ApprovalFlowResponse> {
    return this.flows.update(user, id, dto, ifMatch);
  }

  /** Delete an approval flow */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('settings', 'update')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.flows.remove(user, id, ifMatch);
  }
}
