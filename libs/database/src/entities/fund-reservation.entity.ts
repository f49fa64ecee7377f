import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/** What one application holds against its fund pool: reserved at approval, then released or paid. */
@Entity({ name: 'fund_reservations' })
export class FundReservationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ type: 'text' })
  status: 'reserved' | 'released' | 'paid';

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
