import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { OpportunitiesService } from './opportunities.service';
import { OpportunitySummaryService } from './opportunity-summary.service';
import {
  CreateOpportunityDto,
  ExportOpportunitiesDto,
  MoveOpportunityDto,
  OpportunityPage,
  OpportunityResponse,
  OpportunitySummaryResponse,
  QueryOpportunitiesDto,
  StageHistoryResponse,
  SummaryQueryDto,
  UpdateOpportunityDto,
} from './dto/opportunity.dto';

@ApiTags('opportunities')
@ApiBearerAuth()
@Controller('opportunities')
export class OpportunitiesController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly summaries: OpportunitySummaryService,
  ) {}

  /** List opportunities in your data scope (filter by pipeline, stage, owner, close month, amount; search the name; keyset pages) */
  @Get()
  @RequirePermission('opportunities', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryOpportunitiesDto): Promise<OpportunityPage> {
    return this.opportunities.list(user, query);
  }

  /** Create an opportunity for an account you can read (stage default: the first of the pipeline) */
  @Post()
  @RequirePermission('opportunities', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOpportunityDto): Promise<OpportunityResponse> {
    return this.opportunities.create(user, dto);
  }

  /** Board totals: count, amount and weighted amount per stage and per currency (same filters and scope as the list) */
  @Get('summary')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(400, 401, 403)
  summary(@CurrentUser() user: AuthUser, @Query() query: SummaryQueryDto): Promise<OpportunitySummaryResponse> {
    return this.summaries.summary(user, query);
  }

  /** Download every opportunity matching the filters you may see, as CSV or XLSX */
  @Get('export')
  @RequirePermission('opportunities', 'export')
  @ApiCsvExport()
  exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportOpportunitiesDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.opportunities.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get an opportunity with its stage, account and contact names */
  @Get(':id')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityResponse> {
    return this.opportunities.get(user, id);
  }

  /** Update an opportunity (a new `stageId` is a stage move; `probability: null` follows the stage again) */
  @Patch(':id')
  @RequirePermission('opportunities', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOpportunityDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<OpportunityResponse> {
    return this.opportunities.update(user, id, dto, ifMatch);
  }

  /** Move to another stage of the pipeline (records stage history; a lost stage needs `lostReason`) */
  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('opportunities', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  move(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveOpportunityDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<OpportunityResponse> {
    return this.opportunities.move(user, id, dto, ifMatch);
  }

  /** Stage moves of an opportunity, newest first: from, to, when, who and the time spent in the stage left */
  @Get(':id/stage-history')
  @RequirePermission('opportunities', 'read')
  @ApiProblems(401, 403, 404)
  stageHistory(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StageHistoryResponse> {
    return this.opportunities.stageHistory(user, id);
  }

  /** Soft-delete an opportunity */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('opportunities', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.opportunities.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted opportunity (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('opportunities', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OpportunityResponse> {
    return this.opportunities.restore(user, id);
  }
}
