import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationPreferencesDto } from './notifications.dto';
import type { NotificationPreferencesView } from './notifications.views';

/** Each user's channel choices; a user who never chose gets every channel. */
@Injectable()
export class NotificationPreferencesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<NotificationPreferencesView> {
    const rows: {
      in_app: boolean | null;
      email: boolean | null;
      webhook: boolean | null;
      address: string | null;
    }[] = await this.dataSource.query(
      `SELECT p.in_app, p.email, p.webhook, u.email AS address
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    const r = rows[0];
    return {
      inApp: r?.in_app ?? true,
      email: r?.email ?? true,
      webhook: r?.webhook ?? true,
      emailAddressOnFile: Boolean(r?.address),
    };
  }

  async set(userId: string, dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, in_app, email, webhook, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id) DO UPDATE
       SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, webhook = EXCLUDED.webhook, updated_at = now()`,
      [userId, dto.inApp, dto.email, dto.webhook],
    );
    return this.get(userId);
  }
}
