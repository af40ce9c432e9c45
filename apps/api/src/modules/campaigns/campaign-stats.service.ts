import { Injectable } from '@nestjs/common';
import { LeadsService } from '@modules/leads/leads.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { Campaign } from './campaign.entity';
import { campaignMetrics } from './campaign-metrics';
import { CampaignStatsResponse } from './dto/campaign.dto';

/**
 * A campaign's results: lead counts from the leads module, opportunity counts and won sums per currency
 * from the opportunities module (their services, never their tables), then ROI and cost per lead.
 * Aggregates over every linked record, for anyone who may read the campaign (README, "Campaigns").
 */
@Injectable()
export class CampaignStatsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  async of(c: Campaign): Promise<CampaignStatsResponse> {
    const [leads, opps] = await Promise.all([this.leads.campaignCounts([c.id]), this.opportunities.campaignTotals([c.id])]);
    const l = leads.get(c.id) ?? { leads: 0, converted: 0 };
    const o = opps.get(c.id) ?? { opportunities: 0, won: 0, wonAmounts: [] };
    const metrics = campaignMetrics({ currency: c.currency, actualCost: c.actualCost, leads: l.leads, wonAmounts: o.wonAmounts });
    return {
      leads: l.leads,
      convertedLeads: l.converted,
      opportunities: o.opportunities,
      wonOpportunities: o.won,
      wonAmounts: o.wonAmounts,
      wonAmount: metrics.wonAmount,
      currency: c.currency,
      actualCost: c.actualCost,
      roi: metrics.roi,
      costPerLead: metrics.costPerLead,
    };
  }
}
