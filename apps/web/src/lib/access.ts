/**
 * What each role sees: the one place that decides menus and route guards (Ant Design Pro's access.ts).
 * A screen added by a feature registers its area here; roles not listed do not see it.
 */
export const ROLES = [
  'enterprise',
  'officer',
  'director',
  'expert',
  'finance',
  'policy_admin',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type Area =
  | 'home'
  | 'enterprise'
  | 'review'
  | 'director'
  | 'finance'
  | 'catalog'
  | 'audit'
  | 'admin'
  | 'factVerification'
  | 'publicityDesk'
  | 'objections';

export const ACCESS: Record<Area, readonly Role[]> = {
  home: ROLES,
  enterprise: ['enterprise'],
  review: ['officer', 'director', 'expert', 'auditor'],
  director: ['director'],
  finance: ['finance', 'auditor'],
  catalog: ['policy_admin', 'auditor', 'admin'],
  audit: ['auditor', 'director'],
  admin: ['admin'],
  // Declared facts are verified by the zone's officers and directors (GET /declared-facts).
  factVerification: ['officer', 'director'],
  publicityDesk: ['officer', 'director', 'auditor'],
  // Whoever may object (objection-policy.ts: not auditors, not admins) follows their objections.
  objections: ['enterprise', 'officer', 'director', 'expert', 'finance', 'policy_admin'],
};

export function canAccess(role: string | undefined, area: Area): boolean {
  return !!role && (ACCESS[area] as readonly string[]).includes(role);
}
