import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

/** Events modules publish about their records; payloads are plain data. */
export interface DomainEventMap {
  /** Duplicates were merged into `intoId`: modules holding references to them move those references. */
  'account.merged': { fromIds: string[]; intoId: string };
  'contact.merged': { fromIds: string[]; intoId: string };
  'lead.merged': { fromIds: string[]; intoId: string };
  /** A record changed owner (assignment, claim, release, return): followers such as tasks may follow. */
  'record.ownerChanged': { entityType: string; entityId: string; fromOwnerId: string | null; toOwnerId: string | null };
  /**
   * A follow-up happened (a call, note, email, or a visit/meeting marked done) on these records at `at`:
   * the modules owning them move their `last_activity_at` forward (never back).
   */
  /**
   * A lead became an account (and a contact): the lead's follow-ups and open tasks are carried over, so
   * its history stays visible on what it became (the lead keeps them too).
   */
  'lead.converted': { leadId: string; accountId: string; contactId: string | null; opportunityId?: string | null };
  'activity.logged': { activityId: string; at: Date; leadId: string | null; accountId: string | null; contactId: string | null };
  /**
   * An approval (automation/approvals) ended: the module owning the record moves on (`approved`) or puts
   * it back (`rejected`, e.g. to draft). Handled in the deciding transaction; the engine never writes
   * the module's tables.
   */
  'approval.approved': { approvalId: string; kind: string; recordId: string; trigger: string; submitterId: string };
  'approval.rejected': { approvalId: string; kind: string; recordId: string; trigger: string; submitterId: string; comment: string };
  /**
   * A contract became `active` (signed): after its approval, or at submit when no approval flow matched.
   * Emitted once per contract, inside the transaction that activates it. Finance listens to it to build
   * the payment plan. `amount` is a decimal string in `currency` (ISO 4217); dates are `YYYY-MM-DD`.
   */
  /**
   * A task of a project became `done` (tasks module): the projects module writes it on the project's
   * history, in the same transaction. `by` is who completed it (null: the system).
   */
  'task.completed': { taskId: string; projectId: string; title: string; by: AuthUser | null };
  'contract.signed': {
    contractId: string;
    number: string;
    accountId: string;
    amount: string;
    currency: string;
    paymentTerms: string | null;
    ownerId: string | null;
    signDate: string | null;
    startDate: string | null;
    endDate: string | null;
  };
}
export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (manager: EntityManager, payload: DomainEventMap[K]) => Promise<void>;

/**
 * In-process domain events handled synchronously inside the publisher's transaction, so a reaction
 * (e.g. moving contacts of a merged account) commits or rolls back with the change that caused it.
 * Modules subscribe in their constructor or onModuleInit; the publisher never imports the subscriber.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Handler<DomainEventName>[]>();

  on<K extends DomainEventName>(name: K, handler: Handler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as Handler<DomainEventName>);
    this.handlers.set(name, list);
  }

  async emit<K extends DomainEventName>(manager: EntityManager, name: K, payload: DomainEventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) {
      await (handler as unknown as Handler<K>)(manager, payload);
    }
  }
}
