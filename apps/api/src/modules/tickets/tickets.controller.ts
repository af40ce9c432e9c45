import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import {
  AssignTicketDto,
  CreateTicketCommentDto,
  CreateTicketDto,
  ExportTicketsDto,
  QueryTicketsDto,
  TicketCommentList,
  TicketCommentResponse,
  TicketPage,
  TicketResponse,
  TicketStatusDto,
  TicketSummaryResponse,
  UpdateTicketDto,
} from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /** List tickets in your data scope, or a queue (mine, team, unassigned, breaching, breached); sort `slaNextDueAt` for the most urgent first */
  @Get()
  @RequirePermission('tickets', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryTicketsDto): Promise<TicketPage> {
    return this.tickets.list(user, query);
  }

  /**
   * Open a ticket: numbered (TICKET_NUMBER_FORMAT), assigned to the named agent or round-robin in the team
   * (the active agent with the fewest active tickets), with SLA due times from the policy of its priority
   */
  @Post()
  @RequirePermission('tickets', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketDto): Promise<TicketResponse> {
    return this.tickets.create(user, dto);
  }

  /** Download the tickets matching the filters you may see, as CSV or XLSX */
  @Get('export')
  @RequirePermission('tickets', 'export')
  @ApiCsvExport()
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportTicketsDto, @Res() res: Response, @Headers('accept-language') acceptLanguage?: string): Promise<void> {
    return this.tickets.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a ticket with its SLA state, warranty, survey result */
  @Get(':id')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TicketResponse> {
    return this.tickets.get(user, id);
  }

  /** The ticket's timeline (audited changes, status moves, replies, SLA breaches), newest first */
  @Get(':id/history')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RecordHistoryResponse> {
    return this.tickets.history(user, id);
  }

  /**
   * Change a ticket (a new priority or account re-targets its SLA; closed: 409; stale version: 412). A new
   * team whose agents do not include the assignee hands the ticket to its least-loaded agent (round-robin;
   * unassigned when the team assigns by hand). A link to a record you cannot read: 422 on the field.
   */
  @Patch(':id')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412, 422)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTicketDto, @IfMatchVersion() ifMatch?: number): Promise<TicketResponse> {
    return this.tickets.update(user, id, dto, ifMatch);
  }

  /** Reassign the ticket by hand */
  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignTicketDto, @IfMatchVersion() ifMatch?: number): Promise<TicketResponse> {
    return this.tickets.assign(user, id, dto.assigneeId, ifMatch);
  }

  /** Move the ticket to another status (409 TICKET_ILLEGAL_TRANSITION with `allowed`); resolving issues the survey token */
  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  setStatus(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TicketStatusDto, @IfMatchVersion() ifMatch?: number): Promise<TicketResponse> {
    return this.tickets.setStatus(user, id, dto.status, ifMatch ?? dto.version);
  }

  /** The conversation: public replies (both sides) and internal notes, oldest first */
  @Get(':id/comments')
  @RequirePermission('tickets', 'read')
  @ApiProblems(401, 403, 404)
  comments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TicketCommentList> {
    return this.tickets.comments(user, id);
  }

  /** Reply publicly (the first one records the first response) or add an internal note */
  @Post(':id/comments')
  @RequirePermission('tickets', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  comment(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateTicketCommentDto): Promise<TicketCommentResponse> {
    return this.tickets.comment(user, id, dto);
  }

  /** Soft-delete a ticket */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tickets', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.tickets.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted ticket (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('tickets', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TicketSummaryResponse> {
    return this.tickets.restore(user, id);
  }
}
