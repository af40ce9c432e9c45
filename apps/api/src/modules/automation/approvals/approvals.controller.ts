import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { ApprovalActions } from './approval-actions.service';
import { ApprovalQueries } from './approval-queries.service';
import { DelegationsService } from './delegations.service';
import {
  ApprovalCountsResponse,
  ApprovalDetailResponse,
  ApprovalPage,
  CommentApprovalDto,
  CreateDelegationDto,
  DecideApprovalDto,
  DelegationList,
  DelegationResponse,
  QueryApprovalsDto,
  RecordApprovalResponse,
  TransferApprovalDto,
} from './dto/approval.dto';

/**
 * Every signed-in user's approvals (no module permission: anyone may submit, approve or delegate).
 * An approval is visible to its people only (submitter, approvers, delegates): others get 404.
 */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly queries: ApprovalQueries,
    private readonly actions: ApprovalActions,
    private readonly delegations: DelegationsService,
  ) {}

  /** My approvals: `box=pending` (waiting for me), `done` (decided by me), `submitted` (mine) */
  @Get()
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryApprovalsDto): Promise<ApprovalPage> {
    return this.queries.list(user, query);
  }

  /** How many approvals wait for me (the top bar's badge) */
  @Get('counts')
  @ApiProblems(401)
  counts(@CurrentUser() user: AuthUser): Promise<ApprovalCountsResponse> {
    return this.queries.counts(user);
  }

  /** My delegations (given, not ended) and those given to me */
  @Get('delegations')
  @ApiProblems(401)
  async listDelegations(@CurrentUser() user: AuthUser): Promise<DelegationList> {
    return { data: await this.delegations.list(user) };
  }

  /** Let a colleague act on my approvals from `startsAt` to `endsAt` */
  @Post('delegations')
  @ApiProblems(400, 401)
  createDelegation(@CurrentUser() user: AuthUser, @Body() dto: CreateDelegationDto): Promise<DelegationResponse> {
    return this.delegations.create(user, dto);
  }

  /** End one of my delegations */
  @Delete('delegations/:id')
  @HttpCode(204)
  @ApiProblems(401, 404)
  removeDelegation(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.delegations.remove(user, id);
  }

  /** The latest approval of a record that I take part in (the panel on the record's page), or null */
  @Get('records/:kind/:recordId')
  @ApiProblems(400, 401)
  async forRecord(
    @CurrentUser() user: AuthUser,
    @Param('kind') kind: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ): Promise<RecordApprovalResponse> {
    return { approval: await this.queries.forRecord(user, kind, recordId) };
  }

  /** An approval with its steps, approvers and history */
  @Get(':id')
  @ApiProblems(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApprovalDetailResponse> {
    return this.queries.detail(user, id);
  }

  /** Approve the current step (as its approver or their delegate); 409 when decided or not yours */
  @Post(':id/approve')
  @HttpCode(200)
  @ApiProblems(400, 401, 404, 409)
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideApprovalDto): Promise<ApprovalDetailResponse> {
    return this.actions.approve(user, id, dto.comment);
  }

  /** Reject (a comment is required): the record goes back to its owner's module; 409 when decided or not yours */
  @Post(':id/reject')
  @HttpCode(200)
  @ApiProblems(400, 401, 404, 409)
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideApprovalDto): Promise<ApprovalDetailResponse> {
    return this.actions.reject(user, id, dto.comment);
  }

  /** Hand my part of the current step to another user */
  @Post(':id/transfer')
  @HttpCode(200)
  @ApiProblems(400, 401, 404, 409)
  transfer(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TransferApprovalDto): Promise<ApprovalDetailResponse> {
    return this.actions.transfer(user, id, dto.toUserId, dto.comment);
  }

  /** Add a comment to the history (any of the approval's people) */
  @Post(':id/comments')
  @HttpCode(200)
  @ApiProblems(400, 401, 404)
  comment(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CommentApprovalDto): Promise<ApprovalDetailResponse> {
    return this.actions.comment(user, id, dto.comment);
  }
}
