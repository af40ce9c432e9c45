import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { notFound } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { Notification } from './notification.entity';
import { clip, NotificationLocale, NotificationParams, renderNotification } from './notification-texts';
import { NotificationPage, NotificationResponse, QueryNotificationsDto } from './dto/notification.dto';

export interface NewNotification {
  /** The text's key, e.g. `pool.returned`: the SPA's `notifications.kinds.<kind>` and the API's catalogue. */
  kind: string;
  params: NotificationParams;
  entityType?: string;
  entityId?: string;
}

/** Longest user-entered value kept in params (a name, a reason). */
const PARAM_MAX = 80;
const clipParam = (v: NotificationParams[string]) =>
  typeof v === 'string' ? clip(v, PARAM_MAX) : Array.isArray(v) ? v.map((x) => clip(x, PARAM_MAX)) : v;

const LIST_SPEC: ListSpec = {
  idColumn: 'n.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'n.created_at', value: (n: Notification) => n.createdAt } },
  // names in the params, in any language the reader types them
  search: ['n.params::text'],
};

const toNotificationResponse = (n: Notification, locale: NotificationLocale): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  params: n.params,
  ...renderNotification(n.kind, n.params, n.entityType, locale),
  entityType: n.entityType,
  entityId: n.entityId,
  readAt: n.readAt,
  createdAt: n.createdAt,
});

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Writes notifications inside the caller's transaction. */
  async notify(manager: EntityManager, userIds: string[], n: NewNotification): Promise<void> {
    if (!userIds.length) return;
    // params carry user-entered names: cut them instead of failing the whole action
    const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, clipParam(v)]));
    await manager.query(
      `INSERT INTO notifications (user_id, kind, params, entity_type, entity_id)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5`,
      [userIds, n.kind.slice(0, 50), JSON.stringify(params), n.entityType ?? null, n.entityId ?? null],
    );
  }

  /** The user's notifications with their text rendered in `locale` (the SPA renders `kind` + `params` itself). */
  async list(user: AuthUser, query: QueryNotificationsDto, locale: NotificationLocale): Promise<NotificationPage> {
    const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :uid', { uid: user.id });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const page = await paginate(qb, query, LIST_SPEC);
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    return { ...page, data: page.data.map((x) => toNotificationResponse(x, locale)), unread: n };
  }

  async markRead(user: AuthUser, id: string): Promise<void> {
    const res: [unknown[], number] = await this.ds.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, user.id],
    );
    if (!res[1]) throw notFound('notification');
  }

  async markAllRead(user: AuthUser): Promise<void> {
    await this.ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
  }
}
