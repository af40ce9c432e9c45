import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { fillFromDuplicates, latest } from '@core/crud/record-rules';
import { DomainEvents } from '@core/events/domain-events';
import { conflict } from '@core/http/domain-error';
import { Lead } from './lead.entity';
import { LeadResponse, MergeDto } from './dto/lead.dto';
import { LeadErrorCode } from './leads.errors';
import { LeadsService } from './leads.service';

/** Merging duplicate leads, and following merges of what converted leads became. Ownership moves are the pools module's. */
@Injectable()
export class LeadMergeService implements OnModuleInit {
  constructor(
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // a converted lead keeps pointing at what it became when that record is merged into another
    this.events.on('account.merged', async (m, e) => {
      await m.update(Lead, { convertedAccountId: In(e.fromIds) }, { convertedAccountId: e.intoId });
    });
    this.events.on('contact.merged', async (m, e) => {
      await m.update(Lead, { convertedContactId: In(e.fromIds) }, { convertedContactId: e.intoId });
    });
  }

  /**
   * Merges duplicates into the lead: empty fields are filled from the duplicates (first non-empty
   * wins), the duplicates are soft-deleted, and modules holding references move them (`lead.merged`).
   */
  async merge(actor: AuthUser, id: string, dto: MergeDto): Promise<LeadResponse> {
    const dupIds = [...new Set(dto.duplicateIds)].filter((d) => d !== id);
    if (!dupIds.length) throw conflict(LeadErrorCode.LEAD_MERGE_INVALID, 'duplicateIds must name other leads', [{ field: 'duplicateIds', message: 'must name other leads' }]);
    return this.leads.ds.transaction(async (m) => {
      const dups: Lead[] = [];
      for (const d of dupIds) dups.push(await this.leads.store.get(actor, d, m, { lock: true }));
      if (dups.some((d) => d.status === 'converted')) throw conflict(LeadErrorCode.LEAD_CONVERTED, 'Converted leads cannot be merged');
      const fillable = ['company', 'title', 'phone', 'email', 'province', 'city', 'notes', 'campaignId', 'nextFollowUpAt'] as const;
      const survivor = await this.leads.store.update(actor, id, undefined, (l) => {
        if (l.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
        fillFromDuplicates(l, dups, fillable);
        l.lastActivityAt = latest([l.lastActivityAt, ...dups.map((d) => d.lastActivityAt)]);
        return [{ field: 'mergedIds', old: null, new: dupIds }];
      }, m);
      await m.softDelete(Lead, { id: In(dupIds) });
      for (const d of dups) {
        await this.audit.record(m, actor, 'merge', 'lead', d.id, [{ field: 'mergedInto', old: null, new: id }]);
        await this.leads.syncContactPoints(m, { ...d, deletedAt: new Date() } as Lead);
      }
      await this.leads.pools.endClaim(m, 'lead', dupIds);
      await this.leads.syncContactPoints(m, survivor);
      await this.events.emit(m, 'lead.merged', { fromIds: dupIds, intoId: id });
      await this.leads.rescore(m, id);
      const fresh = await this.leads.store.get(actor, id, m);
      return (await this.leads.toResponses(actor, [fresh], m))[0];
    });
  }
}
