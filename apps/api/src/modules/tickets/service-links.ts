import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError } from '@core/http/domain-error';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService } from '@modules/contacts/contacts.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { ProductsService } from '@modules/products/products.service';
import { ServiceRecordRecords } from './service-record-records';
import { TicketRecords } from './ticket-records';
import { TicketErrorCode } from './tickets.errors';

/** The records a ticket, a return visit or a warranty record may point to. */
export interface ServiceLinkIds {
  accountId?: string | null;
  contactId?: string | null;
  productId?: string | null;
  contractId?: string | null;
  serviceRecordId?: string | null;
  ticketId?: string | null;
}

type LinkField = keyof ServiceLinkIds;

const CODES: Record<LinkField, TicketErrorCode> = {
  accountId: TicketErrorCode.TICKET_UNKNOWN_ACCOUNT,
  contactId: TicketErrorCode.TICKET_UNKNOWN_CONTACT,
  productId: TicketErrorCode.TICKET_UNKNOWN_PRODUCT,
  contractId: TicketErrorCode.TICKET_UNKNOWN_CONTRACT,
  serviceRecordId: TicketErrorCode.TICKET_UNKNOWN_SERVICE_RECORD,
  ticketId: TicketErrorCode.TICKET_UNKNOWN_TICKET,
};

/** 422 on the field: the linked record does not exist or lies outside the actor's scope (the same answer, so nothing leaks). */
export const linkUnknown = (field: LinkField, code: string = CODES[field]) =>
  new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, `${field} does not name a record you can read`, [{ field, message: `${field} does not name a record you can read` }]);

/**
 * Checks the links of service records against the acting user's scope, through the owning modules' exported
 * services (accounts, contacts and contracts by the actor's grant on them; the product catalogue is not
 * scoped; warranty records and tickets by the actor's tickets grant). A record outside the scope answers
 * like a missing one. `actor` null (the public web form, the demo seeder): existence only.
 */
@Injectable()
export class ServiceLinks {
  constructor(
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly contracts: ContractsService,
    private readonly products: ProductsService,
    private readonly serviceRecords: ServiceRecordRecords,
    private readonly tickets: TicketRecords,
  ) {}

  /** Throws `linkUnknown` for the first link the actor may not use; answers the product's name when one is linked. */
  async assert(m: EntityManager, actor: AuthUser | null, links: ServiceLinkIds, codes: Partial<Record<LinkField, string>> = {}): Promise<{ productName: string | null }> {
    const fail = (f: LinkField) => linkUnknown(f, codes[f] ?? CODES[f]);
    if (links.accountId && !(await this.visible(m, actor, links.accountId, this.accounts))) throw fail('accountId');
    if (links.contactId && !(await this.visible(m, actor, links.contactId, this.contacts))) throw fail('contactId');
    if (links.contractId) {
      const ok = actor ? await this.contracts.inScope(actor, links.contractId, m).then(() => true, notFoundIsFalse) : (await this.contracts.titlesByIds([links.contractId], m)).size > 0;
      if (!ok) throw fail('contractId');
    }
    let productName: string | null = null;
    if (links.productId) {
      const product = await this.products.getInTx(null as never, links.productId, m).catch(notFoundIsNull);
      if (!product) throw fail('productId');
      productName = product.name;
    }
    if (links.serviceRecordId && !(await this.visible(m, actor, links.serviceRecordId, this.serviceRecords))) throw fail('serviceRecordId');
    if (links.ticketId && !(await this.visible(m, actor, links.ticketId, this.tickets))) throw fail('ticketId');
    return { productName };
  }

  private async visible(
    m: EntityManager,
    actor: AuthUser | null,
    id: string,
    owner: { readable(actor: AuthUser, ids: string[], m?: EntityManager): Promise<Set<string>>; namesByIds(ids: string[], m?: EntityManager): Promise<Map<string, string>> },
  ): Promise<boolean> {
    return actor ? (await owner.readable(actor, [id], m)).has(id) : (await owner.namesByIds([id], m)).has(id);
  }
}

function notFoundIsFalse(e: unknown): false {
  if (e instanceof DomainError && e.code === 'NOT_FOUND') return false;
  throw e;
}

function notFoundIsNull(e: unknown): null {
  if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
  throw e;
}
