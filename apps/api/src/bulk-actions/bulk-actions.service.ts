import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { ApplicationEntity } from '@huiqi/database';
import { QueueName } from '@huiqi/queues';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { applyInboxFilters, applyInboxSort, resolveInboxSearch } from '../inbox/inbox-filter';
import { BULK_MAX_CASES, CreateBulkActionDto } from './bulk-actions.dto';
import { BulkActionCaseView, BulkActionView } from './bulk-actions.views';

/** The stage each role acts on in bulk: officers recommend at first review, directors decide. */
const BULK_STAGE: Record<string, string> = { officer: 'first_review', director: 'director_approval' };

interface BulkRow {
  id: string;
  zone_id: string;
  action: string;
  comment: string;
  status: string;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

function toView(r: BulkRow): BulkActionView {
  return {
    id: r.id,
    action: r.action,
    comment: r.comment,
    status: r.status,
    total: r.total,
    done: r.done,
    succeeded: r.succeeded,
    failed: r.failed,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

/**
 * Bulk approvals and returns: the request fixes the selection (explicit ids, or every case matching
 * an inbox filter at the caller's stage) and hands it to the worker through the outbox; each case
 * then succeeds or fails on its own (BulkActionRunner). Zone-scoped: another zone's ids are 404.
 */
@Injectable()
export class BulkActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async create(p: Principal, dto: CreateBulkActionDto): Promise<BulkActionView> {
    if ((dto.applicationIds == null) === (dto.filter == null)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'Send either applicationIds or filter', {}, [
        { field: 'applicationIds', messages: ['send either applicationIds or filter, not both or neither'] },
      ]);
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (m) => {
      const cases = dto.applicationIds
        ? await this.explicitSelection(m, p, dto.applicationIds)
        : await this.filterSelection(m, p, dto);
      if (cases.length === 0) {
        throw new DomainError(DomainErrorCode.Unprocessable, 'No case matches the filter at your stage', {}, [
          { field: 'filter', messages: ['no case matches'] },
        ]);
      }
      await m.query(
        `INSERT INTO bulk_actions (id, zone_id, action, comment, created_by, created_by_role, selection, status, total)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'queued', $8)`,
        [
          id,
          p.zoneId,
          dto.action,
          dto.comment,
          p.userId,
          p.role,
          JSON.stringify(dto.filter ? { filter: dto.filter } : { applicationIds: 'explicit' }),
          cases.length,
        ],
      );
      await m.query(
        `INSERT INTO bulk_action_items (bulk_action_id, seq, application_id)
         SELECT $1, t.ord - 1, t.id FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
        [id, cases],
      );
      await this.outbox.enqueue(m, [
        {
          queue: QueueName.BulkActions,
          jobName: `bulk-${dto.action}`,
          payload: { bulkActionId: id },
          dedupKey: `bulk-action:${id}`,
        },
      ]);
    });
    return this.get(p, id, false);
  }

  async get(p: Principal, id: string, withItems = true): Promise<BulkActionView> {
    const rows: BulkRow[] = await this.dataSource.query(`SELECT * FROM bulk_actions WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row || row.zone_id !== p.zoneId) throw DomainError.notFound('bulk action');
    const view = toView(row);
    if (!withItems) return view;
    const items: {
      application_id: string;
      reference: string;
      enterprise_name: string;
      outcome: 'succeeded' | 'failed' | null;
      state_after: string | null;
      error_type: string | null;
      error_detail: string | null;
    }[] = await this.dataSource.query(
      `SELECT i.application_id, a.reference, e.name AS enterprise_name, i.outcome, i.state_after,
              i.error_type, i.error_detail
       FROM bulk_action_items i
       JOIN applications a ON a.id = i.application_id
       JOIN enterprises e ON e.id = a.enterprise_id
       WHERE i.bulk_action_id = $1 ORDER BY i.seq`,
      [id],
    );
    view.items = items.map((i): BulkActionCaseView => ({
      applicationId: i.application_id,
      reference: i.reference,
      enterpriseName: i.enterprise_name,
      outcome: i.outcome,
      stateAfter: i.state_after,
      error: i.error_type ? { type: i.error_type, detail: i.error_detail ?? '' } : null,
    }));
    return view;
  }

  async list(p: Principal): Promise<BulkActionView[]> {
    const rows: BulkRow[] = await this.dataSource.query(
      `SELECT * FROM bulk_actions WHERE zone_id = $1 ORDER BY created_at DESC LIMIT 50`,
      [p.zoneId],
    );
    return rows.map(toView);
  }

  /** Every id must be a case of the caller's zone (past draft); any other is a 404 naming none of them. */
  private async explicitSelection(m: EntityManager, p: Principal, ids: string[]): Promise<string[]> {
    const lower = ids.map((i) => i.toLowerCase());
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM applications WHERE id = ANY($1::uuid[]) AND zone_id = $2 AND state <> 'draft'`,
      [lower, p.zoneId],
    );
    if (rows.length !== lower.length) throw DomainError.notFound('application');
    return lower;
  }

  private async filterSelection(m: EntityManager, p: Principal, dto: CreateBulkActionDto): Promise<string[]> {
    const filter = dto.filter!;
    const qb = m
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .limit(BULK_MAX_CASES + 1);
    applyInboxFilters(qb, p, filter, await resolveInboxSearch(m, p, filter.q));
    applyInboxSort(qb, filter.sort);
    qb.andWhere('a.state = :bulkStage', { bulkStage: BULK_STAGE[p.role] });
    if (p.role === 'officer')
      qb.andWhere('(a.assignee_id = :bulkMe OR a.assignee_id IS NULL)', { bulkMe: p.userId });
    const rows: { id: string }[] = await qb.getRawMany();
    if (rows.length > BULK_MAX_CASES) {
      throw new DomainError(
        DomainErrorCode.Unprocessable,
        `More than ${BULK_MAX_CASES} cases match; narrow the filter`,
        { maxCases: BULK_MAX_CASES },
        [{ field: 'filter', messages: [`more than ${BULK_MAX_CASES} cases match`] }],
      );
    }
    return rows.map((r) => r.id);
  }
}
