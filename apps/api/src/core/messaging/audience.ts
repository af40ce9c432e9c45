import { HttpStatus } from '@nestjs/common';
import type { AuthUser } from '@core/auth/auth-user';
import { DomainError } from '@core/http/domain-error';

/** Who a broadcast of any channel goes to: chosen contacts, a campaign's contact segment or a saved view of the contacts list. */
export interface Audience {
  type: 'contacts' | 'campaign' | 'savedView';
  contactIds?: string[];
  campaignId?: string;
  savedViewId?: string;
}

/**
 * What listing an audience needs from the modules that own the data (contacts, campaigns, saved views), passed
 * in by the channel module so core depends on none of them.
 */
export interface AudiencePorts {
  readableContacts(actor: AuthUser, ids: string[]): Promise<Set<string>>;
  /** The campaign's segment (404 outside the actor's scope). */
  campaignSegment(actor: AuthUser, id: string): Promise<{ target: string; filter: unknown } | null>;
  /** The saved view's list and its filter / search (404 when not the actor's to use). */
  savedView(actor: AuthUser, id: string): Promise<{ listKey: string; filter?: unknown; q?: string }>;
  /** A page of the contacts list in the actor's scope (the list's own query: filter, q, cursor, limit). */
  listContacts(actor: AuthUser, query: { filter?: string; q?: string; cursor?: string; limit: number }): Promise<{ ids: string[]; next: string | null; total: number; totalIsEstimate: boolean }>;
}

export interface AudiencePage {
  ids: string[];
  next: string | null;
  total: number;
  totalIsEstimate: boolean;
}

/**
 * One page of contact ids of the audience, in the actor's data scope (never all at once: a broadcast streams
 * pages). `notContacts` is the channel's error code for a segment or view that is not of contacts (422).
 */
export async function audiencePage(ports: AudiencePorts, actor: AuthUser, a: Audience, cursor: string | null, limit: number, notContacts: string): Promise<AudiencePage> {
  const bad = (field: string) => new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, `${field} is required`, [{ field: `audience.${field}`, code: 'required', message: 'required' }]);
  if (a.type === 'contacts') {
    if (!a.contactIds?.length) throw bad('contactIds');
    const readable = await ports.readableContacts(actor, a.contactIds);
    const ids = a.contactIds.filter((id) => readable.has(id));
    const from = Number(cursor ?? 0);
    const next = from + limit < ids.length ? String(from + limit) : null;
    return { ids: ids.slice(from, from + limit), next, total: ids.length, totalIsEstimate: false };
  }
  let query: { filter?: string; q?: string };
  if (a.type === 'campaign') {
    if (!a.campaignId) throw bad('campaignId');
    const segment = await ports.campaignSegment(actor, a.campaignId);
    if (!segment || segment.target !== 'contacts') throw new DomainError(notContacts, HttpStatus.UNPROCESSABLE_ENTITY, 'The campaign has no contact segment');
    query = { filter: JSON.stringify(segment.filter) };
  } else {
    if (!a.savedViewId) throw bad('savedViewId');
    const v = await ports.savedView(actor, a.savedViewId);
    if (v.listKey !== 'contacts') throw new DomainError(notContacts, HttpStatus.UNPROCESSABLE_ENTITY, 'The view is not of the contacts list');
    query = { ...(v.filter ? { filter: JSON.stringify(v.filter) } : {}), ...(v.q ? { q: v.q } : {}) };
  }
  return ports.listContacts(actor, { ...query, limit, ...(cursor ? { cursor } : {}) });
}
