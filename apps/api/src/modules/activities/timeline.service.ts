import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, scopeOf } from '@core/auth/auth-user';
import { AuditService, type FieldChange } from '@core/audit/audit.service';
import { badRequest } from '@core/http/domain-error';
import { changeTypeOf, referencedIds } from '@core/audit/change-types';
import { maskChanges } from '@core/util/mask';
import { CampaignsService } from '@modules/campaigns/campaigns.service';
import { ProjectsService } from '@modules/projects/projects.service';
import type { RelatedKind } from '@modules/tasks/related-records.service';
import { TasksService, TimelinePosition, TimelineTarget } from '@modules/tasks/tasks.service';
import { Activity } from './activity.entity';
import { ActivitiesService } from './activities.service';
import { TimelineChangeDto, TimelineItemDto, TimelineKind, TimelinePage, TimelineQueryDto } from './dto/timeline.dto';

type Entry = { kind: TimelineKind; id: string; at: Date };

/** Newest first, ties broken by id descending (the order every source is read in). */
const newestFirst = (a: Entry, b: Entry) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function encodeCursor(e: Entry): string {
  return Buffer.from(JSON.stringify({ t: e.at.toISOString(), i: e.id })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): TimelinePosition | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: string; i: string };
    const at = new Date(v.t);
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(v.i)) throw new Error('bad');
    return { at, id: v.i };
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid');
  }
}

/**
 * A record's history: its activities, tasks and audited field changes merged newest first. Each
 * source is read with the same keyset condition and limit from its own index, and the pages are merged,
 * so a deep page costs the same as the first. Whoever may read the record sees its activities and
 * tasks (when their role has the activities / tasks module at all); phones and emails are masked.
 */
