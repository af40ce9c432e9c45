import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, conflict, DomainError, staleVersion } from '@core/http/domain-error';
import { convertAmount, formatAmount, normalizeRate, rateKey, tooPrecise } from './conversion';
import { CurrencyErrorCode } from './currencies.errors';
import { Currency } from './currency.entity';
import { CurrencyList, CurrencyResponse, QueryCurrenciesDto, SetBaseCurrencyDto, UpdateCurrencyDto } from './dto/currency.dto';
import { isoCurrency, ISO_CURRENCIES } from './iso-currencies';

export interface BaseCurrency {
  code: string;
  minorUnits: number;
}

/** The rate in force on a day: the latest on or before it. */
export interface RateOnDate {
  rate: string;
  /** The rate's effective date (the asked date for the base currency). */
  effectiveDate: string;
}

export interface Conversion {
  baseCurrency: string;
  baseAmount: string;
  rate: string;
  rateDate: string;
}

/** A record's amount in the base currency at the rate of its own date, beside its original amount and currency. */
export interface BaseFigures {
  baseCurrency: string;
  baseAmount: string | null;
  rate: string | null;
  rateDate: string | null;
}

export interface MissingRate {
  currency: string;
  date: string;
}

/** The problem of a conversion without a rate: 422 with the currency and date, never a silent 1.0. */
export function missingRate(currency: string, date: string): DomainError {
  return new DomainError(
    CurrencyErrorCode.EXCHANGE_RATE_MISSING,
    HttpStatus.UNPROCESSABLE_ENTITY,
    `No exchange rate of ${currency} on or before ${date}`,
    undefined,
    { params: { currency, date } },
    { params: { currency, date } },
  );
}

/**
 * Currencies (币种) and conversion to the base currency — what other modules ask: `convert`, `rateOn` and
 * the batch `ratesOn` for list totals. Rates are read here (this module owns `exchange_rates`); their
 * maintenance is ExchangeRatesService's.
 */
