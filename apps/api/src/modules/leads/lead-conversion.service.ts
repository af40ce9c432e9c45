import { Injectable } from '@nestjs/common';
import { can } from '@keyuan/shared';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainEvents } from '@core/events/domain-events';
import { badRequest, conflict, forbidden } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { OpportunitiesService } from '@modules/opportunities/opportunities.service';
import type { DedupeEntity } from '@modules/dedupe/contact-points.service';
import { ConvertLeadDto, ConvertLeadResponse } from './dto/convert-lead.dto';
import { PoolsService } from '@modules/pools/pools.service';
import { ApprovalsService } from '@modules/automation/approvals/approvals.service';
import { LeadRecords } from './lead-records';
import { LeadErrorCode } from './leads.errors';
import { LeadsService } from './leads.service';

/**
 * Lead → account (+ contact, + opportunity) in one transaction: create or link the account, create the contact,
 * mark the lead converted and read-only with links to what it became. Any failure (a duplicate, an
 * invalid field, an account out of scope) rolls everything back.
 */
@Injectable()
export class LeadConversionService {
  constructor(
    private readonly leads: LeadsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly events: DomainEvents,
    private readonly records: LeadRecords,
    private readonly pools: PoolsService,
    private readonly approvals: ApprovalsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  async convert(actor: AuthUser, id: string, dto: ConvertLeadDto): Promise<ConvertLeadResponse> {
    // conversion creates records of other modules: it needs their create permission too
    if (!dto.accountId && !can(actor.grants, 'accounts', 'create')) {
      throw forbidden('accounts:create', 'Converting into a new account needs the accounts:create permission');
    }
    if (dto.createContact !== false && !can(actor.grants, 'contacts', 'create')) {
      throw forbidden('contacts:create', 'Creating the contact needs the contacts:create permission (or pass createContact: false)');
    }
    if (dto.opportunity && !can(actor.grants, 'opportunities', 'create')) {
      throw forbidden('opportunities:create', 'Creating the opportunity needs the opportunities:create permission');
    }
    if (dto.accountId && dto.account) {
      throw badRequest('LEAD_CONVERT_ACCOUNT_AMBIGUOUS', 'account', 'Give either accountId (link) or account (create), not both');
    }
    return this.records.transaction(async (m) => {
      const lead = await this.records.store.get(actor, id, m, { lock: true });
      // a lead waiting for an approval (撞单) converts only once it is decided
      await this.approvals.assertNotPending('lead', id, m);
      if (lead.status === 'converted') {
        throw conflict(LeadErrorCode.LEAD_ALREADY_CONVERTED, 'The lead was already converted', undefined, {
          convertedAccountId: lead.convertedAccountId,
          convertedContactId: lead.convertedContactId,
        });
      }
      const exclude: { entityType: DedupeEntity; id: string }[] = [{ entityType: 'lead', id }];
      const individual = !lead.company;
      const account = dto.accountId
        ? await this.accounts.getVisible(actor, dto.accountId, m)
        : await this.accounts.createInTx(
            actor,
            m,
            {
              name: lead.company ?? lead.name,
              type: individual ? 'individual' : 'company',
              source: lead.source,
              province: lead.province,
              city: lead.city,
              // the number the lead was reached on, unless the caller says the account has its own
              phone: dto.copyPhoneToAccount === false ? null : lead.phone,
              // a person's email is not the company's: only an individual's account takes it
              email: individual ? lead.email : null,
              ...dto.account,
            },
            { allowDuplicate: dto.allowDuplicate, excludeFromDedupe: exclude },
          );
      const contact =
        dto.createContact === false
          ? null
          : await this.contacts.createInTx(
              actor,
              m,
              {
                accountId: account.id,
                name: lead.name,
                title: lead.title,
                mobile: lead.phone,
                email: lead.email,
                isPrimary: true,
                ...dto.contact,
              },
              { allowDuplicate: dto.allowDuplicate, excludeFromDedupe: [...exclude, { entityType: 'account', id: account.id }] },
            );
      const opportunity = dto.opportunity
        ? await this.opportunities.createInTx(
            actor,
            m,
            {
              name: lead.company ?? lead.name,
              accountId: account.id,
              contactId: contact?.id ?? null,
              source: lead.source,
              ...Object.fromEntries(Object.entries(dto.opportunity).filter(([, v]) => v !== undefined)),
            },
            { leadId: id, campaignId: lead.campaignId },
          )
        : null;
      // one `convert` entry with the fields that changed: one change, one timeline entry
      const converted = await this.records.store.update(
        actor,
        id,
        undefined,
        (l) => {
          l.status = 'converted';
          l.convertedAt = new Date();
          l.convertedAccountId = account.id;
          l.convertedContactId = contact?.id ?? null;
          l.convertedOpportunityId = opportunity?.id ?? null;
        },
        m,
        'convert',
      );
      await this.pools.endClaim(m, 'lead', [id]);
      await this.events.emit(m, 'lead.converted', { leadId: id, accountId: account.id, contactId: contact?.id ?? null, opportunityId: opportunity?.id ?? null });
      await this.leads.syncContactPoints(m, converted);
      return {
        lead: (await this.leads.toResponses(actor, [converted], m))[0],
        account: (await this.accounts.toResponses(actor, [account], m))[0],
        contact: contact ? (await this.contacts.toResponses(actor, [contact], m))[0] : null,
        opportunity: opportunity ? (await this.opportunities.toResponses(actor, [opportunity], m))[0] : null,
      };
    });
  }
}
