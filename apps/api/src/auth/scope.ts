import { DomainError } from '@huiqi/core/errors/domain-error';
import type { Principal } from './principal';

/**
 * Object scope, the second half of authorization (roles are the first): an enterprise user sees only
 * its enterprise's rows, staff only their zone's, admins everything. Out-of-scope rows answer 404,
 * exactly like rows that do not exist, so ids cannot be probed.
 */
export interface ScopedRow {
  zoneId: string;
  enterpriseId?: string | null;
}

export function isInScope(principal: Principal, row: ScopedRow): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'enterprise') {
    return (
      row.enterpriseId !== undefined &&
      row.enterpriseId !== null &&
      row.enterpriseId === principal.enterpriseId
    );
  }
  return principal.zoneId !== null && row.zoneId === principal.zoneId;
}

/** Returns the row if the principal may see it; otherwise a 404 naming only what was asked for. */
export function inScopeOr404<T extends ScopedRow>(
  principal: Principal,
  row: T | null | undefined,
  what: string,
): T {
  if (!row || !isInScope(principal, row)) throw DomainError.notFound(what);
  return row;
}

/** The filter to add to any list query: enterprise users → their enterprise, staff → their zone. */
export function scopeFilter(principal: Principal): { zoneId?: string; enterpriseId?: string } {
  if (principal.role === 'admin') return {};
  if (principal.role === 'enterprise')
    return { enterpriseId: principal.enterpriseId ?? '00000000-0000-0000-0000-000000000000' };
  return { zoneId: principal.zoneId ?? '00000000-0000-0000-0000-000000000000' };
}
