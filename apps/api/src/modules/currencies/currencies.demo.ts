import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoSeeders } from '@core/demo/demo-seeders';
import { ExchangeRate } from './exchange-rate.entity';

/** Month-start rates to CNY for the demo's foreign currencies (illustrative figures, not market data). */
const RATES: Record<string, [string, string][]> = {
  USD: [['2026-01-01', '7.2950'], ['2026-04-01', '7.2580'], ['2026-07-01', '7.1620'], ['2026-10-01', '7.1180']],
  EUR: [['2026-01-01', '7.9860'], ['2026-04-01', '8.0420'], ['2026-07-01', '8.1530'], ['2026-10-01', '8.2760']],
  HKD: [['2026-01-01', '0.9362'], ['2026-04-01', '0.9318'], ['2026-07-01', '0.9195'], ['2026-10-01', '0.9143']],
};

/** USD, EUR and HKD enabled next to the base CNY, with a few dated rates (order 5: before the records that convert). */
@Injectable()
export class CurrenciesDemoSeeder implements OnModuleInit {
  constructor(private readonly seeders: DemoSeeders) {}

  onModuleInit(): void {
    this.seeders.register(5, 'currencies', (m) => this.seed(m));
  }

  private async seed(m: EntityManager): Promise<void> {
    await m.query(`INSERT INTO currencies (code, enabled) SELECT unnest($1::text[]), true ON CONFLICT (code) DO UPDATE SET enabled = true`, [Object.keys(RATES)]);
    const [{ code: base }]: { code: string }[] = await m.query(`SELECT code FROM currencies WHERE is_base`);
    const repo = m.getRepository(ExchangeRate);
    for (const [currency, rates] of Object.entries(RATES)) {
      if (currency === base) continue;
      await repo.insert(rates.map(([effectiveDate, rate]) => ({ currency, baseCurrency: base, rate, effectiveDate })));
    }
  }
}
