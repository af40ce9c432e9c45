import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { ServiceQualityRow, TicketReportsService } from '@modules/tickets/ticket-reports.service';
import { round2 } from './funnel';
import { SalesAnalyticsService } from './sales-analytics.service';
import { AnalyticsQueryDto } from './dto/analytics-query.dto';
import { ServiceAnalyticsResponse, ServiceQualityDto } from './dto/analytics-response.dto';

/** Service quality: tickets per week, SLA compliance, response and resolution medians, CSAT — by team and type. */
@Injectable()
export class ServiceAnalyticsService {
  constructor(
    private readonly sales: SalesAnalyticsService,
    private readonly tickets: TicketReportsService,
    private readonly currencies: CurrenciesService,
  ) {}

  async service(actor: AuthUser, q: AnalyticsQueryDto): Promise<ServiceAnalyticsResponse> {
    const f = this.sales.filter(q);
    const [weeks, quality, base] = await Promise.all([this.tickets.weekly(actor, f), this.tickets.quality(actor, f), this.currencies.baseCurrency()]);
    const teams = await this.tickets.teamNames(quality.filter((r) => r.dimension === 'team' && r.key).map((r) => r.key!));
    const empty: ServiceQualityRow = { dimension: 'all', key: null, opened: 0, resolved: 0, slaTracked: 0, slaMet: 0, medianFirstResponseSeconds: null, medianResolutionSeconds: null, rated: 0, ratingSum: 0, ratings: [0, 0, 0, 0, 0] };
    const dto = (r: ServiceQualityRow): ServiceQualityDto => ({
      key: r.key,
      name: r.dimension === 'team' && r.key ? (teams.get(r.key) ?? null) : null,
      opened: r.opened,
      resolved: r.resolved,
      slaTracked: r.slaTracked,
      slaMet: r.slaMet,
      slaCompliance: r.slaTracked ? round2((r.slaMet / r.slaTracked) * 100) : null,
      medianFirstResponseHours: r.medianFirstResponseSeconds === null ? null : round2(r.medianFirstResponseSeconds / 3600),
      medianResolutionHours: r.medianResolutionSeconds === null ? null : round2(r.medianResolutionSeconds / 3600),
      csatAverage: r.rated ? round2(r.ratingSum / r.rated) : null,
      csatDistribution: r.ratings,
    });
    return {
      baseCurrency: base.code,
      from: f.from,
      to: f.to,
      missingRates: [],
      weeks,
      overall: dto(quality.find((r) => r.dimension === 'all') ?? empty),
      byTeam: quality.filter((r) => r.dimension === 'team').map(dto),
      byType: quality.filter((r) => r.dimension === 'type').map(dto),
    };
  }
}
