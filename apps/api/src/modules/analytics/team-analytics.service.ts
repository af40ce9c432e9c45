import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { UsersService } from '@modules/admin/users/users.service';
import { CurrenciesService } from '@modules/currencies/currencies.service';
import { OpportunityReportsService } from '@modules/opportunities/opportunity-reports.service';
import { LeadReportsService } from '@modules/leads/lead-reports.service';
import { ActivityReportsService } from '@modules/activities/activity-reports.service';
import { CampaignReportsService } from '@modules/campaigns/campaign-reports.service';
import { baseMoney } from './base-money';
import { addTo, type Exact, money2, ZERO } from './exact-sums';
import { ratio } from './funnel';
import { SalesAnalyticsService } from './sales-analytics.service';
import { AnalyticsQueryDto } from './dto/analytics-query.dto';
import { LeaderboardResponse, LeadSourceRowDto, LeadSourcesResponse } from './dto/analytics-response.dto';

/** The reps' leaderboard and the lead sources and campaigns, from the owners' aggregates. */
@Injectable()
export class TeamAnalyticsService {
  constructor(
    private readonly sales: SalesAnalyticsService,
    private readonly opportunities: OpportunityReportsService,
    private readonly leads: LeadReportsService,
    private readonly activities: ActivityReportsService,
    private readonly campaigns: CampaignReportsService,
    private readonly currencies: CurrenciesService,
    private readonly users: UsersService,
  ) {}

  /** Per rep: won amount and count, new opportunities, activities, leads and lead-to-win, by won amount. */
  async leaderboard(actor: AuthUser, q: AnalyticsQueryDto): Promise<LeaderboardResponse> {
    const f = this.sales.filter(q);
    const [won, created, acts, leads] = await Promise.all([
      this.opportunities.won(actor, f),
      this.opportunities.createdByOwner(actor, f),
      this.activities.byOwner(actor, f),
      this.leads.created(actor, f),
    ]);
    const money = await baseMoney(this.currencies, won);
    const rows = new Map<string, { wonAmount: Exact; wonCount: number; fromLead: number; newOpportunities: number; activities: number; leads: number }>();
    const row = (id: string | null) => {
      const key = id ?? '';
      if (!rows.has(key)) rows.set(key, { wonAmount: ZERO, wonCount: 0, fromLead: 0, newOpportunities: 0, activities: 0, leads: 0 });
      return rows.get(key)!;
    };
    for (const w of won) {
      const r = row(w.ownerId);
      r.wonAmount = r.wonAmount.plus(money.exact(w.currency, w.date, w.amount) ?? 0);
      r.wonCount += w.count;
      r.fromLead += w.fromLead;
    }
    for (const c of created) row(c.ownerId).newOpportunities += c.count;
    for (const a of acts) row(a.ownerId).activities += a.count;
    for (const l of leads) row(l.ownerId).leads += l.count;
    const names = await this.users.namesByIds([...rows.keys()]);
    return {
      baseCurrency: money.base,
      from: f.from,
      to: f.to,
      missingRates: money.missing,
      rows: [...rows.entries()]
        .filter(([id]) => id !== '')
        .map(([id, r]) => ({
          userId: id,
          name: names.get(id) ?? null,
          wonAmount: money2(r.wonAmount),
          wonCount: r.wonCount,
          newOpportunities: r.newOpportunities,
          activities: r.activities,
          leads: r.leads,
          leadToWin: r.leads ? ratio(r.fromLead, r.leads) : null,
        }))
        .sort((a, b) => b.wonAmount - a.wonAmount || b.wonCount - a.wonCount || (a.name ?? '').localeCompare(b.name ?? '')),
    };
  }

  /** Leads created in the period, converted, won amount and cost per lead, by source and by campaign. */
  async leadSources(actor: AuthUser, q: AnalyticsQueryDto): Promise<LeadSourcesResponse> {
    const f = this.sales.filter(q);
    const [leads, won] = await Promise.all([this.leads.created(actor, f), this.opportunities.wonBySource(actor, f)]);
    const campaignIds = [...new Set([...leads.map((l) => l.campaignId), ...won.map((w) => w.campaignId)].filter((x): x is string => !!x))];
    const campaigns = await this.campaigns.costs(campaignIds);
    const money = await baseMoney(this.currencies, [...won, ...campaigns]);
    const table = (keyOf: (x: { source: string | null; campaignId: string | null }) => string | null) => {
      const out = new Map<string | null, LeadSourceRowDto>();
      const get = (key: string | null) => {
        if (!out.has(key)) out.set(key, { key, name: null, leads: 0, converted: 0, wonAmount: 0, cost: null, costPerLead: null });
        return out.get(key)!;
      };
      for (const l of leads) {
        const r = get(keyOf(l));
        r.leads += l.count;
        r.converted += l.converted;
      }
      const wonBy = new Map<string | null, Exact>();
      for (const w of won) addTo(wonBy, keyOf(w), money.exact(w.currency, w.date, w.amount));
      for (const [key, sum] of wonBy) get(key).wonAmount = money2(sum);
      return out;
    };
    const bySource = table((x) => x.source);
    const byCampaign = table((x) => x.campaignId);
    byCampaign.delete(null);
    for (const c of campaigns) {
      const r = byCampaign.get(c.id) ?? { key: c.id, name: null, leads: 0, converted: 0, wonAmount: 0, cost: null, costPerLead: null };
      r.name = c.name;
      r.cost = c.cost === null ? null : money.toBase(c.currency, c.date, c.cost);
      r.costPerLead = c.cost !== null && r.cost !== null && r.leads ? money2(money.exact(c.currency, c.date, c.cost)!.div(r.leads)) : null;
      byCampaign.set(c.id, r);
    }
    const sorted = (m: Map<string | null, LeadSourceRowDto>) => [...m.values()].sort((a, b) => b.leads - a.leads || b.wonAmount - a.wonAmount);
    return { baseCurrency: money.base, from: f.from, to: f.to, missingRates: money.missing, bySource: sorted(bySource), byCampaign: sorted(byCampaign) };
  }
}
