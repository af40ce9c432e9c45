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
import { ContactBulkService } from './contact-bulk.service';
import { AllowDuplicateQueryDto } from '@modules/dedupe/allow-duplicate.dto';
import { DuplicateMatchDto } from '@modules/dedupe/duplicate-match.dto';
import {
  ContactPage,
  ContactResponse,
  CreateContactDto,
  MergeContactsDto,
  QueryContactsDto,
  RevealedContactResponse,
  UpdateContactDto,
  ExportContactsDto,
} from './dto/contact.dto';
import { ContactsService } from './contacts.service';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly bulkActions: ContactBulkService,
  ) {}

  /** List contacts in your data scope (filter, search name/phones/email, sort, keyset pages) */
  @Get()
  @RequirePermission('contacts', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryContactsDto): Promise<ContactPage> {
    return this.contacts.list(user, query);
  }

  /** Create up to 500 contacts at once: per-record results (created id, or the status, code and field errors a single create would answer); `atomic=true`: all or nothing */
  @Post('bulk/create')
  @HttpCode(200)
  @RequirePermission('contacts', 'create')
  @ApiProblems(400, 401, 403)
  bulkCreate(@CurrentUser() user: AuthUser, @Body() body: BulkCreateDto, @Query() q: BulkCreateQueryDto): Promise<BulkCreateResponseDto> {
    return this.contacts.bulkCreate(user, body, q);
  }

  /** Create a contact at an account; 409 DUPLICATE_FOUND with `matches` when a phone or the email is already known */
  @Post()
  @RequirePermission('contacts', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateContactDto, @Query() q: AllowDuplicateQueryDto): Promise<ContactResponse> {
    return this.contacts.create(user, dto, q.allowDuplicate);
  }

  /** Download every contact matching the filters you may see, as CSV (UTF-8 with BOM, masked like the screen) */
  @Get('export')
  @RequirePermission('contacts', 'export')
  @ApiCsvExport()
  exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: ExportContactsDto,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    return this.contacts.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Run one action (assign, changeStatus, moveToPool, addTag, delete) on up to 200 contacts: one result per id (403/404/409/412 per record) */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('contacts', 'read')
  @ApiProblems(400, 401, 403)
  bulk(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto): Promise<BulkResponseDto> {
    return this.bulkActions.run(user, dto);
  }

  /** Get a contact */
  @Get(':id')
  @RequirePermission('contacts', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactResponse> {
    return this.contacts.get(user, id);
  }

  /** Update a contact (`isPrimary: true` unsets the account's previous primary contact) */
  @Patch(':id')
  @RequirePermission('contacts', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContactDto,
    @Query() q: AllowDuplicateQueryDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ContactResponse> {
    return this.contacts.update(user, id, dto, ifMatch, q.allowDuplicate);
  }

  /** Soft-delete a contact */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('contacts', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.contacts.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted contact (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('contacts', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContactResponse> {
    return this.contacts.restore(user, id);
  }

  /** Merge duplicate contacts into this one (the duplicates are deleted: needs the delete permission) */
  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission('contacts', 'delete')
  @ApiProblems(400, 401, 403, 404, 409)
  merge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MergeContactsDto): Promise<ContactResponse> {
    return this.contacts.merge(user, id, dto);
  }

  /** Leads, contacts and accounts sharing this contact's phones or email */
  @Get(':id/duplicates')
  @RequirePermission('contacts', 'read')
  @ApiProblems(401, 403, 404)
  duplicates(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DuplicateMatchDto[]> {
    return this.contacts.duplicates(user, id);
  }

  /** Show the full phones and email of a contact (audited) */
  @Post(':id/reveal')
  @HttpCode(200)
  @RequirePermission('contacts', 'read')
  @ApiProblems(401, 403, 404)
  reveal(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RevealedContactResponse> {
    return this.contacts.reveal(user, id);
  }
}
