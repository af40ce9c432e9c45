import type { Component } from 'vue';
import { api, type ListPage, unwrap } from '@/api/client';

export interface TimelineChange {
  field: string;
  old?: unknown;
  new?: unknown;
  /** The field's label in the reader's language (shown instead of the raw field key). */
  label?: string;
  /** The field got its first value: show only the new one. */
  created?: boolean;
}

export interface TimelineEntry {
  id: string;
  at: string;
  actor?: string | null;
  /** create, update, delete, restore, or a domain's own verb (call, visit...). */
  action: string;
  /** Free text (a note, a call summary). */
  text?: string | null;
  changes?: TimelineChange[];
  /** activity, task or change (from a record's timeline endpoint); absent for plain audit entries. */
  kind?: string;
  /** Icon of the dot (markRaw'd component). */
  icon?: Component;
  /** Dot colour (a CSS colour). */
  color?: string;
  /** Shown instead of the action's label: "Call · Follow-up on the quote". */
  summary?: string;
  /** Small facts under the summary: direction, outcome, duration, due time... */
  details?: string[];
}

export type TimelineLoader = (cursor?: string) => Promise<ListPage<TimelineEntry>>;

/** The audit log of one record as timeline entries. */
export function auditTimeline(entityType: string, entityId: string, limit = 20): TimelineLoader {
  return async (cursor) => {
    const page = await unwrap(
      api.GET('/api/v1/audit-logs', { params: { query: { entityType, entityId, limit, cursor } } }),
    );
    return {
      total: page.total,
      nextCursor: page.nextCursor,
      data: page.data.map((log) => ({
        id: log.id,
        at: log.createdAt,
        actor: log.actorName,
        action: log.action,
        changes: log.changes as TimelineChange[],
      })),
    };
  };
}
