import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The channels a user wants notifications on; a user without a row gets every channel. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'in_app', type: 'boolean' })
  inApp: boolean;

  @Column({ type: 'boolean' })
  email: boolean;

  /** Forward this user's notifications to the zone's webhook endpoints (if the zone has any). */
  @Column({ type: 'boolean' })
  webhook: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
