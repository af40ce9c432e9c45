import type { AuthUser } from '@core/auth/auth-user';
import { phoneFor } from '@core/util/mask';
import type { RelatedNames } from '@modules/tasks/related-records.service';
import type { Activity } from './activity.entity';
import type { ActivityResponse } from './dto/activity.dto';

/** The API shape of an activity; the caller's number is masked unless the user may view sensitive fields. */
export function toActivityResponse(a: Activity, user: AuthUser | null, owners: Map<string, string>, related: RelatedNames): ActivityResponse {
  return {
    id: a.id,
    type: a.type,
    subject: a.subject,
    content: a.content,
    occurredAt: a.occurredAt,
    direction: a.direction,
    durationSec: a.durationSec,
    outcome: a.outcome,
    callerPhone: phoneFor(user, a.callerPhone, a.ownerId),
    plannedAt: a.plannedAt,
    location: a.location,
    status: a.status,
    leadId: a.leadId,
    leadName: a.leadId ? (related.leads.get(a.leadId) ?? null) : null,
    accountId: a.accountId,
    accountName: a.accountId ? (related.accounts.get(a.accountId) ?? null) : null,
    contactId: a.contactId,
    contactName: a.contactId ? (related.contacts.get(a.contactId) ?? null) : null,
    opportunityId: a.opportunityId,
    opportunityName: a.opportunityId ? (related.opportunities.get(a.opportunityId) ?? null) : null,
    ownerId: a.ownerId,
    ownerName: owners.get(a.ownerId) ?? null,
    departmentId: a.departmentId,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
