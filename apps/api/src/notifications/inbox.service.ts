import { updateReturning } from '@huiqi/core/database/update-returning';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf } from '../http/pagination';
import type { NotificationInboxQueryDto } from './notifications.dto';
import type { InboxPageView, NotificationView } from './notifications.views';

interface NotificationRow {
  id: string;
  template: string;
  title: string;
  body: string;
  link: string | null;
  application_id: string | null;
  locale: string;
  read_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, template, title, body, link, application_id, locale, read_at, created_at';

/** The caller's own in-app inbox. Every query is bound to the caller: nobody reads another's inbox. */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async list(userId: string, query: NotificationInboxQueryDto): Promise<InboxPageView> {
    const filter =
      query.unread === undefined ? '' : query.unread ? 'AND read_at IS NULL' : 'AND read_at IS NOT NULL';
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 ${filter}
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, query.pageSize, offsetOf(query)],
      ) as Promise<NotificationRow[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE true ${filter})::int AS total,
                count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE user_id = $1`,
        [userId],
      ) as Promise<{ total: number; unread: number }[]>,
    ]);
    return {
      items: rows.map(toView),
      total: counts[0].total,
      unreadCount: counts[0].unread,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Marks one of the caller's notifications read (again is fine); someone else's is 404. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    const rows = await updateReturning<NotificationRow>(
      this.dataSource.manager,
      `UPDATE notifications SET read_at = coalesce(read_at, now())
       WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId],
    );
    if (rows.length === 0) throw DomainError.notFound('notification');
    return toView(rows[0]);
  }

  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [, marked] = (await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as [unknown, number];
    return { marked };
  }
}

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    template: r.template,
    title: r.title,
    body: r.body,
    link: r.link,
    applicationId: r.application_id,
    locale: r.locale,
    read: r.read_at !== null,
    readAt: r.read_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}
