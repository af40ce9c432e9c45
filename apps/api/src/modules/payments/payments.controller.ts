import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiCsvExport } from '@core/http/api-csv';
import { csvLocale, exportFormat, streamExport } from '@core/http/csv-export';
import { INVOICE_FIELDS, PAYMENT_FIELDS } from './finance-export';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  CreateInvoiceDto,
  InvoicePage,
  InvoiceResponse,
  InvoiceTitleResponse,
  IssueInvoiceDto,
  QueryInvoicesDto,
  VoidInvoiceDto,
  RedLetterInvoiceDto,
  ExportInvoicesDto,
} from './dto/invoices.dto';
import {
  CreatePaymentDto,
  CreatePaymentPlanDto,
  InstallmentPage,
  InstallmentResponse,
  PaymentPage,
  PaymentResponse,
  QueryInstallmentsDto,
  QueryPaymentsDto,
  ReversePaymentDto,
  ExportPaymentsDto,
} from './dto/payments.dto';
import {
  ContractFinanceResponse,
  InstallmentListResponse,
  QueryReceivablesDto,
  ReceivablePage,
} from './dto/receivables.dto';
import { InvoicesService } from './invoices.service';
import { PaymentPlansService } from './payment-plans.service';
import { PaymentsService } from './payments.service';
import { ReceivablesService } from './receivables.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payment-plans')
export class PaymentPlansController {
  constructor(private readonly plans: PaymentPlansService) {}

  /** Installments of payment plans (回款计划) of the contracts in your finance scope, by due date (filter by contract, status, owner, due date range: overdue and due-this-week lists) */
  @Get()
  @RequirePermission('payments', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryInstallmentsDto): Promise<InstallmentPage> {
    return this.plans.list(user, query);
  }

