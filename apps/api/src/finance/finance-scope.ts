import type { Role } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import type { Principal } from '../auth/principal';

/** Finance staff work their zone's money; auditors of the zone read it. Everyone else gets 403 (roles). */
export const FINANCE_READERS: Role[] = ['finance', 'auditor'];
export const FINANCE_WRITERS: Role[] = ['finance'];
/** The zone's money in summary: also for its directors, who answer for the zone's programs. */
export const FINANCE_REPORT_READERS: Role[] = [...FINANCE_READERS, 'director'];

/** The zone whose money the caller may see (finance and auditors are always bound to one zone). */
export function financeZoneOf(principal: Principal): string {
  if (!principal.zoneId) throw DomainError.notFound('zone');
  return principal.zoneId;
}

/** The row if it belongs to the caller's zone; otherwise 404, exactly like a missing row. */
export function inFinanceZoneOr404<T extends { zoneId: string }>(
  principal: Principal,
  row: T | null | undefined,
  what: string,
): T {
  if (!row || row.zoneId !== principal.zoneId) throw DomainError.notFound(what);
  return row;
}

/** The actor recorded for a finance user's money movements. */
export function financeActorOf(principal: Principal): { userId: string; role: Role } {
  return { userId: principal.userId, role: principal.role };
}
