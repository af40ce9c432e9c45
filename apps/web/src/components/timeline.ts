import type { Component } from 'vue';
import { api, type ListPage, unwrap } from '@/api/client';
import type { Formatter } from '@/composables/useFormat';
import { describeChange } from './timelineChanges';

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

/** What the audit timeline needs to word changes in the reader's language (from useI18n and useFormat). */
export interface TimelineWording {
  t: (key: string, params?: Record<string, unknown>) => string;
  has: (key: string) => boolean;
  fmt: Pick<Formatter, 'dateTime' | 'date'>;
}

/**
 * The audit log of one record as timeline entries. With `wording`, changes show field and option labels,
 * local times and names for ids (as record timelines do); without it, raw keys and values.
 */
export function auditTimeline(entityType: string, entityId: string, limit = 20, wording?: TimelineWording): TimelineLoader {
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
        changes: wording
          ? log.changes.map((c) => describeChange(entityType, c, log.labels ?? {}, wording.t, wording.has, wording.fmt))
          : (log.changes as TimelineChange[]),
      })),
    };
  };
}
