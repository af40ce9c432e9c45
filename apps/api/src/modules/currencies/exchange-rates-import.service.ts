import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError, FieldErrorInput } from '@core/http/domain-error';
import { isDateOnlyString } from '@core/http/validators';
import { rateKey } from './conversion';
import { CurrencyErrorCode } from './currencies.errors';
import { CurrenciesService } from './currencies.service';
import { RATE_PATTERN } from './dto/exchange-rate.dto';
import { ExchangeRatesService } from './exchange-rates.service';
import { isoCurrency } from './iso-currencies';

/** The largest rates file read (text/csv body or multipart `file`): larger ones answer 413. */
export const RATE_IMPORT_MAX_BYTES = 1024 * 1024;
/** Rows a file may hold. */
export const RATE_IMPORT_MAX_ROWS = 10_000;

/** Column names accepted in the header row (English or Chinese, any case). */
const HEADERS: Record<string, 'currency' | 'date' | 'rate'> = {
  currency: 'currency',
  币种: 'currency',
  货币: 'currency',
  date: 'date',
  effectivedate: 'date',
  effective_date: 'date',
  日期: 'date',
  生效日期: 'date',
  rate: 'rate',
  汇率: 'rate',
};

type Row = { line: number; currency: string; date: string; rate: string };

const invalid = (errors: FieldErrorInput[], message: string) =>
  new DomainError(CurrencyErrorCode.EXCHANGE_RATE_IMPORT_INVALID, HttpStatus.BAD_REQUEST, message, errors, undefined, { params: { count: errors.length } });

/**
 * CSV import of rates (csv-parse, like the imports module): every row is checked first and the file is
 * written all or nothing, in one transaction; each bad row is reported with its line number and a code.
 */
@Injectable()
export class ExchangeRatesImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly currencies: CurrenciesService,
    private readonly rates: ExchangeRatesService,
  ) {}

  /** The CSV text of a multipart `file` or a text/csv body (413 past RATE_IMPORT_MAX_BYTES). */
  async readBody(req: Request, file?: Express.Multer.File): Promise<string> {
    if (file) return file.buffer.toString('utf8');
    if (!req.is('text/csv')) {
      throw new DomainError(CurrencyErrorCode.EXCHANGE_RATE_IMPORT_COLUMNS, HttpStatus.BAD_REQUEST, 'Send the CSV as a text/csv body or as the multipart field "file"', [
        { field: 'file', code: 'required', message: 'file is required' },
      ]);
    }
    const tooLarge = () => new DomainError('PAYLOAD_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `The file is larger than ${RATE_IMPORT_MAX_BYTES} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > RATE_IMPORT_MAX_BYTES) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > RATE_IMPORT_MAX_BYTES) {
        req.resume();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async import(actor: AuthUser, text: string): Promise<{ imported: number }> {
    const rows = this.parse(text);
    const base = (await this.currencies.baseCurrency()).code;
    const errors: FieldErrorInput[] = [];
    const seen = new Map<string, number>();
    const err = (line: number, field: string, code: string, message: string, params: Record<string, unknown> = {}) =>
      errors.push({ field, code, message: `line ${line}: ${message}`, params: { line, ...params } });
    for (const r of rows) {
      if (!r.currency) err(r.line, 'currency', 'required', 'currency is required');
      else if (!/^[A-Z]{3}$/.test(r.currency) || !isoCurrency(r.currency)) err(r.line, 'currency', CurrencyErrorCode.CURRENCY_UNKNOWN, `${r.currency} is not an ISO 4217 currency`, { currency: r.currency });
      else if (r.currency === base) err(r.line, 'currency', CurrencyErrorCode.EXCHANGE_RATE_BASE_CURRENCY, `${r.currency} is the base currency`, { currency: r.currency });
      if (!r.date) err(r.line, 'date', 'required', 'date is required');
      else if (!isDateOnlyString(r.date)) err(r.line, 'date', 'invalid_date', `${r.date} is not a date such as 2026-11-01`);
      if (!r.rate) err(r.line, 'rate', 'required', 'rate is required');
      else if (!RATE_PATTERN.test(r.rate)) err(r.line, 'rate', 'invalid_format', 'rate must be a positive decimal (at most 10 decimals)');
      const key = rateKey(r.currency, r.date);
      const first = seen.get(key);
      if (first !== undefined) err(r.line, 'date', 'duplicate_in_file', `${r.currency} on ${r.date} is already on line ${first}`, { otherLine: first });
      else seen.set(key, r.line);
    }
    if (errors.length) throw invalid(errors.slice(0, 500), `${errors.length} problems in the file; nothing was imported`);
    return this.ds.transaction(async (m) => {
      const taken = await this.rates.existing(m, base, rows.map((r) => ({ currency: r.currency, date: r.date })));
      for (const r of rows) {
        if (taken.has(rateKey(r.currency, r.date))) err(r.line, 'date', 'already_exists', `${r.currency} already has a rate on ${r.date}`, { currency: r.currency, date: r.date });
      }
      if (errors.length) throw invalid(errors.slice(0, 500), `${errors.length} problems in the file; nothing was imported`);
      return { imported: await this.rates.insertMany(actor, m, rows.map((r) => ({ currency: r.currency, rate: r.rate, effectiveDate: r.date })), base) };
    });
  }

  /** Rows with their line numbers; 400 when the header lacks a column, the file has no rows or cannot be parsed. */
  private parse(text: string): Row[] {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(text, {
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: true,
        info: true,
        columns: (header: string[]) => header.map((h) => HEADERS[h.trim().toLowerCase().replace(/\s+/g, '')] ?? `_${h}`),
      }) as never;
    } catch (e) {
      const line = (e as { lines?: number }).lines ?? 1;
      throw invalid([{ field: 'file', code: 'invalid_format', message: `line ${line}: ${(e as Error).message}`, params: { line } }], 'The file is not valid CSV');
    }
    const columns = records.length ? Object.keys(records[0].record) : [];
    const missing = (['currency', 'date', 'rate'] as const).filter((c) => records.length && !columns.includes(c));
    if (!records.length || missing.length) {
      throw new DomainError(
        CurrencyErrorCode.EXCHANGE_RATE_IMPORT_COLUMNS,
        HttpStatus.BAD_REQUEST,
        records.length ? `The header row lacks ${missing.join(', ')}` : 'The file has no rows under its header',
        [{ field: 'file', message: 'needs a header row currency,date,rate and at least one row', params: { missing: missing.join(', ') } }],
      );
    }
    if (records.length > RATE_IMPORT_MAX_ROWS) {
      throw invalid([{ field: 'file', code: 'too_many', message: `at most ${RATE_IMPORT_MAX_ROWS} rows`, params: { max: RATE_IMPORT_MAX_ROWS } }], 'Too many rows');
    }
    return records.map(({ record, info }) => ({
      line: info.lines,
      currency: (record.currency ?? '').toUpperCase(),
      date: record.date ?? '',
      rate: record.rate ?? '',
    }));
  }
}
