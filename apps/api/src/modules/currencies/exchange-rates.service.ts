import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { normalizeRate } from './conversion';
import { CurrenciesService } from './currencies.service';
import { CurrencyErrorCode } from './currencies.errors';
import { ConversionResponse, ConvertQueryDto, CreateExchangeRateDto, ExchangeRatePage, ExchangeRateResponse, QueryExchangeRatesDto, UpdateExchangeRateDto } from './dto/exchange-rate.dto';
import { ExchangeRate } from './exchange-rate.entity';

const RATE_LIST: ListSpec = {
  idColumn: 'r.id',
  defaultSort: '-effectiveDate',
  sortable: {
    effectiveDate: { column: 'r.effective_date', value: (r: ExchangeRate) => r.effectiveDate },
    createdAt: { column: 'r.created_at', value: (r: ExchangeRate) => r.createdAt },
  },
  filters: { currency: 'r.currency' },
  ranges: { effectiveDate: 'r.effective_date' },
};

/** 409 DUPLICATE on `effectiveDate`: the currency already has a rate on that day. */
export const duplicateRate = (currency: string, date: string, field = 'effectiveDate') =>
  conflict('DUPLICATE', `${currency} already has a rate on ${date}`, [{ field, code: 'already_exists', message: 'already exists', params: { currency, date } }]);

/**
 * Dated exchange rates (汇率) to the current base currency, maintained by finance: create, change, delete
 * (soft, audited) and list. A rate applies from its date until the currency's next one.
 */
@Injectable()
export class ExchangeRatesService {
  private readonly store: RecordStore<ExchangeRate>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly currencies: CurrenciesService,
  ) {
    this.store = new RecordStore(ds, audit, ExchangeRate, { entityType: 'exchange_rate', module: 'currencies', alias: 'r' });
  }

  /** Rates against the current base, newest date first by default, keyset pages. */
  async list(query: QueryExchangeRatesDto): Promise<ExchangeRatePage> {
    const base = await this.currencies.baseCurrency();
    const qb = this.store.query(null).andWhere('r.base_currency = :base', { base: base.code });
    const page = await paginate(qb, { ...query, q: undefined }, RATE_LIST);
    return { ...page, data: page.data.map(toResponse) };
  }

  async get(id: string): Promise<ExchangeRateResponse> {
    return toResponse(await this.store.get(null, id));
  }

  async create(actor: AuthUser, dto: CreateExchangeRateDto): Promise<ExchangeRateResponse> {
    const saved = await this.unique(dto.currency, dto.effectiveDate, () =>
      this.ds.transaction(async (m) => {
        const base = await this.validate(m, dto.currency);
        return this.store.create(actor, { currency: dto.currency, baseCurrency: base, rate: normalizeRate(dto.rate), effectiveDate: dto.effectiveDate }, m);
      }),
    );
    return this.get(saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateExchangeRateDto, ifMatch?: number): Promise<ExchangeRateResponse> {
    const { version, ...fields } = dto;
    for (const f of ['currency', 'rate', 'effectiveDate'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`, { fieldCode: 'required' });
    }
    let key = { currency: fields.currency ?? '', date: fields.effectiveDate ?? '' };
    await this.unique(
      () => key.currency,
      () => key.date,
      () =>
        this.ds.transaction(async (m) => {
          await this.store.update(
            actor,
            id,
            ifMatch ?? version,
            async (r) => {
              if (fields.currency && fields.currency !== r.currency) await this.validate(m, fields.currency);
              if (fields.currency) r.currency = fields.currency;
              if (fields.effectiveDate) r.effectiveDate = fields.effectiveDate;
              if (fields.rate && normalizeRate(fields.rate) !== normalizeRate(r.rate)) r.rate = normalizeRate(fields.rate);
              key = { currency: r.currency, date: r.effectiveDate };
            },
            m,
          );
        }),
    );
    return this.get(id);
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  /** `amount` converted at the rate in force on `date` (422 EXCHANGE_RATE_MISSING without one). */
  async convert(q: ConvertQueryDto): Promise<ConversionResponse> {
    this.currencies.assertKnown(q.currency, 'currency');
    const c = await this.currencies.convert(q.amount, q.currency, q.date);
    return { amount: q.amount, currency: q.currency, date: q.date, ...c };
  }

  /**
   * Inserts validated rows (the CSV import) in one statement with their audit entries, inside `m`;
   * the unique index makes a row that collides with an existing rate a 409 for the whole file.
   */
  async insertMany(actor: AuthUser, m: EntityManager, rows: { currency: string; rate: string; effectiveDate: string }[], base: string): Promise<number> {
    const saved = await this.store.createMany(
      actor,
      rows.map((r) => ({ currency: r.currency, baseCurrency: base, rate: normalizeRate(r.rate), effectiveDate: r.effectiveDate })),
      m,
    );
    return saved.length;
  }

  /** Which (currency, date) pairs already have a live rate against `base`. */
  async existing(m: EntityManager, base: string, pairs: { currency: string; date: string }[]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows: { k: string }[] = await m.query(
      `SELECT e.currency || '|' || e.effective_date::text AS k FROM exchange_rates e
         JOIN unnest($1::text[], $2::date[]) AS p(currency, d) ON e.currency = p.currency AND e.effective_date = p.d
        WHERE e.base_currency = $3 AND e.deleted_at IS NULL`,
      [pairs.map((p) => p.currency), pairs.map((p) => p.date), base],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** The base code; 400 on `currency` for an unknown currency or the base itself. */
  async validate(m: EntityManager, currency: string, field = 'currency'): Promise<string> {
    this.currencies.assertKnown(currency, field);
    const base = (await this.currencies.baseCurrency(m)).code;
    if (currency === base) {
      throw badRequest(CurrencyErrorCode.EXCHANGE_RATE_BASE_CURRENCY, field, `${currency} is the base currency: it converts to itself at 1`, { params: { currency } });
    }
    return base;
  }

  /** Runs `fn`, answering a clash with the unique (currency, date) index as 409 DUPLICATE. */
  private async unique<R>(currency: string | (() => string), date: string | (() => string), fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw duplicateRate(typeof currency === 'function' ? currency() : currency, typeof date === 'function' ? date() : date);
      }
      throw e;
    }
  }
}

function toResponse(r: ExchangeRate): ExchangeRateResponse {
  return {
    id: r.id,
    currency: r.currency,
    baseCurrency: r.baseCurrency,
    rate: normalizeRate(r.rate),
    effectiveDate: r.effectiveDate,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
