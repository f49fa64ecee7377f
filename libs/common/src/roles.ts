/** Every role a Huiqi user can hold. A user has exactly one role. */
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

/** Roles that belong to a zone's staff (bound to exactly one zone). */
export const STAFF_ROLES: readonly Role[] = [
  'officer',
  'director',
  'expert',
  'finance',
  'policy_admin',
  'auditor',
];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
