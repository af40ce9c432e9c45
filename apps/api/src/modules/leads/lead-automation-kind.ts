import { Injectable, OnModuleInit } from '@nestjs/common';
import { AutomationKinds } from '@core/records/automation-kinds';
import { LEAD_SOURCES, LEAD_STATUSES } from './lead.entity';
import { LeadRecords } from './lead-records';
import { LeadsService } from './leads.service';
import type { UpdateLeadDto } from './dto/lead.dto';

/** Leads for workflow rules: their fields, and updates through LeadsService (converted leads stay read-only). */
@Injectable()
export class LeadAutomationKind implements OnModuleInit {
  constructor(
    private readonly kinds: AutomationKinds,
    private readonly records: LeadRecords,
    private readonly leads: LeadsService,
  ) {}

  onModuleInit(): void {
    this.kinds.register({
      type: 'lead',
      module: 'leads',
      store: this.records.store,
      pooled: true,
      fields: [
        { name: 'name', type: 'string', updatable: true },
        { name: 'company', type: 'string', updatable: true },
        { name: 'title', type: 'string', updatable: true },
        // converting is its own action (it creates the account and contact): rules cannot set it
        { name: 'status', type: 'enum', options: LEAD_STATUSES.filter((s) => s !== 'converted'), updatable: true },
        { name: 'source', type: 'enum', options: LEAD_SOURCES, updatable: true },
        { name: 'score', type: 'number' },
        { name: 'province', type: 'string', updatable: true },
        { name: 'city', type: 'string', updatable: true },
        { name: 'notes', type: 'string', updatable: true },
        { name: 'ownerId', type: 'user' },
        { name: 'poolId', type: 'string' },
        { name: 'nextFollowUpAt', type: 'date', updatable: true },
        { name: 'lastActivityAt', type: 'date' },
        { name: 'createdAt', type: 'date' },
      ],
      update: async (actor, id, patch, version) => {
        await this.leads.update(actor, id, patch as UpdateLeadDto, version);
      },
    });
  }
}
