import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { applyFilters } from '@core/http/keyset';
import { OpportunityRecords } from './opportunity-records';
import { addDecimals } from './opportunity-rules';
import { PipelinesService } from './pipelines.service';
import { CurrencyTotal, OpportunitySummaryResponse, StageSummary, SummaryQueryDto } from './dto/opportunity.dto';

type Row = { stage_id: string; currency: string; n: number; amount: string; weighted: string };

/** Adds per-currency totals together (never across currencies). */
function mergeTotals(parts: CurrencyTotal[]): CurrencyTotal[] {
  const by = new Map<string, CurrencyTotal>();
  for (const p of parts) {
    const t = by.get(p.currency);
    if (!t) by.set(p.currency, { ...p });
    else by.set(p.currency, { currency: p.currency, count: t.count + p.count, amount: addDecimals(t.amount, p.amount), weighted: addDecimals(t.weighted, p.weighted) });
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * The board's column totals: count, amount and weighted amount per stage and per currency, over the same
 * filters and data scope as the list, in one GROUP BY (served by the pipeline totals indexes).
 */
@Injectable()
export class OpportunitySummaryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly records: OpportunityRecords,
    private readonly pipelines: PipelinesService,
  ) {}

  async summary(actor: AuthUser, query: SummaryQueryDto): Promise<OpportunitySummaryResponse> {
    const q = query as Record<string, unknown>;
    const qb = this.records.filtered(actor, q);
    applyFilters(qb, q, this.records.specFor(actor));
    const rows = await qb
      .select('o.stage_id', 'stage_id')
      .addSelect('o.currency', 'currency')
      .addSelect('count(*)::int', 'n')
      .addSelect('sum(o.amount)::text', 'amount')
      .addSelect('round(sum(o.amount * o.probability) / 100, 2)::text', 'weighted')
      .groupBy('o.stage_id')
      .addGroupBy('o.currency')
      .orderBy()
      .getRawMany<Row>();
    const byStage = new Map<string, CurrencyTotal[]>();
    for (const r of rows) {
      byStage.set(r.stage_id, [...(byStage.get(r.stage_id) ?? []), { currency: r.currency, count: r.n, amount: r.amount, weighted: r.weighted }]);
    }
    const order = query.pipelineId ? (await this.pipelines.stagesOf(this.ds.manager, query.pipelineId)).map((s) => s.id) : [];
    const ids = [...order, ...[...byStage.keys()].filter((id) => !order.includes(id))];
    const stages: StageSummary[] = ids.map((stageId) => {
      const totals = mergeTotals(byStage.get(stageId) ?? []);
      return { stageId, count: totals.reduce((n, t) => n + t.count, 0), totals };
    });
    return { stages, totals: mergeTotals(stages.flatMap((s) => s.totals)) };
  }
}
