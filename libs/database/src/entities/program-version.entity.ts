import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One version of a program definition (libs/policies schema). Immutable once published. */
@Entity({ name: 'program_versions' })
export class ProgramVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  mode: 'apply' | 'auto' | 'commitment';

  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'policy_document_code', type: 'text' })
  policyDocumentCode: string;

  @Column({ type: 'text' })
  status: 'draft' | 'published';

  /** The program definition as published (validated by `parseProgramDefinition`). */
  @Column({ type: 'jsonb' })
  definition: unknown;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Bumped by every save of a draft; its ETag, so that concurrent editors cannot overwrite each other. */
  @Column({ type: 'integer', insert: false })
  revision: number;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
