import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { notFound } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { Notification } from './notification.entity';
import { NotificationPage, NotificationResponse, QueryNotificationsDto } from './dto/notification.dto';

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  entityType?: string;
  entityId?: string;
}

/** Cuts to at most `max` characters without splitting a surrogate pair, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const LIST_SPEC: ListSpec = {
  idColumn: 'n.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'n.created_at', value: (n: Notification) => n.createdAt } },
  search: ['n.title'],
};

const toNotificationResponse = (n: Notification): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
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
    await manager.query(
      `INSERT INTO notifications (user_id, kind, title, body, entity_type, entity_id)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6`,
      // titles embed user-entered names: cut them to the column instead of failing the whole action
      [userIds, n.kind.slice(0, 50), clip(n.title, 200), n.body ? clip(n.body, 4000) : null, n.entityType ?? null, n.entityId ?? null],
    );
  }

  async list(user: AuthUser, query: QueryNotificationsDto): Promise<NotificationPage> {
    const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :uid', { uid: user.id });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const page = await paginate(qb, query, LIST_SPEC);
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    return { ...page, data: page.data.map(toNotificationResponse), unread: n };
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
