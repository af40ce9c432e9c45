import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import type { Lead } from './lead.entity';
import { LeadRecords } from './lead-records';

/**
 * Leads and the approval engine. 撞单: a lead saved anyway (`allowDuplicate`) although its phone or
 * email belongs to someone else's lead, account or contact is created at once but pending and locked,
 * and goes to that owner's manager (`duplicate_override`, default flow from migration 1764500000000;
 * disabling the flow lets "Save anyway" pass freely). Approved: the lead stays; rejected: it is deleted
 * (an admin can restore it), the comment in its history and in the submitter's notification.
 */
@Injectable()
export class LeadApprovals implements OnModuleInit {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly contactPoints: ContactPointsService,
    private readonly records: LeadRecords,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind({
      kind: 'lead',
      triggers: ['submit', 'duplicate_override'],
      fields: {
        name: 'string',
        company: 'string',
        source: 'string',
        status: 'string',
        score: 'number',
        province: 'string',
        city: 'string',
        ownerId: 'user',
        duplicateOwnerId: 'user',
        createdAt: 'date',
      },
    });
    this.events.on('approval.rejected', async (m, e) => {
      if (e.kind !== 'lead' || e.trigger !== 'duplicate_override') return;
      await this.records.store.softDeleteMany(null, [e.recordId], m);
      await this.contactPoints.remove(m, 'lead', e.recordId);
    });
  }

  /** After a create with `allowDuplicate`: starts the 撞单 approval when the duplicate is someone else's. */
  async afterDuplicateCreate(m: EntityManager, actor: AuthUser, lead: Lead): Promise<void> {
    const others = await this.contactPoints.otherOwners(m, { phones: [lead.phone], emails: [lead.email] }, [actor.id, lead.ownerId ?? actor.id], [
      { entityType: 'lead', id: lead.id },
    ]);
    if (!others.length) return;
    await this.approvals.requireApproval('lead', { ...this.values(lead), duplicateOwnerId: others[0] }, actor, 'duplicate_override', m);
  }

  values(l: Lead) {
    return {
      id: l.id,
      name: l.name,
      company: l.company,
      source: l.source,
      status: l.status,
      score: l.score,
      province: l.province,
      city: l.city,
      ownerId: l.ownerId,
      createdAt: l.createdAt,
    };
  }
}
