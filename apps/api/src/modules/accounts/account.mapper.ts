import type { AuthUser } from '@core/auth/auth-user';
import { emailFor, phoneFor, seesUnmasked } from '@core/util/mask';
import type { Account } from './account.entity';
import type { AccountResponse } from './dto/account.dto';

export interface AccountNames {
  owners: Map<string, string>;
  parents: Map<string, string>;
}

/** The API shape of an account; phone and email masked unless the user may view sensitive fields. */
export function toAccountResponse(a: Account, user: AuthUser | null, names: AccountNames): Omit<AccountResponse, 'actions'> {
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    industry: a.industry,
    size: a.size,
    source: a.source,
    level: a.level,
    lifecycleStage: a.lifecycleStage,
    phone: phoneFor(user, a.phone, a.ownerId),
    email: emailFor(user, a.email, a.ownerId),
    website: a.website,
    province: a.province,
    city: a.city,
    district: a.district,
    street: a.street,
    tags: a.tags ?? [],
    parentId: a.parentId,
    parentName: a.parentId ? (names.parents.get(a.parentId) ?? null) : null,
    ownerId: a.ownerId,
    ownerName: a.ownerId ? (names.owners.get(a.ownerId) ?? null) : null,
    departmentId: a.departmentId,
    poolId: a.poolId,
    claimedAt: a.claimedAt,
    nextFollowUpAt: a.nextFollowUpAt,
    lastActivityAt: a.lastActivityAt,
    externalId: a.externalId,
    masked: !seesUnmasked(user, a.ownerId) && !!(a.phone || a.email),
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
