import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission, RequireSpecial } from '@core/auth/decorators';
import { ApiCsvExport } from '@core/http/api-csv';
import { RecordHistoryResponse } from '@core/audit/dto/audit-log.dto';
import { ApiProblems } from '@core/http/api-problems';
import { csvLocale } from '@core/http/csv-export';
import { currentLocale } from '@core/context/request-context';
import { CreateQuoteDto, ExportQuotesDto, QueryQuotesDto, QuotePage, QuotePdfQueryDto, QuoteResponse, QuoteSummaryResponse, QuoteVersionsResponse, UpdateQuoteDto } from './dto/quote.dto';
import { QuotePdfService } from './quote-pdf.service';
import { QuoteTransitions } from './quote-transitions.service';
import { QuotesService } from './quotes.service';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(
    private readonly quotes: QuotesService,
    private readonly transitions: QuoteTransitions,
    private readonly pdf: QuotePdfService,
  ) {}

  /** List quotes in your data scope, the latest revision of each number (filter by status, account, owner; search number and title) */
  @Get()
  @RequirePermission('quotes', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryQuotesDto): Promise<QuotePage> {
    return this.quotes.list(user, query);
  }

  /**
   * Create a draft quote; the number comes from the quote sequence and every total is computed by the server
   * (lines: round(qty × price × (1 − disc%)) half-up to cents; tax per line on its share after the quote discount;
   * totals sent by clients are ignored)
   */
  @Post()
  @RequirePermission('quotes', 'create')
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateQuoteDto): Promise<QuoteResponse> {
    return this.quotes.create(user, dto);
  }

  /** Download the quotes matching the filters you may see, as CSV (UTF-8 with BOM) or XLSX */
  @Get('export')
  @RequirePermission('quotes', 'export')
  @ApiCsvExport()
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportQuotesDto, @Res() res: Response, @Headers('accept-language') acceptLanguage?: string): Promise<void> {
    return this.quotes.exportCsv(user, query, res, csvLocale(query.lang, acceptLanguage));
  }

  /** Get a quote with its lines, group subtotals, totals and the total in Chinese capitals (大写, CNY) */
  @Get(':id')
  @RequirePermission('quotes', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<QuoteResponse> {
    return this.quotes.get(user, id);
  }

  /** Every revision of this quote's number you may read, newest first */
  @Get(':id/versions')
  @RequirePermission('quotes', 'read')
  @ApiProblems(401, 403, 404)
  versions(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<QuoteVersionsResponse> {
    return this.quotes.versions(user, id);
  }

  /** The quote's history (timeline): audited changes, status moves and approval steps, newest first */
  @Get(':id/history')
  @RequirePermission('quotes', 'read')
  @ApiProblems(401, 403, 404)
  history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RecordHistoryResponse> {
    return this.quotes.history(user, id);
  }

  /** The quote as a PDF (company header, lines, totals, 大写金额 for CNY) in zh-CN or en-US (default: your request's language) */
  @Get(':id/pdf')
  @RequirePermission('quotes', 'read')
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'The PDF document', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 403, 404)
  async pdfFile(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: QuotePdfQueryDto): Promise<StreamableFile> {
    const quote = await this.quotes.get(user, id);
    const body = await this.pdf.render(quote, query.lang ?? currentLocale());
    const name = `${quote.number}${quote.revision > 1 ? `-v${quote.revision}` : ''}.pdf`;
    return new StreamableFile(body, { type: 'application/pdf', disposition: `attachment; filename="${name}"`, length: body.length });
  }

  /** Change a draft or rejected quote (other statuses and superseded revisions: 409 QUOTE_READ_ONLY; stale version: 412) */
  @Patch(':id')
  @RequirePermission('quotes', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateQuoteDto, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.quotes.update(user, id, dto, ifMatch);
  }

  /** Soft-delete a draft or rejected quote (409 otherwise) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('quotes', 'delete')
  @ApiProblems(401, 403, 404, 409, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.quotes.remove(user, id, ifMatch);
  }

  /** Restore a soft-deleted quote (admins) */
  @Post(':id/restore')
  @HttpCode(200)
  @RequireSpecial('restore')
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404)
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<QuoteSummaryResponse> {
    return this.quotes.restore(user, id);
  }

  /**
   * Submit a draft (or rejected) quote: when an approval flow matches (by default: largest line discount or
   * total discount above 10 %) it waits for approval (`pending_approval`), otherwise it is `approved` at once.
   * Another status: 409 QUOTE_ILLEGAL_TRANSITION with `allowed`; no lines: 422 QUOTE_NO_LINES
   */
  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404, 409, 412, 422)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.transitions.act(user, id, 'submit', ifMatch);
  }

  /** Mark an approved quote as sent to the customer (409 with `allowed` otherwise) */
  @Post(':id/send')
  @HttpCode(200)
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404, 409, 412)
  send(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.transitions.act(user, id, 'send', ifMatch);
  }

  /** The customer accepted a sent quote (409 with `allowed` otherwise) */
  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404, 409, 412)
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.transitions.act(user, id, 'accept', ifMatch);
  }

  /** The customer declined a sent quote (409 with `allowed` otherwise) */
  @Post(':id/decline')
  @HttpCode(200)
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404, 409, 412)
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.transitions.act(user, id, 'decline', ifMatch);
  }

  /** Revise a sent, declined or expired quote: a new draft revision n+1 with the same number; this one becomes read-only */
  @Post(':id/revise')
  @HttpCode(201)
  @RequirePermission('quotes', 'update')
  @ApiProblems(401, 403, 404, 409, 412)
  revise(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<QuoteResponse> {
    return this.transitions.revise(user, id, ifMatch);
  }
}
