import type { AuthUser } from '@core/auth/auth-user';
import { emailFor, phoneFor, seesUnmasked } from '@core/util/mask';
import type { Contact } from './contact.entity';
import type { ContactResponse } from './dto/contact.dto';

export interface ContactNames {
  owners: Map<string, string>;
  accounts: Map<string, string>;
}

/** The API shape of a contact; phones and email masked unless the user may view sensitive fields. */
export function toContactResponse(c: Contact, user: AuthUser | null, names: ContactNames): Omit<ContactResponse, 'actions'> {
  return {
    id: c.id,
    accountId: c.accountId,
    accountName: c.accountId ? (names.accounts.get(c.accountId) ?? null) : null,
    name: c.name,
    title: c.title,
    mobile: phoneFor(user, c.mobile, c.ownerId),
    workPhone: phoneFor(user, c.workPhone, c.ownerId),
    email: emailFor(user, c.email, c.ownerId),
    wechat: c.wechat,
    birthday: c.birthday,
    gender: c.gender,
    isPrimary: c.isPrimary,
    preferredChannel: c.preferredChannel,
    doNotCall: c.doNotCall,
    doNotEmail: c.doNotEmail,
    doNotSms: c.doNotSms,
    notes: c.notes,
    ownerId: c.ownerId,
    ownerName: c.ownerId ? (names.owners.get(c.ownerId) ?? null) : null,
    departmentId: c.departmentId,
    lastActivityAt: c.lastActivityAt,
    externalId: c.externalId,
    masked: !seesUnmasked(user, c.ownerId) && !!(c.mobile || c.workPhone || c.email),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
