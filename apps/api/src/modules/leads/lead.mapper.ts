import type { AuthUser } from '@core/auth/auth-user';
import { emailFor, phoneFor, seesUnmasked } from '@core/util/mask';
import type { Lead } from './lead.entity';
import type { LeadResponse } from './dto/lead.dto';

/** The API shape of a lead; phone and email masked unless the user may view sensitive fields. */
export function toLeadResponse(l: Lead, user: AuthUser | null, ownerNames: Map<string, string>, campaignNames: Map<string, string> = new Map()): Omit<LeadResponse, 'actions'> {
  return {
    id: l.id,
    name: l.name,
    company: l.company,
    title: l.title,
    phone: phoneFor(user, l.phone, l.ownerId),
    email: emailFor(user, l.email, l.ownerId),
    source: l.source,
    status: l.status,
    score: l.score,
    province: l.province,
    city: l.city,
    notes: l.notes,
    tags: l.tags ?? [],
    campaignId: l.campaignId,
    campaignName: l.campaignId ? (campaignNames.get(l.campaignId) ?? null) : null,
    ownerId: l.ownerId,
    ownerName: l.ownerId ? (ownerNames.get(l.ownerId) ?? null) : null,
    departmentId: l.departmentId,
    poolId: l.poolId,
    nextFollowUpAt: l.nextFollowUpAt,
    lastActivityAt: l.lastActivityAt,
    convertedAt: l.convertedAt,
    convertedAccountId: l.convertedAccountId,
    convertedContactId: l.convertedContactId,
    convertedOpportunityId: l.convertedOpportunityId,
    externalId: l.externalId,
    masked: !seesUnmasked(user, l.ownerId) && !!(l.phone || l.email),
    version: l.version,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}
