import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { conflict, notFound } from '@core/http/domain-error';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { Lead } from './lead.entity';
import { AssignLeadDto, LeadResponse, ReleaseDto } from './dto/lead.dto';
import { LeadErrorCode } from './leads.errors';
import { PoolsService } from '@modules/pools/pools.service';
import { LeadRecords } from './lead-records';
import { LeadsService } from './leads.service';

/** Who holds a lead: manual assignment, claiming from a pool, release and the nightly return. */
@Injectable()
export class LeadOwnershipService implements OnModuleInit {
  constructor(
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly records: LeadRecords,
    private readonly pools: PoolsService,
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
      await this.pools.endClaim(m, 'lead', stale.map((l) => l.id));
      due.returned.lead = (due.returned.lead ?? 0) + stale.length;
    });
  }

  async assign(actor: AuthUser, id: string, dto: AssignLeadDto): Promise<LeadResponse> {
    return this.records.transaction(async (m) => {
      const departmentId = await this.leads.ownerDepartment(m, actor, dto.ownerId);
      const before = await this.records.store.get(actor, id, m, { lock: true });
      if (before.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
      const lead = await this.records.store.update(actor, id, undefined, (l) => {
        l.ownerId = dto.ownerId;
        l.departmentId = departmentId;
        l.claimedAt = null;
        return dto.reason ? [{ field: 'reason', old: null, new: dto.reason }] : [];
      }, m);
      await this.pools.endClaim(m, 'lead', [id]);
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
    return this.records.transaction(async (m) => {
      const lead = await m.getRepository(Lead).createQueryBuilder('l').where('l.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!lead) throw notFound('lead');
      if (lead.ownerId) {
        // someone holds it: whether it exists is only the business of those who may see it
        await this.records.store.get(actor, id, m);
        throw conflict(LeadErrorCode.LEAD_NOT_IN_POOL, 'The lead is not in a pool (someone holds it)');
      }
      if (!lead.poolId) throw conflict(LeadErrorCode.LEAD_NOT_IN_POOL, 'The lead is not in a pool');
      await this.pools.claim(m, actor, lead.poolId, 'lead', id);
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
    return this.records.transaction(async (m) => {
      const current = await this.records.store.get(actor, id, m, { lock: true });
      if (!current.ownerId) throw conflict(LeadErrorCode.LEAD_NOT_OWNED, 'The lead is already in a pool');
      if (current.status === 'converted') throw conflict(LeadErrorCode.LEAD_CONVERTED, 'A converted lead is read-only');
      const pool = await this.pools.resolveReleasePool(m, dto.poolId ?? current.poolId, current.departmentId, dto.poolId ? actor : undefined);
      const lead = await this.records.store.update(actor, id, undefined, (l) => {
        l.ownerId = null;
        l.claimedAt = null;
        l.poolId = pool.id;
        l.departmentId = pool.departmentId ?? l.departmentId;
      }, m);
      await this.audit.record(m, actor, 'release', 'lead', id, [{ field: 'reason', old: null, new: dto.reason }]);
      await this.pools.endClaim(m, 'lead', [id]);
      await this.leads.syncContactPoints(m, lead);
      return (await this.leads.toResponses(actor, [lead], m))[0];
    });
  }
}
