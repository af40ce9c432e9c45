import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { applyFilters } from '@core/http/keyset';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { boardFigures } from './board-totals';
import { OpportunityRecords } from './opportunity-records';
import { PipelinesService } from './pipelines.service';
import { OpportunitySummaryResponse, SummaryQueryDto } from './dto/opportunity.dto';

type Row = { stage_id: string; currency: string; d: string; n: number; amount: string; weighted_raw: string };

/**
 * The board's column totals: count, amount and weighted amount per stage and per currency, over the same
 * filters and data scope as the list, in one GROUP BY (served by the pipeline totals indexes); beside them
 * the totals in the base currency, each opportunity converted at the rate of its expected close date (the
 * rates asked of CurrenciesService in one batch). Missing rates are reported, never taken as 1.
 */
@Injectable()
export class OpportunitySummaryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: OpportunityRecords,
    private readonly pipelines: PipelinesService,
    private readonly currencies: CurrenciesService,
  ) {}

  async summary(actor: AuthUser, query: SummaryQueryDto): Promise<OpportunitySummaryResponse> {
    const q = query as Record<string, unknown>;
    const qb = this.records.filtered(actor, q);
    applyFilters(qb, q, this.records.specFor(actor));
    // expected_close_date is NOT NULL (it defaults to 30 days after creation), so no creation-date fallback is
    // needed; the totals indexes INCLUDE it, which keeps this an index-only scan
    const date = `o.expected_close_date`;
    const rows = await qb
      .select('o.stage_id', 'stage_id')
      .addSelect('o.currency', 'currency')
      .addSelect(`${date}::text`, 'd')
      .addSelect('count(*)::int', 'n')
      .addSelect('sum(o.amount)::text', 'amount')
      .addSelect('sum(o.amount * o.probability)::text', 'weighted_raw')
      .groupBy('o.stage_id')
      .addGroupBy('o.currency')
      .addGroupBy(date)
      .orderBy()
      .getRawMany<Row>();
    const groups = rows.map((r) => ({ stageId: r.stage_id, currency: r.currency, date: r.d, count: r.n, amount: r.amount, weightedRaw: r.weighted_raw }));
    const [base, rateOf] = await Promise.all([this.currencies.baseCurrency(), this.currencies.rateLookup(groups.map((g) => ({ currency: g.currency, date: g.date })))]);
    const order = query.pipelineId ? (await this.pipelines.stagesOf(this.ds.manager, query.pipelineId)).map((s) => s.id) : [];
    return boardFigures(groups, order, base, (currency, d) => rateOf(currency, d)?.rate ?? null);
  }
}
