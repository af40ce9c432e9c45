import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { ContactPointsService } from '@modules/dedupe/contact-points.service';
import type { Account } from './account.entity';
import { AccountRecords } from './account-records';

/**
 * Accounts and the approval engine: the 撞单 approval of an account saved anyway over someone else's
 * customer (same behaviour as leads, see LeadApprovals): created pending and locked, deleted when rejected.
 */
@Injectable()
export class AccountApprovals implements OnModuleInit {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly contactPoints: ContactPointsService,
    private readonly records: AccountRecords,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind({
      kind: 'account',
      triggers: ['submit', 'duplicate_override'],
      fields: {
        name: 'string',
        type: 'string',
        industry: 'string',
        level: 'string',
        lifecycleStage: 'string',
        province: 'string',
        city: 'string',
        ownerId: 'user',
        duplicateOwnerId: 'user',
        createdAt: 'date',
      },
    });
    this.events.on('approval.rejected', async (m, e) => {
      if (e.kind !== 'account' || e.trigger !== 'duplicate_override') return;
      await this.records.store.softDeleteMany(null, [e.recordId], m);
      await this.contactPoints.remove(m, 'account', e.recordId);
    });
  }

  /** After a create with `allowDuplicate`: starts the 撞单 approval when the duplicate is someone else's. */
  async afterDuplicateCreate(m: EntityManager, actor: AuthUser, a: Account): Promise<void> {
    const others = await this.contactPoints.otherOwners(m, { phones: [a.phone], emails: [a.email] }, [actor.id, a.ownerId ?? actor.id], [
      { entityType: 'account', id: a.id },
    ]);
    if (!others.length) return;
    const values = {
      id: a.id,
      name: a.name,
      type: a.type,
      industry: a.industry,
      level: a.level,
      lifecycleStage: a.lifecycleStage,
      province: a.province,
      city: a.city,
      ownerId: a.ownerId,
      createdAt: a.createdAt,
    };
    await this.approvals.requireApproval('account', { ...values, duplicateOwnerId: others[0] }, actor, 'duplicate_override', m);
  }
}
