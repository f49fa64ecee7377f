import { DomainError } from '@huiqi/core/errors/domain-error';
import type { Principal } from './principal';
import { inScopeOr404, isInScope, scopeFilter } from './scope';

const base: Principal = {
  userId: 'u',
  username: 'u',
  role: 'officer',
  zoneId: 'zone-a',
  enterpriseId: null,
  isEnterpriseOwner: false,
  displayName: 'u',
  language: null,
};
const enterpriseUser: Principal = { ...base, role: 'enterprise', enterpriseId: 'ent-1' };
const admin: Principal = { ...base, role: 'admin', zoneId: null };

describe('object scope', () => {
  const rowA = { zoneId: 'zone-a', enterpriseId: 'ent-1' };
  const rowB = { zoneId: 'zone-a', enterpriseId: 'ent-2' };
  const rowOtherZone = { zoneId: 'zone-b', enterpriseId: 'ent-3' };

  it('an enterprise user sees only its enterprise', () => {
    expect(isInScope(enterpriseUser, rowA)).toBe(true);
    expect(isInScope(enterpriseUser, rowB)).toBe(false);
    expect(isInScope(enterpriseUser, { zoneId: 'zone-a', enterpriseId: null })).toBe(false);
  });

  it.each(['officer', 'director', 'expert', 'finance', 'policy_admin', 'auditor'] as const)(
    '%s sees its zone only',
    (role) => {
      const p = { ...base, role };
      expect(isInScope(p, rowA)).toBe(true);
      expect(isInScope(p, rowB)).toBe(true);
      expect(isInScope(p, rowOtherZone)).toBe(false);
      expect(isInScope({ ...p, zoneId: null }, rowA)).toBe(false);
    },
  );

  it('admins see every zone', () => {
    expect(isInScope(admin, rowOtherZone)).toBe(true);
  });

  it('out of scope and missing both answer not-found', () => {
    expect(() => inScopeOr404(enterpriseUser, rowB, 'application')).toThrow(DomainError);
    expect(() => inScopeOr404(enterpriseUser, null, 'application')).toThrow('application not found');
    expect(inScopeOr404(enterpriseUser, rowA, 'application')).toBe(rowA);
  });

  it('list filters follow the same rule', () => {
    expect(scopeFilter(enterpriseUser)).toEqual({ enterpriseId: 'ent-1' });
    expect(scopeFilter(base)).toEqual({ zoneId: 'zone-a' });
    expect(scopeFilter(admin)).toEqual({});
  });
});
