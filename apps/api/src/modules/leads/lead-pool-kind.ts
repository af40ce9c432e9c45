import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { conflict } from '@core/http/domain-error';
import { OwnedRecords } from '@core/ownership/owned-records';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { PooledKindsService } from '@modules/pools/pooled-kinds.service';
import { Lead } from './lead.entity';
import { LeadErrorCode } from './leads.errors';
import { LeadsService } from './leads.service';

/** Leads in pools: the ownership SQL over `leads`, the converted-is-read-only rule, and the dedupe index. */
@Injectable()
export class LeadPoolKind implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kinds: PooledKindsService,
    private readonly leads: LeadsService,
    private readonly approvals: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.kinds.register<Lead>({
      records: new OwnedRecords(this.ds, Lead, { entityType: 'lead', module: 'leads', alias: 'l', returnableWhere: `t.status <> 'converted'` }),
      assertMovable: async (l, m) => {
        if (l.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
        await this.approvals.assertNotPending('lead', l.id, m);
      },
      afterMove: async (m, moves) => {
        for (const { record } of moves) await this.leads.syncContactPoints(m, record);
      },
      toResponse: async (actor, lead, m) => (await this.leads.toResponses(actor, [lead], m))[0],
    });
  }
}
