import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { LeadsService } from '@modules/leads/leads.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import { TaskErrorCode } from './tasks.errors';

export type RelatedKind = 'lead' | 'account' | 'contact' | 'opportunity';

export interface RelatedIds {
  leadId?: string | null;
  accountId?: string | null;
  contactId?: string | null;
  opportunityId?: string | null;
}

export interface ResolvedRelated {
  leadId: string | null;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
}

export interface RelatedNames {
  leads: Map<string, string>;
  accounts: Map<string, string>;
  contacts: Map<string, string>;
  opportunities: Map<string, string>;
}

/**
 * The customer records an activity or task is about, reached only through the customer and
 * opportunity modules' services: access checks (a record you cannot read is a 404), a contact or an
 * opportunity implying its account, and display names for responses. Shared by tasks and activities.
 */
@Injectable()
export class RelatedRecordsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  /** Checks the actor can read each given record; a contact fills in (and must agree with) the account. */
  async resolve(m: EntityManager, actor: AuthUser, ids: RelatedIds): Promise<ResolvedRelated> {
    const out: ResolvedRelated = {
      leadId: ids.leadId ?? null,
      accountId: ids.accountId ?? null,
      contactId: ids.contactId ?? null,
      opportunityId: ids.opportunityId ?? null,
    };
    if (out.leadId) await this.assertReadable(m, actor, 'lead', out.leadId);
    if (out.opportunityId) {
      // the opportunity's account comes with it, like a contact's
      const opportunity = await this.opportunities.getVisible(actor, out.opportunityId, m);
      if (out.accountId && out.accountId !== opportunity.accountId) {
        throw badRequest(TaskErrorCode.RELATED_ACCOUNT_MISMATCH, 'accountId', 'accountId must be the account of the given opportunity (or be left out)');
      }
      out.accountId = opportunity.accountId;
    }
    if (out.contactId) {
      const contact = await this.contacts.getVisible(actor, out.contactId, m);
      if (out.accountId && contact.accountId && out.accountId !== contact.accountId) {
        throw badRequest(TaskErrorCode.RELATED_ACCOUNT_MISMATCH, 'accountId', 'accountId must be the account of the given contact (or be left out)');
      }
      // the contact's (or opportunity's) account comes with it even when the actor cannot open that account
      if (!out.accountId) out.accountId = contact.accountId;
      else if (!out.opportunityId) await this.assertReadable(m, actor, 'account', out.accountId);
    } else if (out.accountId && !out.opportunityId) {
      await this.assertReadable(m, actor, 'account', out.accountId);
    }
    return out;
  }

  /** 404 unless the actor may read the record (inside their data scope and not deleted). */
  async assertReadable(m: EntityManager, actor: AuthUser, kind: RelatedKind, id: string): Promise<void> {
    if (kind === 'lead') await this.leads.getVisible(actor, id, m);
    else if (kind === 'account') await this.accounts.getVisible(actor, id, m);
    else if (kind === 'opportunity') await this.opportunities.getVisible(actor, id, m);
    else await this.contacts.getVisible(actor, id, m);
  }

  /** 404 unless the actor may view the record: as assertReadable, and also a lead or account waiting in a pool they can browse. */
  async assertViewable(m: EntityManager, actor: AuthUser, kind: RelatedKind, id: string): Promise<void> {
    if (kind === 'lead') await this.leads.getReadable(actor, id, m);
    else if (kind === 'account') await this.accounts.getReadable(actor, id, m);
    else if (kind === 'opportunity') await this.opportunities.getVisible(actor, id, m);
    else await this.contacts.getVisible(actor, id, m);
  }

  /** Names of the leads, accounts or contacts among `ids` the actor may read; the others are left out (never their names). */
  async readableNames(m: EntityManager, actor: AuthUser, kind: RelatedKind, ids: string[]): Promise<Map<string, string>> {
    const owner = kind === 'lead' ? this.leads : kind === 'account' ? this.accounts : kind === 'opportunity' ? this.opportunities : this.contacts;
    const readable = [...(await owner.readable(actor, ids, m))];
    return owner.namesByIds(readable, m);
  }

  /** Ids of the account's contacts (for an account's timeline, which includes its contacts' activities). */
  async contactIdsOfAccount(m: EntityManager, accountId: string): Promise<string[]> {
    return this.contacts.idsOfAccount(accountId, m);
  }

  /** Display names of the related records (deleted ones are left out). */
  async names(m: EntityManager, rows: RelatedIds[]): Promise<RelatedNames> {
    return {
      leads: await this.leads.namesByIds(rows.map((r) => r.leadId), m),
      accounts: await this.accounts.namesByIds(rows.map((r) => r.accountId), m),
      contacts: await this.contacts.namesByIds(rows.map((r) => r.contactId), m),
      opportunities: await this.opportunities.namesByIds(rows.map((r) => r.opportunityId), m),
    };
  }
}
