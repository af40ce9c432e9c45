import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import type { TemplateValues } from '@core/messaging/render';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { LeadsService } from '@modules/leads/leads.service';
import type { EmailRecordType } from './dto/email.dto';

/** A record mail is written to or came from, with its holder (the message's data scope). */
export interface EmailRecord {
  type: EmailRecordType;
  id: string;
  name: string;
  /** Unmasked: resolved here, never from the client. */
  address: string | null;
  doNotEmail: boolean;
  ownerId: string | null;
  departmentId: string | null;
  values: TemplateValues;
}

/**
 * Which address a contact, lead or account has (read through its own module's service, in the sender's data
 * scope: 404 outside it), the template values it offers, and which record an inbound sender is (the dedupe
 * index: contacts first, then leads).
 */
@Injectable()
export class EmailRecipientsService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
  ) {}

  async resolve(actor: AuthUser, type: EmailRecordType, id: string): Promise<EmailRecord> {
    if (type === 'contact') {
      await this.contacts.getVisible(actor, id);
      const [t] = await this.contacts.messagingTargets([id]);
      const account = t.accountId ? ((await this.accounts.namesByIds([t.accountId])).get(t.accountId) ?? null) : null;
      return {
        type,
        id,
        name: t.name,
        address: t.email,
        doNotEmail: t.doNotEmail,
        ownerId: t.ownerId,
        departmentId: t.departmentId,
        values: { name: t.name, 'contact.name': t.name, 'account.name': account },
      };
    }
    if (type === 'lead') {
      const l = await this.leads.getVisible(actor, id);
      return { type, id, name: l.name, address: l.email, doNotEmail: false, ownerId: l.ownerId, departmentId: l.departmentId, values: { name: l.name, 'lead.name': l.name } };
    }
    const a = await this.accounts.getVisible(actor, id);
    return { type, id, name: a.name, address: a.email, doNotEmail: false, ownerId: a.ownerId, departmentId: a.departmentId, values: { name: a.name, 'account.name': a.name } };
  }

  /** Contacts by id for bulk mail (no scope: the audience was listed in the sender's), with their values. */
  async contactRecords(ids: string[]): Promise<EmailRecord[]> {
    const targets = await this.contacts.messagingTargets(ids);
    const accounts = await this.accounts.namesByIds(targets.map((t) => t.accountId));
    return targets.map((t) => ({
      type: 'contact' as const,
      id: t.id,
      name: t.name,
      address: t.email ? t.email.toLowerCase() : null,
      doNotEmail: t.doNotEmail,
      ownerId: t.ownerId,
      departmentId: t.departmentId,
      values: { name: t.name, 'contact.name': t.name, 'account.name': t.accountId ? (accounts.get(t.accountId) ?? null) : null },
    }));
  }

  /** The contact (else lead) with this sender address, no scope (inbound mail is filed for its record's holder). */
  async matchSender(address: string): Promise<(Omit<EmailRecord, 'values' | 'address' | 'doNotEmail'> & { accountId?: string | null }) | null> {
    const ids = await this.contacts.idsByEmail(address);
    if (ids.length) {
      const [t] = await this.contacts.messagingTargets([ids[0]]);
      if (t) return { type: 'contact', id: t.id, name: t.name, ownerId: t.ownerId, departmentId: t.departmentId, accountId: t.accountId };
    }
    const lead = await this.leads.holderByEmail(address);
    return lead ? { type: 'lead', id: lead.id, name: lead.name, ownerId: lead.ownerId, departmentId: lead.departmentId } : null;
  }

  /** Record names by type and id, for responses. */
  async names(refs: { type: EmailRecordType | null; id: string | null }[]): Promise<Map<string, string>> {
    const of = (t: EmailRecordType) => refs.filter((r) => r.type === t).map((r) => r.id);
    const [c, l, a] = await Promise.all([this.contacts.namesByIds(of('contact')), this.leads.namesByIds(of('lead')), this.accounts.namesByIds(of('account'))]);
    const out = new Map<string, string>();
    for (const [type, m] of [['contact', c], ['lead', l], ['account', a]] as const) for (const [id, n] of m) out.set(`${type}:${id}`, n);
    return out;
  }
}
