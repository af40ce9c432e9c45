import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';

/**
 * A dated exchange rate (汇率): one unit of `currency` is worth `rate` units of `baseCurrency` from
 * `effectiveDate` until the currency's next rate. Kept with the base it was entered against.
 */
@Entity('exchange_rates')
export class ExchangeRate extends BaseRecord {
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'char', length: 3 })
  baseCurrency: string;

  /** numeric(24,10): `pg` answers a string, exact. */
  @Column({ type: 'numeric', precision: 24, scale: 10 })
  rate: string;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date' })
  effectiveDate: string;
}
