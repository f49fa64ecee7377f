import type { Role } from '@huiqi/common';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person who logs in. Staff are bound to one zone; enterprise users to one enterprise (and its zone);
 * admins to neither. `tokenVersion` is bumped to revoke every token a user holds.
 */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'zone_id', type: 'uuid', nullable: true })
  zoneId: string | null;

  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId: string | null;

  /** The enterprise's first user, who may invite and remove colleagues. */
  @Column({ name: 'is_enterprise_owner', type: 'boolean', default: false })
  isEnterpriseOwner: boolean;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', default: 'zh-CN' })
  locale: 'zh-CN' | 'en';

  /** The language chosen for API messages; null: each request's Accept-Language decides. */
  @Column({ name: 'language_preference', type: 'text', nullable: true })
  languagePreference: 'zh-CN' | 'en' | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
