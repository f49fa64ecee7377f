import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An enterprise registered in one zone, identified by its USCC, with the account subsidies are paid to. */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  uscc: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'bank_name', type: 'text', nullable: true })
  bankName: string | null;

  @Column({ name: 'bank_account_name', type: 'text', nullable: true })
  bankAccountName: string | null;

  @Column({ name: 'bank_account_no', type: 'text', nullable: true })
  bankAccountNo: string | null;

  @Column({ name: 'bank_cnaps_code', type: 'text', nullable: true })
  bankCnapsCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
