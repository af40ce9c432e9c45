import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrentUser, IfMatchVersion, RequirePermission } from '@core/auth/decorators';
import { ApiProblems } from '@core/http/api-problems';
import {
  ConversionResponse,
  ConvertQueryDto,
  CreateExchangeRateDto,
  ExchangeRateImportBody,
  ExchangeRateImportResult,
  ExchangeRatePage,
  ExchangeRateResponse,
  QueryExchangeRatesDto,
  UpdateExchangeRateDto,
} from './dto/exchange-rate.dto';
import { ExchangeRatesImportService } from './exchange-rates-import.service';
import { ExchangeRatesService } from './exchange-rates.service';

@ApiTags('currencies')
@ApiBearerAuth()
@Controller('exchange-rates')
export class ExchangeRatesController {
  constructor(
    private readonly rates: ExchangeRatesService,
    private readonly importer: ExchangeRatesImportService,
  ) {}

  /** Dated rates to the base currency (filters: currency, effectiveDateFrom/To; keyset pages; any signed-in user) */
  @Get()
  @ApiProblems(400, 401)
  list(@Query() query: QueryExchangeRatesDto): Promise<ExchangeRatePage> {
    return this.rates.list(query);
  }

  /** Convert an amount to the base currency at the rate in force on a date (422 EXCHANGE_RATE_MISSING without one) */
  @Get('convert')
  @ApiProblems(400, 401, 422)
  convert(@Query() query: ConvertQueryDto): Promise<ConversionResponse> {
    return this.rates.convert(query);
  }

  /**
   * Import rates from CSV (header `currency,date,rate`), as a text/csv body or the multipart field `file`, at
   * most 1 MiB: all rows or none; 400 EXCHANGE_RATE_IMPORT_INVALID lists each bad row with its line and code
   */
  @Post('import')
  @RequirePermission('currencies', 'create')
  @UseInterceptors(FileInterceptor('file')) // in memory, at most RATE_IMPORT_MAX_BYTES: see CurrenciesModule
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ type: ExchangeRateImportBody })
  @ApiProblems(400, 401, 403, 409, 413, 415)
  async import(@CurrentUser() user: AuthUser, @Req() req: Request, @UploadedFile() file?: Express.Multer.File): Promise<ExchangeRateImportResult> {
    return this.importer.import(user, await this.importer.readBody(req, file));
  }

  /** Get a rate */
  @Get(':id')
  @ApiProblems(401, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ExchangeRateResponse> {
    return this.rates.get(id);
  }

  /** Add a rate; 409 DUPLICATE when the currency already has one on that date */
  @Post()
  @RequirePermission('currencies', 'create')
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateExchangeRateDto): Promise<ExchangeRateResponse> {
    return this.rates.create(user, dto);
  }

  /** Change a rate (stale version: 412; a date taken: 409) */
  @Patch(':id')
  @RequirePermission('currencies', 'update')
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateExchangeRateDto, @IfMatchVersion() ifMatch?: number): Promise<ExchangeRateResponse> {
    return this.rates.update(user, id, dto, ifMatch);
  }

  /** Delete a rate (soft, audited); the previous rate then applies again */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('currencies', 'delete')
  @ApiProblems(401, 403, 404, 412)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @IfMatchVersion() ifMatch?: number): Promise<void> {
    return this.rates.remove(user, id, ifMatch);
  }
}
