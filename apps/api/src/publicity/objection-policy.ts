import type { Principal } from '../auth/principal';

/** States in which a case is published (公示) and open to objections. */
export const PUBLIC_STATES: readonly string[] = ['publicity', 'objection'];

/**
 * Who may object to a case in publicity — the one place this rule lives. Any signed-in user of the
 * case's zone (its enterprises and staff) may; a user of another zone may not: an objection parks the
 * case for a director, and one zone's users must not be able to stall another zone's grants (they
 * get 404, as for any case they cannot see). The applicant itself and auditors are refused by the
 * machine's objector policy (403).
 */
export function mayObject(p: Pick<Principal, 'zoneId'>, app: { zoneId: string; state: string }): boolean {
  return PUBLIC_STATES.includes(app.state) && p.zoneId !== null && p.zoneId === app.zoneId;
}
