import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { AttachmentUploadInterceptor } from '@core/files/attachment-upload.interceptor';
import { contentDisposition, UploadedFileInput } from '@core/files/attachments.service';
import { ATTACHMENT_CONTENT_TYPES } from '@core/files/file-signature';
import { AttachmentListResponse, AttachmentResponse, UploadAttachmentDto } from '@core/files/dto/attachment.dto';
import { ApiCsvExport } from '@core/http/api-csv';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import {
  ContractFromQuoteDto,
  ContractPage,
  ContractResponse,
  ContractSummaryResponse,
  CreateContractDto,
  ExportContractsDto,
  QueryContractsDto,
  TerminateContractDto,
  TransferContractDto,
  UpdateContractDto,
} from './dto/contract.dto';
import { ContractAttachments } from './contract-attachments.service';
import { ContractTransitions } from './contract-transitions.service';
import { ContractsService } from './contracts.service';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly transitions: ContractTransitions,
    private readonly files: ContractAttachments,
  ) {}

  /** List contracts in your data scope (filter by status, owner, account, end and sign date ranges; search number, title, signer) */
  @Get()
  @RequirePermission('contracts', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryContractsDto): Promise<ContractPage> {
    return this.contracts.list(user, query);
  }

  /**
   * Create a draft contract; the number comes from the contract sequence. With lines, the amount is their
   * grand total computed by the server exactly as on quotes; without lines, `amount` is required
   */
  @Post()
  @RequirePermission('contracts', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateContractDto): Promise<ContractResponse> {
    return this.contracts.create(user, dto);
  }

  /** Download the contracts matching the filters you may see, as CSV (UTF-8 with BOM) or XLSX */
  @Get('export')
  @RequirePermission('contracts', 'export')
  @ApiCsvExport()
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportContractsDto, @Res() res: Response, @Headers('accept-language') acceptLanguage?: string): Promise<void> {
    return this.contracts.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a contract with its lines, totals and the amount in Chinese capitals (大写, CNY) */
  @Get(':id')
  @RequirePermission('contracts', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContractResponse> {
    return this.contracts.get(user, id);
  }

  /** The contract's history (timeline): audited changes, status moves, approval steps and attachments, newest first */
  @Get(':id/history')
  @RequirePermission('contracts', 'read')
  @ApiProblems(401, 403, 404)
  history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RecordHistoryResponse> {
    return this.contracts.history(user, id);
  }

  /** Change a draft contract (other statuses: 409 CONTRACT_READ_ONLY; waiting for approval: 409 APPROVAL_PENDING; stale version: 412) */
  @Patch(':id')
  @RequirePermission('contracts', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateContractDto, @IfMatchVersion() ifMatch?: number): Promise<ContractResponse> {
    return this.contracts.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a draft contract (409 otherwise) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('contracts', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.contracts.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted contract (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('contracts', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ContractSummaryResponse> {
    return this.contracts.restore(user, id);
  }

  /**
   * Submit a draft: when an approval flow matches (by default: amount ≥ 500,000) it waits for approval
   * (`pending_approval`, locked), otherwise it is `active` (signed) at once and `contract.signed` is emitted.
   * Another status: 409 CONTRACT_ILLEGAL_TRANSITION with `allowed`; amount 0: 422 CONTRACT_NO_AMOUNT
   */
  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('contracts', 'update')
  @ApiProblems(401, 403, 404, 409, 412, 422)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<ContractResponse> {
    return this.transitions.submit(user, id, ifMatch);
  }

  /**
   * Hand the contract to another owner, in any status (a signed contract too): one `assign` audit entry and
   * `record.ownerChanged`, so its open installments and their overdue reminders follow the new owner at once.
   * 403 OWNER_OUT_OF_SCOPE for an owner outside your contracts scope
   */
  @Post(':id/transfer')
  @HttpCode(200)
  @RequirePermission('contracts', 'update')
  @ApiProblems(400, 401, 403, 404, 412)
  transfer(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TransferContractDto, @IfMatchVersion() ifMatch?: number): Promise<ContractResponse> {
    return this.contracts.transfer(user, id, dto, ifMatch);
  }

  /** End an active contract early (409 with `allowed` otherwise) */
  @Post(':id/terminate')
  @HttpCode(200)
  @RequirePermission('contracts', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  terminate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TerminateContractDto, @IfMatchVersion() ifMatch?: number): Promise<ContractResponse> {
    return this.transitions.terminate(user, id, dto.reason, ifMatch);
  }

  /** The contract's attachments, newest first */
  @Get(':id/attachments')
  @RequirePermission('contracts', 'read')
  @ApiProblems(401, 403, 404)
  attachments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AttachmentListResponse> {
    return this.files.list(user, id);
  }

  /**
   * Attach a file (multipart part `file`): pdf, png, jpeg, docx, xlsx or doc, recognised by its first bytes
   * (415 FILE_TYPE_NOT_ALLOWED otherwise), at most FILES_MAX_BYTES (413 FILE_TOO_LARGE)
   */
  @Post(':id/attachments')
  @RequirePermission('contracts', 'update')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiProblems(400, 401, 403, 404, 413, 415)
  attach(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<AttachmentResponse> {
    return this.files.add(user, id, (req as Request & { file?: UploadedFileInput }).file);
  }

  /** Download an attachment of the contract (its bytes, with its UTF-8 file name in Content-Disposition) */
  @Get(':id/attachments/:attachmentId')
  @RequirePermission('contracts', 'read')
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiResponse({ status: 200, description: 'The file, in the type its first bytes showed on upload', content: Object.fromEntries(ATTACHMENT_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(401, 403, 404)
  async download(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string): Promise<StreamableFile> {
    const { attachment, body, length } = await this.files.read(user, id, attachmentId);
    return new StreamableFile(body, { type: attachment.contentType, disposition: contentDisposition(attachment.fileName), length });
  }

  /** Remove an attachment of the contract */
  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @RequirePermission('contracts', 'update')
  @ApiProblems(401, 403, 404)
  detach(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string): Promise<void> {
    return this.files.remove(user, id, attachmentId);
  }
}

/** Contracts made from quotes: lives in the contracts module (contracts → quotes, never the reverse). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('quotes')
export class QuoteContractController {
  constructor(private readonly contracts: ContractsService) {}

  /**
   * Create a draft contract from an accepted quote: account, opportunity, currency, lines and amount are
   * copied. Another status: 409 CONTRACT_QUOTE_NOT_ACCEPTED; the quote already has a contract: 409 CONTRACT_QUOTE_TAKEN
   */
  @Post(':id/contract')
  @RequirePermission('contracts', 'create')
  @ApiProblems(400, 401, 403, 404, 409)
  fromQuote(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ContractFromQuoteDto): Promise<ContractResponse> {
    return this.contracts.createFromQuote(user, id, dto);
  }
}
