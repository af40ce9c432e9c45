import { Injectable, OnModuleInit } from '@nestjs/common';
import { OPPORTUNITY_SOURCES } from '@keyuan/shared';
import { AutomationKinds } from '@core/records/automation-kinds';
import { OpportunityRecords } from './opportunity-records';
import { OpportunitiesService } from './opportunities.service';
import type { UpdateOpportunityDto } from './dto/opportunity.dto';

/** Opportunities for workflow rules: their fields, and updates through OpportunitiesService (stage rules hold). */
@Injectable()
export class OpportunityAutomationKind implements OnModuleInit {
  constructor(
    private readonly kinds: AutomationKinds,
    private readonly records: OpportunityRecords,
    private readonly opportunities: OpportunitiesService,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      type: 'opportunity',
      module: 'opportunities',
      store: this.records.store,
      pooled: false,
      fields: [
        { name: 'name', type: 'string', updatable: true },
        { name: 'stageId', type: 'string' },
        { name: 'pipelineId', type: 'string' },
        { name: 'amount', type: 'number' },
        { name: 'currency', type: 'string' },
        { name: 'probability', type: 'number' },
        { name: 'source', type: 'enum', options: OPPORTUNITY_SOURCES, updatable: true },
        { name: 'nextStep', type: 'string', updatable: true },
        { name: 'ownerId', type: 'user' },
        { name: 'expectedCloseDate', type: 'date', updatable: true },
        { name: 'wonAt', type: 'date' },
        { name: 'lostAt', type: 'date' },
        { name: 'createdAt', type: 'date' },
      ],
      update: async (actor, id, patch, version) => {
        await this.opportunities.update(actor, id, patch as UpdateOpportunityDto, version);
      },
    });
  }
}