@Injectable()
export class CurrenciesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {
    audit.registerKind({ entityType: 'currency', module: 'currencies', alias: 'cur', table: () => 'currencies' });
  }

  async list(query: QueryCurrenciesDto = {}): Promise<CurrencyList> {
    const rows = await this.ds.getRepository(Currency).find();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const q = query.q?.trim().toLowerCase();
    const data: CurrencyResponse[] = ISO_CURRENCIES.map((c) => {
      const row = byCode.get(c.code);
      return { ...c, enabled: row?.enabled ?? false, base: row?.isBase ?? false, version: row?.version ?? 0 };
    })
      .filter((c) => query.enabled === undefined || c.enabled === query.enabled)
      .filter((c) => !q || c.code.toLowerCase().includes(q) || c.name.toLowerCase().includes(q) || c.nameZh.includes(q));
    // the base first, then the enabled ones, then the rest, each by code
    data.sort((a, b) => Number(b.base) - Number(a.base) || Number(b.enabled) - Number(a.enabled) || a.code.localeCompare(b.code));
    return { data, baseCurrency: (await this.baseCurrency()).code };
  }

  async get(code: string): Promise<CurrencyResponse> {
    const found = (await this.list()).data.find((c) => c.code === code);
    if (!found) throw this.unknown(code, 'code');
    return found;
  }

  /** Enables or disables a currency; the base cannot be disabled (409). */
  async update(actor: AuthUser, code: string, dto: UpdateCurrencyDto, ifMatch?: number): Promise<CurrencyResponse> {
    const c = code.toUpperCase();
    if (!isoCurrency(c)) throw this.unknown(c, 'code');
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(Currency);
      const row = await repo.createQueryBuilder('c').where('c.code = :c', { c }).setLock('pessimistic_write').getOne();
      // a currency nobody enabled yet has no row: version 0
      const current = row?.version ?? 0;
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== current) throw staleVersion(current);
      if (!row) {
        if (!dto.enabled) return;
        const inserted: { id: string }[] = await m.query(`INSERT INTO currencies (code, enabled) VALUES ($1, true) ON CONFLICT (code) DO NOTHING RETURNING id`, [c]);
        if (!inserted.length) throw staleVersion(1); // enabled by someone else in the meantime
        await this.audit.record(m, actor, 'update', 'currency', inserted[0].id, [{ field: 'enabled', old: false, new: true }]);
        return;
      }
      if (row.enabled === dto.enabled) return;
      if (row.isBase && !dto.enabled) {
        throw conflict(CurrencyErrorCode.CURRENCY_BASE_CANNOT_BE_DISABLED, `${c} is the base currency: choose another base first`, [
          { field: 'enabled', message: 'the base currency cannot be disabled' },
        ]);
      }
      row.enabled = dto.enabled;
      await repo.save(row);
      await this.audit.record(m, actor, 'update', 'currency', row.id, [{ field: 'enabled', old: !dto.enabled, new: dto.enabled }]);
    });
    return this.get(c);
  }

  /** Makes `code` the base currency (enabling it); one base at a time, also under parallel changes. */
  async setBase(actor: AuthUser, dto: SetBaseCurrencyDto): Promise<CurrencyList> {
    if (!isoCurrency(dto.code)) throw this.unknown(dto.code, 'code');
    await this.ds.transaction(async (m) => {
      // base changes wait for each other (a row lock would miss the row a parallel change just unset)
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('currencies.base'))`);
      const [old]: { code: string; id: string }[] = await m.query(`SELECT code, id FROM currencies WHERE is_base FOR UPDATE`);
      if (old?.code === dto.code) return;
      if (old) await m.query(`UPDATE currencies SET is_base = false, version = version + 1, updated_at = now() WHERE code = $1`, [old.code]);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO currencies (code, enabled, is_base) VALUES ($1, true, true)
         ON CONFLICT (code) DO UPDATE SET enabled = true, is_base = true, version = currencies.version + 1, updated_at = now()
         RETURNING id`,
        [dto.code],
      );
      if (old) await this.audit.record(m, actor, 'update', 'currency', old.id, [{ field: 'base', old: true, new: false }]);
      await this.audit.record(m, actor, 'update', 'currency', row.id, [{ field: 'base', old: false, new: true }]);
    });
    return this.list();
  }

  /** The base currency and its minor unit (CNY, 2 until an admin changes it). */
  async baseCurrency(m: EntityManager = this.ds.manager): Promise<BaseCurrency> {
    const [row]: { code: string }[] = await m.query(`SELECT code FROM currencies WHERE is_base`);
    const code = row?.code ?? 'CNY';
    return { code, minorUnits: isoCurrency(code)?.minorUnits ?? 2 };
  }

  /** Digits of a currency's minor unit (2 when unknown). */
  minorUnits(code: string): number {
    return isoCurrency(code)?.minorUnits ?? 2;
  }

  /** 400 CURRENCY_UNKNOWN on `field` unless `code` is an ISO 4217 currency. */
  assertKnown(code: string, field: string): void {
    if (!isoCurrency(code)) throw this.unknown(code, field);
  }

  /**
   * The one check of a currency a record is created or changed in (contracts, quotes, opportunities,
   * campaigns, payments): 400 CURRENCY_UNKNOWN for a code that is not ISO 4217, 422 CURRENCY_NOT_ENABLED on
   * `field` for one the company has not enabled (the base is always enabled).
   */
  async assertEnabled(code: string, field = 'currency', m: EntityManager = this.ds.manager): Promise<void> {
    this.assertKnown(code, field);
    const [row]: { enabled: boolean }[] = await m.query(`SELECT enabled FROM currencies WHERE code = $1`, [code]);
    if (row?.enabled) return;
    throw new DomainError(
      CurrencyErrorCode.CURRENCY_NOT_ENABLED,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `${code} is not enabled: an admin enables it under Currencies first`,
      [{ field, message: `${code} is not enabled`, params: { currency: code } }],
      { params: { currency: code } },
      { params: { currency: code } },
    );
  }

  /** 400 AMOUNT_TOO_PRECISE on `field` when `amount` has more decimals than `currency`'s minor unit. */
  assertAmount(amount: string, currency: string, field = 'amount'): void {
    const digits = this.minorUnits(currency);
    if (!tooPrecise(amount, digits)) return;
    throw badRequest(CurrencyErrorCode.AMOUNT_TOO_PRECISE, field, `${currency} amounts have at most ${digits} decimals`, {
      params: { currency, minorUnits: digits },
    });
  }

  /** `amount` written with its currency's minor unit (see formatAmount). */
  format(amount: string | number, currency: string): string {
    return formatAmount(amount, this.minorUnits(currency));
  }

  /** The rate of `currency` in force on `date` (`YYYY-MM-DD`); 422 EXCHANGE_RATE_MISSING when there is none. The base is 1. */
  async rateOn(currency: string, date: string, m: EntityManager = this.ds.manager): Promise<RateOnDate> {
    const found = (await this.ratesOn([{ currency, date }], m)).get(rateKey(currency, date));
    if (!found) throw missingRate(currency, date);
    return found;
  }

  /** `amount` in `currency` on `date` converted to the base, half-up to the base's minor unit; 422 without a rate. */
  async convert(amount: string, currency: string, date: string, m: EntityManager = this.ds.manager): Promise<Conversion> {
    const base = await this.baseCurrency(m);
    const r = await this.rateOn(currency, date, m);
    return { baseCurrency: base.code, baseAmount: convertAmount(amount, r.rate, base.minorUnits), rate: r.rate, rateDate: r.effectiveDate };
  }

  /**
   * The rates in force for many (currency, date) pairs in one query (a LATERAL lookup per distinct pair on
   * the unique (base, currency, date) index); a pair without a rate maps to null. Keys: `rateKey()`.
   */
  async ratesOn(pairs: MissingRate[], m: EntityManager = this.ds.manager): Promise<Map<string, RateOnDate | null>> {
    const base = (await this.baseCurrency(m)).code;
    const out = new Map<string, RateOnDate | null>();
    const todo = new Map<string, MissingRate>();
    for (const p of pairs) {
      const key = rateKey(p.currency, p.date);
      if (p.currency === base) out.set(key, { rate: '1', effectiveDate: p.date });
      else todo.set(key, p);
    }
    if (!todo.size) return out;
    const list = [...todo.values()];
    const rows: { currency: string; d: string; rate: string | null; effective_date: string | null }[] = await m.query(
      `SELECT p.currency, p.d::text AS d, r.rate::text AS rate, r.effective_date::text AS effective_date
         FROM unnest($1::text[], $2::date[]) AS p(currency, d)
         LEFT JOIN LATERAL (
           SELECT e.rate, e.effective_date FROM exchange_rates e
            WHERE e.base_currency = $3 AND e.currency = p.currency AND e.effective_date <= p.d AND e.deleted_at IS NULL
            ORDER BY e.effective_date DESC LIMIT 1
         ) r ON true`,
      [list.map((p) => p.currency), list.map((p) => p.date), base],
    );
    for (const r of rows) out.set(rateKey(r.currency, r.d), r.rate ? { rate: normalizeRate(r.rate), effectiveDate: r.effective_date! } : null);
    return out;
  }

  /**
   * `amount` converted with `found`, the rate in force on the record's date (half-up to the base's minor
   * unit). Null figures when there is none: a read of a record whose rate was deleted since still answers;
   * writes and totals refuse a missing rate with 422 EXCHANGE_RATE_MISSING, never 1.0.
   */
  baseFigures(amount: string, found: RateOnDate | null, base: BaseCurrency): BaseFigures {
    return {
      baseCurrency: base.code,
      baseAmount: found ? convertAmount(amount, found.rate, base.minorUnits) : null,
      rate: found?.rate ?? null,
      rateDate: found?.effectiveDate ?? null,
    };
  }

  /** `ratesOn` as a lookup function: `(currency, date)` → the rate in force, or null. */
  async rateLookup(pairs: MissingRate[], m?: EntityManager): Promise<(currency: string, date: string) => RateOnDate | null> {
    const rates = await this.ratesOn(pairs, m);
    return (currency, date) => rates.get(rateKey(currency, date)) ?? null;
  }

  private unknown(code: string, field: string): DomainError {
    return badRequest(CurrencyErrorCode.CURRENCY_UNKNOWN, field, `${code} is not an ISO 4217 currency`, { params: { currency: code } });
  }
}
