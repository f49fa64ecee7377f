import { Brackets, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal';
import { scopeFilter } from '../auth/scope';
import type { InboxQueryDto, InboxSort } from './inbox.dto';

/** A case number (or its beginning) or a USCC: letters and at least one digit, no spaces or Chinese. */
const CODE_LIKE = /^(?=.*\d)[0-9A-Z]{4,30}$/i;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Beyond this many matching enterprises a search is broad, and searched with a sub-select. */
const MANY_ENTERPRISES = 2000;

export interface InboxSearch {
  term: string;
  referencePrefix: string | null;
  enterpriseIds: string[] | 'many';
}

/**
 * The search term, resolved in the caller's scope: a code-like term (letters with digits) is a case
 * number's beginning or a USCC (exact); any other is any part of an enterprise's name (pg_trgm index).
 */
export async function resolveInboxSearch(
  manager: EntityManager,
  p: Principal,
  term: string | undefined,
): Promise<InboxSearch | null> {
  const text = term?.trim();
  if (!text) return null;
  const scope = scopeFilter(p);
  const codeLike = CODE_LIKE.test(text);
  const where = codeLike ? 'uscc = $1' : `name ILIKE $1 ESCAPE '\\'`;
  const params: unknown[] = [codeLike ? text.toUpperCase() : `%${escapeLike(text)}%`, MANY_ENTERPRISES + 1];
  let zoneClause = '';
  if (scope.zoneId) {
    params.push(scope.zoneId);
    zoneClause = ` AND zone_id = $${params.length}`;
  }
  if (scope.enterpriseId) {
    params.push(scope.enterpriseId);
    zoneClause += ` AND id = $${params.length}`;
  }
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM enterprises WHERE ${where}${zoneClause} LIMIT $2`,
    params,
  );
  return {
    term: text,
    referencePrefix: codeLike ? text.toUpperCase() : null,
    enterpriseIds: rows.length > MANY_ENTERPRISES ? 'many' : rows.map((r) => r.id),
  };
}

/**
 * The inbox's WHERE clause, shared by the list, its export and "all matching a filter" bulk selections,
 * so what a reviewer sees is exactly what they export or act on. `a` is applications; scope first
 * (zone for staff, enterprise for enterprise users), drafts only for their enterprise.
 *
 * Search (resolved first by resolveInboxSearch): a case number by prefix, or the cases of the
 * enterprises found. With the enterprises as a literal array the planner knows how few they are and
 * ORs the applications' own indexes (reference prefix, enterprise) instead of walking the zone's
 * cases in inbox order with a filter.
 */
export function applyInboxFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  p: Principal,
  q: Partial<InboxQueryDto>,
  search: InboxSearch | null,
): SelectQueryBuilder<T> {
  const scope = scopeFilter(p);
  if (scope.zoneId) qb.andWhere('a.zone_id = :scopeZoneId', { scopeZoneId: scope.zoneId });
  if (scope.enterpriseId)
    qb.andWhere('a.enterprise_id = :scopeEnterpriseId', { scopeEnterpriseId: scope.enterpriseId });
  if (p.role !== 'enterprise') qb.andWhere(`a.state <> 'draft'`);
  if (q.state?.length) qb.andWhere('a.state IN (:...states)', { states: q.state });
  if (q.programCode) qb.andWhere('a.program_code = :programCode', { programCode: q.programCode });
  if (q.mode) qb.andWhere('a.mode = :mode', { mode: q.mode });
  if (q.stage) qb.andWhere('a.stage = :stage', { stage: q.stage });
  if (q.enterpriseId)
    qb.andWhere('a.enterprise_id = :filterEnterprise', { filterEnterprise: q.enterpriseId });
  if (q.overdue !== undefined)
    qb.andWhere(q.overdue ? 'a.stage_due_at < now()' : '(a.stage_due_at IS NULL OR a.stage_due_at >= now())');
  if (q.assignedToMe || q.assignee === 'mine') qb.andWhere('a.assignee_id = :me', { me: p.userId });
  else if (q.assignee === 'unassigned') qb.andWhere('a.assignee_id IS NULL');
  else if (q.assignee) qb.andWhere('a.assignee_id = :assignee', { assignee: q.assignee.toLowerCase() });

  if (search) {
    qb.andWhere(
      new Brackets((w) => {
        if (search.referencePrefix)
          w.orWhere(`a.reference LIKE :refPrefix ESCAPE '\\'`, {
            refPrefix: `${escapeLike(search.referencePrefix)}%`,
          });
        if (search.enterpriseIds === 'many') {
          // A broad name (most of the zone): the ordered walk with a filter is the right plan.
          w.orWhere(
            `a.enterprise_id IN (SELECT id FROM enterprises WHERE zone_id = a.zone_id AND name ILIKE :nameTerm ESCAPE '\\')`,
            { nameTerm: `%${escapeLike(search.term)}%` },
          );
        } else {
          w.orWhere('a.enterprise_id = ANY(:searchEnterprises::uuid[])', {
            searchEnterprises: search.enterpriseIds,
          });
        }
      }),
    );
  }
  return qb;
}

const SORT_COLUMNS: Record<string, string> = {
  due: 'a.stage_due_at',
  submitted: 'a.submitted_at',
  created: 'a.created_at',
  reference: 'a.reference',
  amount: 'coalesce(a.approved_amount_fen, a.computed_amount_fen)',
};

/**
 * The inbox order. The default (deadline first, then newest) matches ix_applications_zone_inbox_order;
 * every order ends with the id so pages never overlap or skip rows that tie.
 */
export function applyInboxSort<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: InboxSort | undefined,
): SelectQueryBuilder<T> {
  const key = sort ?? 'due';
  const descending = key.startsWith('-');
  const column = SORT_COLUMNS[key.replace(/^-/, '')];
  qb.orderBy(column, descending ? 'DESC' : 'ASC', descending ? 'NULLS LAST' : 'NULLS LAST');
  if (key === 'due') qb.addOrderBy('a.created_at', 'DESC');
  return qb.addOrderBy('a.id', 'ASC');
}
