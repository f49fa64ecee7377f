import { DomainError } from '@huiqi/core/errors/domain-error';
import { SEED_CATALOG } from '@huiqi/policies';
import { acceptDefinition } from './program-definition-input';

const seed = SEED_CATALOG.find((d) => d.code === 'changsha-etdz.rnd-investment')!;
const target = { code: seed.code, zone: seed.zone, version: 2 };
const withoutIdentity = () => {
  const { code: _code, zone: _zone, version: _version, ...rest } = JSON.parse(JSON.stringify(seed));
  return rest as Record<string, unknown>;
};

function fieldsOf(body: unknown): string[] {
  try {
    acceptDefinition(body, target);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).fieldIssues.map((f) => f.field).sort();
  }
  throw new Error('accepted');
}

describe('acceptDefinition', () => {
  it('fills code, zone and version from the target', () => {
    const def = acceptDefinition(withoutIdentity(), target);
    expect(def).toMatchObject({ code: seed.code, zone: 'changsha-etdz', version: 2 });
  });

  it('refuses code, zone or version that contradict the target, by field', () => {
    expect(fieldsOf({ ...withoutIdentity(), zone: 'ningxiang-htz', version: 3 })).toEqual([
      'version',
      'zone',
    ]);
  });

  it("reports the library's issues by field path, several messages of one field together", () => {
    const body = withoutIdentity();
    (body.amount as Record<string, unknown>).rateBasisPoints = 10_001;
    body.sla = {};
    const fields = fieldsOf(body);
    expect(fields).toContain('amount.rateBasisPoints');
    expect(fields.some((f) => f.startsWith('sla'))).toBe(true);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fieldsOf('a string')).toEqual(['(root)']);
    expect(fieldsOf(null)).toEqual(['(root)']);
  });
});