  /** One installment */
  @Get(':id')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<InstallmentResponse> {
    return this.plans.get(user, id);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('contracts')
export class ContractFinanceController {
  constructor(
    private readonly plans: PaymentPlansService,
    private readonly receivables: ReceivablesService,
  ) {}

  /**
   * Set (replace) the payment plan of a signed contract: installments as amounts or percentages that add up
   * to the contract amount exactly (422 PAYMENT_PLAN_SUM_MISMATCH with `difference`); 409 once it has received money
   */
  @Post(':id/payment-plans')
  @RequirePermission('payments', 'create')
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreatePaymentPlanDto,
  ): Promise<InstallmentListResponse> {
    return this.plans.create(user, id, dto).then((data) => ({ data }));
  }

  /** The contract's payment plan */
  @Get(':id/payment-plans')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404)
  async plan(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InstallmentListResponse> {
    return { data: await this.plans.forContract(user, id) };
  }

  /** The contract's finance tab: balance (receivable), plan, payments and invoices */
  @Get(':id/finance')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404, 422)
  finance(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ContractFinanceResponse> {
    return this.receivables.contractFinance(user, id);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Payments (回款记录) of the contracts in your finance scope, newest received first (filter by contract, account, method, kind, received date; search reference and payer) */
  @Get()
  @RequirePermission('payments', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryPaymentsDto): Promise<PaymentPage> {
    return this.payments.list(user, query);
  }

  /** CSV or XLSX of the payments the filters match (same filters as the list), base figures beside the original amounts */
  @Get('export')
  @RequirePermission('payments', 'export')
  @ApiCsvExport()
  async export(@CurrentUser() user: AuthUser, @Query() query: ExportPaymentsDto, @Res() res: Response): Promise<void> {
    const { format, lang, ...filters } = query;
    await streamExport(res, 'payments', exportFormat(format, res.req), PAYMENT_FIELDS, csvLocale(lang), (cursor) =>
      this.payments.list(user, { ...filters, cursor, limit: 500 } as QueryPaymentsDto),
    );
  }

  /**
   * Record a payment of a signed contract, applied to `installmentIds` first and then oldest-first. Beyond the
   * contract's open balance: 422 PAYMENT_EXCEEDS_BALANCE (also when several arrive at once)
   */
  @Post()
  @RequirePermission('payments', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePaymentDto): Promise<PaymentResponse> {
    return this.payments.record(user, dto);
  }

  /** One payment with its allocations */
  @Get(':id')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PaymentResponse> {
    return this.payments.get(user, id);
  }

  /** Reverse a payment (refund or correction): a second, negative record; the original stays. Answers the reversal (409 when already reversed) */
  @Post(':id/reverse')
  @RequirePermission('payments', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  reverse(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReversePaymentDto,
  ): Promise<PaymentResponse> {
    return this.payments.reverse(user, id, dto);
  }

  /** A confirmed payment is never changed: always 409 PAYMENT_IMMUTABLE (record a reversal) */
  @Patch(':id')
  @RequirePermission('payments', 'update')
  @ApiProblems(401, 403, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PaymentResponse> {
    return this.payments.refuseChange(user, id);
  }

  /** A confirmed payment is never deleted: always 409 PAYMENT_IMMUTABLE (record a reversal) */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('payments', 'delete')
  @ApiProblems(401, 403, 404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.payments.refuseChange(user, id);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** Invoices (发票记录) of the contracts in your finance scope, newest first (filter by contract, account, type, status, issue date; search number and buyer) */
  @Get()
  @RequirePermission('payments', 'read')
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryInvoicesDto): Promise<InvoicePage> {
    return this.invoices.list(user, query);
  }

  /** CSV or XLSX of the invoices the filters match (same filters as the list), red-letter invoices with the number they reverse */
  @Get('export')
  @RequirePermission('payments', 'export')
  @ApiCsvExport()
  async export(@CurrentUser() user: AuthUser, @Query() query: ExportInvoicesDto, @Res() res: Response): Promise<void> {
    const { format, lang, ...filters } = query;
    await streamExport(res, 'invoices', exportFormat(format, res.req), INVOICE_FIELDS, csvLocale(lang), (cursor) =>
      this.invoices.list(user, { ...filters, cursor, limit: 500 } as QueryInvoicesDto),
    );
  }

  /**
   * Request an invoice of a signed contract: tax computed from the amount with tax; the buyer's tax number is
   * checked (GB 32100); a VAT special invoice needs the buyer's address, phone, bank and account. Beyond the
   * contract amount (with the other requested and issued invoices): 422 INVOICE_EXCEEDS_CONTRACT
   */
  @Post()
  @RequirePermission('payments', 'create')
  @ApiProblems(400, 401, 403, 404, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInvoiceDto): Promise<InvoiceResponse> {
    return this.invoices.create(user, dto);
  }

  /** One invoice */
  @Get(':id')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<InvoiceResponse> {
    return this.invoices.get(user, id);
  }

  /** An invoice is never edited: always 409 INVOICE_ILLEGAL_TRANSITION (void it or issue a red-letter invoice) */
  @Patch(':id')
  @RequirePermission('payments', 'update')
  @ApiProblems(401, 403, 404, 409)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<InvoiceResponse> {
    return this.invoices.refuseChange(user, id);
  }

  /** Mark a requested invoice issued (409 otherwise) */
  @Post(':id/issue')
  @HttpCode(200)
  @RequirePermission('payments', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IssueInvoiceDto,
  ): Promise<InvoiceResponse> {
    return this.invoices.issue(user, id, dto);
  }

  /** Void a requested or issued invoice: its amount is free to invoice again */
  @Post(':id/void')
  @HttpCode(200)
  @RequirePermission('payments', 'update')
  @ApiProblems(400, 401, 403, 404, 409)
  void(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VoidInvoiceDto,
  ): Promise<InvoiceResponse> {
    return this.invoices.void(user, id, dto);
  }

  /**
   * Reverse an issued invoice with a red-letter invoice (红冲): answers the new negative invoice (its own
   * number, linked to the original, which becomes red_letter); the amount is free to invoice again. Once per
   * invoice (409 INVOICE_ALREADY_REVERSED), issued invoices only (409 INVOICE_ILLEGAL_TRANSITION)
   */
  @Post(':id/red-letter')
  @RequirePermission('payments', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 422)
  redLetter(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RedLetterInvoiceDto,
  ): Promise<InvoiceResponse> {
    return this.invoices.redLetter(user, id, dto);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('accounts')
export class InvoiceTitlesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** The invoice title details (开票信息) last used for the account, to fill the next invoice (404 when none yet) */
  @Get(':id/invoice-title')
  @RequirePermission('payments', 'read')
  @ApiProblems(401, 403, 404)
  title(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvoiceTitleResponse> {
    return this.invoices.title(user, id);
  }
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('receivables')
export class ReceivablesController {
  constructor(private readonly receivables: ReceivablesService) {}

  /**
   * Receivables per contract in your finance scope (amount, received, invoiced, balance, next due, overdue,
   * days overdue, in the contract's currency and in the base currency at the sign date's rate) with the
   * summary over all matching contracts: totals and aging buckets (current, 0-30, 31-60, 61-90, 90+ days past due)
   */
  @Get()
  @RequirePermission('payments', 'read')
  @ApiProblems(400, 401, 403, 422)
  list(@CurrentUser() user: AuthUser, @Query() query: QueryReceivablesDto): Promise<ReceivablePage> {
    return this.receivables.list(user, query);
  }
}
