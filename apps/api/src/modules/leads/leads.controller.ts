import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import type { Response } from 'express';
import { csvLocale } from '@core/http/csv-export';
import { ApiCsvExport } from '@core/http/api-csv';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { LeadBulkService } from './lead-bulk.service';
import { AllowDuplicateQueryDto } from '@modules/dedupe/allow-duplicate.dto';
import { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { AssignOwnerDto, ReleaseToPoolDto } from '@modules/pools/dto/ownership.dto';
import { PoolOwnershipService } from '@modules/pools/pool-ownership.service';
import {
  CreateLeadDto,
  CreateLeadQueryDto,
  ExportLeadsDto,
  LeadPage,
  LeadResponse,
  MergeDto,
  QueryLeadsDto,
  RevealedLeadResponse,
  UpdateLeadDto,
} from './dto/lead.dto';
import { LeadConversionService } from './lead-conversion.service';
import { ConvertLeadDto, ConvertLeadResponse } from './dto/convert-lead.dto';
import { LeadsService } from './leads.service';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly bulkActions: LeadBulkService,
    private readonly leads: LeadsService,
    private readonly ownership: PoolOwnershipService,
    private readonly conversion: LeadConversionService,
  ) {}

  /** List leads in your data scope (filter, search by name/phone/email, sort, keyset pages) */
  @Get()
  @RequirePermission('leads', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryLeadsDto): Promise<LeadPage> {
    return this.leads.list(user, query);
  }

  /** Create up to 500 leads at once: per-record results (created id, or the status, code and field errors a single create would answer); `atomic=true`: all or nothing */
  @Post('bulk/create')
  @HttpCode(200)
  @RequirePermission('leads', 'create')
  @ApiProblems(400, 401, 403)
  bulkCreate(@CurrentUser() user: AuthUser, @Body() body: BulkCreateDto, @Query() q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return this.leads.bulkCreate(user, body, q);
  }

  /** Create a lead; 409 with the matches when its phone or email already exists */
  @Post()
  @RequirePermission('leads', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateLeadDto, @Query() opts: CreateLeadQueryDto): Promise<LeadResponse> {
    return this.leads.create(user, dto, opts);
  }

  /** Download every lead matching the filters you may see, as CSV (UTF-8 with BOM, masked like the screen) */
  @Get('export')
  @RequirePermission('leads', 'export')
  @ApiCsvExport()
  exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportLeadsDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.leads.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Run one action (assign, changeStatus, moveToPool, addTag, delete) on up to 200 leads: one result per id (403/404/409/412 per record) */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('leads', 'read')
  @ApiProblems(400, 401, 403)
  bulk(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto): Promise<BulkResponseDto> {
    return this.bulkActions.run(user, dto);
  }

  /** Get a lead */
  @Get(':id')
  @RequirePermission('leads', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadResponse> {
    return this.leads.get(user, id);
  }

  /** Update a lead (converted leads are read-only) */
  @Patch(':id')
  @RequirePermission('leads', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateLeadDto,
    @Query() opts: AllowDuplicateQueryDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<LeadResponse> {
    return this.leads.update(user, id, dto, ifMatch, opts);
  }

  /** Soft-delete a lead; 409 APPROVAL_PENDING while it waits for an approval */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('leads', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.leads.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted lead (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('leads', 'update')
  @ApiProblems(401, 403, 404, 409)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadResponse> {
    return this.leads.restore(user, id);
  }

  /** Give a lead to another user in your scope */
  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('leads', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignOwnerDto): Promise<LeadResponse> {
    return this.ownership.assign(user, 'lead', id, dto);
  }

  /** Claim a lead from a pool you belong to (409 over the pool's claim limit) */
  @Post(':id/claim')
  @HttpCode(200)
  @RequirePermission('leads', 'update')
  @ApiProblems(401, 403, 404, 409)
  claim(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<LeadResponse> {
    return this.ownership.claim(user, 'lead', id);
  }

  /** Give a lead back to a pool, with a reason */
  @Post(':id/release')
  @HttpCode(200)
  @RequirePermission('leads', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  release(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReleaseToPoolDto): Promise<LeadResponse> {
    return this.ownership.release(user, 'lead', id, dto);
  }

  /** Leads, contacts and accounts sharing this lead's phone or email */
  @Get(':id/duplicates')
  @RequirePermission('leads', 'read')
  @ApiProblems(401, 403, 404)
  duplicates(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DuplicateMatchDto[]> {
    return this.leads.duplicates(user, id);
  }

  /** Merge duplicate leads into this one (the duplicates are deleted: needs the delete permission) */
  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission('leads', 'delete')
  @ApiProblems(400, 401, 403, 404, 409)
  merge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MergeDto): Promise<LeadResponse> {
    return this.leads.merge(user, id, dto);
  }

  /** Convert the lead into an account (new or existing) and a contact, in one transaction */
  @Post(':id/convert')
  @HttpCode(200)
  @RequirePermission('leads', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  convert(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConvertLeadDto,
    @Query() opts: AllowDuplicateQueryDto,
  ): Promise<ConvertLeadResponse> {
    // `?allowDuplicate=true` as on every other endpoint; the body field of the first version still works
    return this.conversion.convert(user, id, { ...dto, allowDuplicate: opts.allowDuplicate || dto.allowDuplicate });
  }

  /** Show the full phone and email (audited) */
  @Post(':id/reveal')
  @HttpCode(200)
  @RequirePermission('leads', 'read')
  @ApiProblems(401, 403, 404)
  reveal(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RevealedLeadResponse> {
    return this.leads.reveal(user, id);
  }
}

@ApiTags('pools')
@ApiBearerAuth()
@Controller('pools')
export class PoolLeadsController {
  constructor(private readonly leads: LeadsService) {}

  /** Leads waiting in a pool, to claim */
  @Get(':id/leads')
  @RequirePermission('leads', 'read')
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: QueryLeadsDto): Promise<LeadPage> {
    return this.leads.listPool(user, id, query);
  }
}
