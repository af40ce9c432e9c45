import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { BulkCreateDto, BulkCreateQueryDto, BulkCreateResponseDto } from '@core/records/bulk-create.dto';
import type { Response } from 'express';
import { ApiCsvExport } from '@core/http/api-csv';
import { csvLocale } from '@core/http/csv-export';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import { BulkActionDto, BulkResponseDto } from '@core/records/bulk.dto';
import { AccountBulkService } from './account-bulk.service';
import { AllowDuplicateQueryDto } from '@modules/dedupe/allow-duplicate.dto';
import { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import { AssignOwnerDto, ReleaseToPoolDto } from '@modules/pools/dto/ownership.dto';
import { PoolOwnershipService } from '@modules/pools/pool-ownership.service';
import {
  AccountDetailResponse,
  AccountPage,
  AccountResponse,
  CreateAccountDto,
  MergeAccountsDto,
  QueryAccountsDto,
  RevealedAccountResponse,
  UpdateAccountDto,
  ExportAccountsDto,
} from './dto/account.dto';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly bulkActions: AccountBulkService,
    private readonly accounts: AccountsService,
    private readonly ownership: PoolOwnershipService,
  ) {}

  /** List accounts in your data scope (filter, search name/phone/email, sort, keyset pages) */
  @Get()
  @RequirePermission('accounts', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryAccountsDto): Promise<AccountPage> {
    return this.accounts.list(user, query);
  }

  /** Create up to 500 accounts at once: per-record results (created id, or the status, code and field errors a single create would answer); `atomic=true`: all or nothing */
  @Post('bulk/create')
  @HttpCode(200)
  @RequirePermission('accounts', 'create')
  @ApiProblems(400, 401, 403)
  bulkCreate(@CurrentUser() user: AuthUser, @Body() body: BulkCreateDto, @Query() q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return this.accounts.bulkCreate(user, body, q);
  }

  /** Create an account; 409 DUPLICATE_FOUND with `matches` when its phone or email is already known */
  @Post()
  @RequirePermission('accounts', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAccountDto, @Query() q: AllowDuplicateQueryDto): Promise<AccountResponse> {
    return this.accounts.create(user, dto, q.allowDuplicate);
  }

  /** Download every account matching the filters you may see, as CSV (UTF-8 with BOM, masked like the screen) */
  @Get('export')
  @RequirePermission('accounts', 'export')
  @ApiCsvExport()
  exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportAccountsDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.accounts.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Run one action (assign, changeStatus, moveToPool, addTag, delete) on up to 200 accounts: one result per id (403/404/409/412 per record) */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('accounts', 'read')
  @ApiProblems(400, 401, 403)
  bulk(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto): Promise<BulkResponseDto> {
    return this.bulkActions.run(user, dto);
  }

  /** Get an account with its parent's name and its number of contacts */
  @Get(':id')
  @RequirePermission('accounts', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AccountDetailResponse> {
    return this.accounts.get(user, id);
  }

  /** Update an account (a new `ownerId` reassigns it) */
  @Patch(':id')
  @RequirePermission('accounts', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAccountDto,
    @Query() q: AllowDuplicateQueryDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<AccountResponse> {
    return this.accounts.update(user, id, dto, ifMatch, q.allowDuplicate);
  }

  /** Soft-delete an account without contacts or subsidiaries (409 otherwise) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('accounts', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.accounts.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted account (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('accounts', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AccountResponse> {
    return this.accounts.restore(user, id);
  }

  /** Merge duplicate accounts into this one; their contacts and subsidiaries move here (the duplicates are deleted: needs the delete permission) */
  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission('accounts', 'delete')
  @ApiProblems(400, 401, 403, 404, 409)
  merge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MergeAccountsDto): Promise<AccountDetailResponse> {
    return this.accounts.merge(user, id, dto);
  }

  /** Give an account to another user in your scope (its contacts held by the former owner follow) */
  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('accounts', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignOwnerDto): Promise<AccountResponse> {
    return this.ownership.assign(user, 'account', id, dto);
  }

  /** Claim an account from its pool (公海); 409 beyond the pool's claim limit, 403 for non-members */
  @Post(':id/claim')
  @HttpCode(200)
  @RequirePermission('accounts', 'update')
  @ApiProblems(401, 403, 404, 409)
  claim(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AccountResponse> {
    return this.ownership.claim(user, 'account', id);
  }

  /** Release an account back to a pool, with a reason */
  @Post(':id/release')
  @HttpCode(200)
  @RequirePermission('accounts', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  release(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReleaseToPoolDto): Promise<AccountResponse> {
    return this.ownership.release(user, 'account', id, dto);
  }

  /** Leads, contacts and accounts sharing this account's phone or email */
  @Get(':id/duplicates')
  @RequirePermission('accounts', 'read')
  @ApiProblems(401, 403, 404)
  duplicates(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DuplicateMatchDto[]> {
    return this.accounts.duplicates(user, id);
  }

  /** Show the full phone and email of an account (audited) */
  @Post(':id/reveal')
  @HttpCode(200)
  @RequirePermission('accounts', 'read')
  @ApiProblems(401, 403, 404)
  reveal(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RevealedAccountResponse> {
    return this.accounts.reveal(user, id);
  }
}
