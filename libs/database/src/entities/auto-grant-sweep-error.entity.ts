import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An enterprise a sweep could not evaluate or offer to (its offers were rolled back; the sweep went on). */
@Entity({ name: 'auto_grant_sweep_errors' })
export class AutoGrantSweepErrorEntity {
  @PrimaryColumn({ type: 'bigint', insert: false, update: false })
  id: string;

  @Column({ name: 'sweep_id', type: 'uuid' })
  sweepId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