@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly activities: ActivitiesService,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly campaigns: CampaignsService,
    private readonly projects: ProjectsService,
  ) {}

  async forRecord(actor: AuthUser, kind: RelatedKind | 'campaign' | 'project', id: string, query: TimelineQueryDto): Promise<TimelinePage> {
    const before = decodeCursor(query.cursor);
    const limit = query.limit ?? 20;
    const m = this.ds.manager;
    if (kind === 'project') {
      // a project's history: its changes (status, milestones reached, tasks completed) and its tasks
      await this.projects.getVisible(actor, id, m);
      const entries: Entry[] = (await this.changeSlice(m, kind, id, before, limit + 1)).map((e) => ({ kind: 'change' as const, ...e }));
      if (scopeOf(actor, 'tasks')) {
        entries.push(...(await this.tasks.timelineSlice(m, { projectId: id }, before, limit + 1)).map((e) => ({ kind: 'task' as const, ...e })));
      }
      entries.sort(newestFirst);
      const page = entries.slice(0, limit);
      const nextCursor = entries.length > limit ? encodeCursor(page[page.length - 1]) : null;
      return { data: await this.hydrate(actor, m, kind, page), nextCursor };
    }
    if (kind === 'campaign') {
      // activities and tasks are not about campaigns: a campaign's history is its changes
      await this.campaigns.getVisible(actor, id, m);
      const changes = (await this.changeSlice(m, kind, id, before, limit + 1)).map((e) => ({ kind: 'change' as const, ...e }));
      const page = changes.slice(0, limit);
      const nextCursor = changes.length > limit ? encodeCursor(page[page.length - 1]) : null;
      return { data: await this.hydrate(actor, m, kind, page), nextCursor };
    }
    await this.activities.related.assertViewable(m, actor, kind, id);
    const target: TimelineTarget =
      kind === 'lead'
        ? { leadId: id }
        : kind === 'opportunity'
          ? { opportunityId: id }
          : kind === 'account'
          ? { accountId: id, contactIds: await this.activities.related.contactIdsOfAccount(m, id) }
          : { contactIds: [id] };

    const entries: Entry[] = [];
    if (scopeOf(actor, 'activities')) {
      entries.push(...(await this.activitySlice(m, target, before, limit + 1)).map((e) => ({ kind: 'activity' as const, ...e })));
    }
    if (scopeOf(actor, 'tasks')) {
      entries.push(...(await this.tasks.timelineSlice(m, target, before, limit + 1)).map((e) => ({ kind: 'task' as const, ...e })));
    }
    entries.push(...(await this.changeSlice(m, kind, id, before, limit + 1)).map((e) => ({ kind: 'change' as const, ...e })));

    entries.sort(newestFirst);
    const page = entries.slice(0, limit);
    const nextCursor = entries.length > limit ? encodeCursor(page[page.length - 1]) : null;
    return { data: await this.hydrate(actor, m, kind, page), nextCursor };
  }

  private async activitySlice(m: EntityManager, target: TimelineTarget, before: TimelinePosition | null, limit: number) {
    const qb = m.getRepository(Activity).createQueryBuilder('a').select(['a.id', 'a.occurredAt']);
    if (target.leadId) qb.andWhere('a.lead_id = :lid', { lid: target.leadId });
    else if (target.opportunityId) qb.andWhere('a.opportunity_id = :oid', { oid: target.opportunityId });
    else if (target.accountId) {
      qb.andWhere(target.contactIds?.length ? '(a.account_id = :aid OR a.contact_id IN (:...cids))' : 'a.account_id = :aid', {
        aid: target.accountId,
        cids: target.contactIds,
      });
    } else if (target.contactIds?.length) qb.andWhere('a.contact_id IN (:...cids)', { cids: target.contactIds });
    else return [];
    if (before) qb.andWhere('(a.occurred_at, a.id) < (:bat, :bid)', { bat: before.at, bid: before.id });
    const rows = await qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
    return rows.map((a) => ({ id: a.id, at: a.occurredAt }));
  }

  private async changeSlice(m: EntityManager, kind: RelatedKind | 'campaign' | 'project', id: string, before: TimelinePosition | null, limit: number) {
    const rows: { id: string; created_at: Date }[] = await m.query(
      `SELECT id, created_at FROM audit_logs
        WHERE entity_type = $1 AND entity_id = $2 AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [kind, id, before?.at ?? null, before?.id ?? null, limit],
    );
    return rows.map((r) => ({ id: r.id, at: r.created_at }));
  }

  private async hydrate(actor: AuthUser, m: EntityManager, kind: RelatedKind | 'campaign' | 'project', page: Entry[]): Promise<TimelineItemDto[]> {
    const ids = (k: TimelineKind) => page.filter((e) => e.kind === k).map((e) => e.id);
    const activities = await this.activities.byIds(actor, ids('activity'), m);
    const tasks = await this.tasks.byIds(ids('task'), m);
    const changes = await this.changes(actor, m, kind, ids('change'));
    return page.map((e) => ({
      kind: e.kind,
      at: e.at,
      id: e.id,
      ...(e.kind === 'activity' ? { activity: activities.get(e.id) } : e.kind === 'task' ? { task: tasks.get(e.id) } : { change: changes.get(e.id) }),
    }));
  }

  private async changes(actor: AuthUser, m: EntityManager, kind: RelatedKind | 'campaign' | 'project', ids: string[]): Promise<Map<string, TimelineChangeDto>> {
    if (!ids.length) return new Map();
    const rows: { id: string; action: string; actor_id: string | null; actor_name: string | null; changes: FieldChange[] }[] = await m.query(
      `SELECT id, action, actor_id, actor_name, changes FROM audit_logs WHERE id = ANY($1)`,
      [ids],
    );
    const typed = new Map(
      rows.map((r) => [r.id, maskChanges(r.changes ?? [], actor).map((c) => ({ ...c, ...changeTypeOf(kind, c.field, [c.old, c.new]) }))]),
    );
    const names = await this.audit.referenceNames(actor, [...typed.values()].flat(), m);
    return new Map(
      rows.map((r) => {
        const changes = typed.get(r.id)!;
        const mine = Object.fromEntries(
          changes.flatMap((c) => (c.type === 'reference' ? referencedIds([c.old, c.new]) : [])).filter((v) => names.has(v)).map((v) => [v, names.get(v)!]),
        );
        return [r.id, { action: r.action, actorId: r.actor_id, actorName: r.actor_name, changes, labels: mine }];
      }),
    );
  }
}
