import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { CampaignsService } from './campaigns.service';
import {
  CampaignDetailResponse,
  CampaignPage,
  CampaignResponse,
  CampaignSegmentResponse,
  CampaignStatsResponse,
  CreateCampaignDto,
  ExportCampaignsDto,
  QueryCampaignsDto,
  SegmentQueryDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  /** List campaigns in your data scope (filter by type, status, owner, start date; search the name; keyset pages) */
  @Get()
  @RequirePermission('campaigns', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryCampaignsDto): Promise<CampaignPage> {
    return this.campaigns.list(user, query);
  }

  /** Create a campaign (owner default: you; end date not before the start) */
  @Post()
  @RequirePermission('campaigns', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto): Promise<CampaignResponse> {
    return this.campaigns.create(user, dto);
  }

  /** Download every campaign matching the filters you may see, as CSV or XLSX */
  @Get('export')
  @RequirePermission('campaigns', 'export')
  @ApiCsvExport()
  exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportCampaignsDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.campaigns.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a campaign with its stats: leads, converted leads, opportunities, won amount, ROI, cost per lead */
  @Get(':id')
  @RequirePermission('campaigns', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignDetailResponse> {
    return this.campaigns.get(user, id);
  }

  /** A campaign's stats alone (ROI = (won amount − actual cost) / actual cost; null without a cost) */
  @Get(':id/stats')
  @RequirePermission('campaigns', 'read')
  @ApiProblems(401, 403, 404)
  stats(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignStatsResponse> {
    return this.campaigns.statsOf(user, id);
  }

  /** The target segment now: how many contacts or accounts in your data scope match, and the first page of them */
  @Get(':id/segment')
  @RequirePermission('campaigns', 'read')
  @ApiProblems(400, 401, 403, 404)
  segment(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: SegmentQueryDto): Promise<CampaignSegmentResponse> {
    return this.campaigns.segment(user, id, query);
  }

  /** Update a campaign */
  @Patch(':id')
  @RequirePermission('campaigns', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCampaignDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<CampaignResponse> {
    return this.campaigns.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a campaign (its leads and opportunities keep the link, for a restore) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('campaigns', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.campaigns.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted campaign (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('campaigns', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return this.campaigns.restore(user, id);
  }
}
