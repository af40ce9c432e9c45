import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { fillFromDuplicates, latest } from '@core/crud/record-rules';
import { DomainEvents } from '@core/events/domain-events';
import { conflict, notFound } from '@core/http/domain-error';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { Lead } from './lead.entity';
import { AssignLeadDto, LeadResponse, MergeDto, ReleaseDto } from './dto/lead.dto';
import { LeadErrorCode } from './leads.errors';
import { LeadsService } from './leads.service';

/** Who holds a lead: manual assignment, claiming from a pool, release, the nightly return, and merging. */
@Injectable()
export class LeadOwnershipService implements OnModuleInit {
  constructor(
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    // a converted lead keeps pointing at what it became when that record is merged into another
    this.events.on('account.merged', async (m, e) => {
      await m.update(Lead, { convertedAccountId: In(e.fromIds) }, { convertedAccountId: e.intoId });
    });
    this.events.on('contact.merged', async (m, e) => {
      await m.update(Lead, { convertedContactId: In(e.fromIds) }, { convertedContactId: e.intoId });
    });
    this.events.on('pool.returnDue', async (m, due) => {
      const stale: Lead[] = await m
        .getRepository(Lead)
        .createQueryBuilder('l')
        .where('l.pool_id = :pool AND l.owner_id IS NOT NULL', { pool: due.poolId })
        .andWhere(`l.status NOT IN ('converted')`)
        .andWhere('coalesce(l.last_activity_at, l.claimed_at, l.created_at) < :cutoff', { cutoff: due.cutoff })
        .setLock('pessimistic_write')
        .getMany();
      for (const lead of stale) {
        const formerOwner = lead.ownerId!;
        await m.update(Lead, { id: lead.id }, { ownerId: null, claimedAt: null, version: lead.version + 1 });
        await this.audit.record(m, null, 'return', 'lead', lead.id, [{ field: 'ownerId', old: formerOwner, new: null }]);
        await this.notifications.notify(m, [formerOwner], {
          kind: 'pool.returned',
          title: `线索「${lead.name}」已退回公海 / Lead "${lead.name}" went back to ${due.poolName}`,
          body: `No follow-up since ${due.cutoff.toISOString().slice(0, 10)}.`,
          entityType: 'lead',
          entityId: lead.id,
        });
        lead.ownerId = null;
        await this.leads.syncContactPoints(m, lead);
      }
      await this.leads.pools.endClaim(m, 'lead', stale.map((l) => l.id));
      due.returned.lead = (due.returned.lead ?? 0) + stale.length;
    });
  }

  async assign(actor: AuthUser, id: string, dto: AssignLeadDto): Promise<LeadResponse> {
    return this.leads.ds.transaction(async (m) => {
      const departmentId = await this.leads.ownerDepartment(m, actor, dto.ownerId);
      const before = await this.leads.store.get(actor, id, m, { lock: true });
      if (before.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
      const lead = await this.leads.store.update(actor, id, undefined, (l) => {
        l.ownerId = dto.ownerId;
        l.departmentId = departmentId;
        l.claimedAt = null;
        return dto.reason ? [{ field: 'reason', old: null, new: dto.reason }] : [];
      }, m);
      await this.leads.pools.endClaim(m, 'lead', [id]);
      await this.leads.syncContactPoints(m, lead);
      if (dto.ownerId !== actor.id && dto.ownerId !== before.ownerId) {
        await this.notifications.notify(m, [dto.ownerId], {
          kind: 'lead.assigned',
          title: `新线索「${lead.name}」分配给你 / Lead "${lead.name}" was assigned to you`,
          body: dto.reason,
          entityType: 'lead',
          entityId: id,
        });
      }
      return (await this.leads.toResponses(actor, [lead], m))[0];
    });
  }

  /** Takes an ownerless lead out of its pool (claim limit and membership enforced by the pool). */
  async claim(actor: AuthUser, id: string): Promise<LeadResponse> {
    return this.leads.ds.transaction(async (m) => {
      const lead = await m.getRepository(Lead).createQueryBuilder('l').where('l.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!lead) throw notFound('lead');
      if (lead.ownerId) {
        // someone holds it: whether it exists is only the business of those who may see it
        await this.leads.store.get(actor, id, m);
        throw conflict(LeadErrorCode.LEAD_NOT_IN_POOL, 'The lead is not in a pool (someone holds it)');
      }
      if (!lead.poolId) throw conflict(LeadErrorCode.LEAD_NOT_IN_POOL, 'The lead is not in a pool');
      await this.leads.pools.claim(m, actor, lead.poolId, 'lead', id);
      const before = { ownerId: lead.ownerId, departmentId: lead.departmentId };
      lead.ownerId = actor.id;
      lead.departmentId = actor.departmentId;
      lead.claimedAt = new Date();
      const saved = await m.getRepository(Lead).save(lead);
      await this.audit.record(m, actor, 'claim', 'lead', id, [
        { field: 'ownerId', old: before.ownerId, new: actor.id },
        { field: 'departmentId', old: before.departmentId, new: actor.departmentId },
      ]);
      await this.leads.syncContactPoints(m, saved);
      return (await this.leads.toResponses(actor, [saved], m))[0];
    });
  }

  /** Gives a lead back to a pool with a reason. */
  async release(actor: AuthUser, id: string, dto: ReleaseDto): Promise<LeadResponse> {
    return this.leads.ds.transaction(async (m) => {
      const current = await this.leads.store.get(actor, id, m, { lock: true });
      if (!current.ownerId) throw conflict(LeadErrorCode.LEAD_NOT_OWNED, 'The lead is already in a pool');
      if (current.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
      const pool = await this.leads.pools.resolveReleasePool(m, dto.poolId ?? current.poolId, current.departmentId, dto.poolId ? actor : undefined);
      const lead = await this.leads.store.update(actor, id, undefined, (l) => {
        l.ownerId = null;
        l.claimedAt = null;
        l.poolId = pool.id;
        l.departmentId = pool.departmentId ?? l.departmentId;
      }, m);
      await this.audit.record(m, actor, 'release', 'lead', id, [{ field: 'reason', old: null, new: dto.reason }]);
      await this.leads.pools.endClaim(m, 'lead', [id]);
      await this.leads.syncContactPoints(m, lead);
      return (await this.leads.toResponses(actor, [lead], m))[0];
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
