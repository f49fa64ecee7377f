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

describe('acceptDefinition messages', () => {
  function issuesOf(body: unknown) {
    try {
      acceptDefinition(body, target);
    } catch (error) {
      return (error as DomainError).localizedIssues;
    }
    throw new Error('accepted');
  }
  const hasHan = (s: string) => /[\u4e00-\u9fff]/.test(s);

  it('are Chinese first, each at its field, with the English beside it', () => {
    // Consistency is checked once the structure is right, so the two kinds come from two bodies.
    const inconsistent = withoutIdentity();
    inconsistent.effectiveTo = '2000-01-01';
    const malformed = withoutIdentity();
    malformed.title = { zh: 5, en: 'x' };
    malformed.effectiveFrom = '2026-02-30';
    malformed.surprise = true;
    (malformed.amount as Record<string, unknown>).rateBasisPoints = 10_001;
    const issues = [...issuesOf(inconsistent), ...issuesOf(malformed)];
    const byField = new Map(issues.map((i) => [i.field, i.messages]));
    expect(byField.get('effectiveTo')).toEqual([
      { zh: '必须晚于生效日期（effectiveFrom）', en: 'must be after effectiveFrom' },
    ]);
    expect(byField.get('surprise')).toEqual([{ zh: '未知字段', en: 'unknown field' }]);
    expect(byField.get('effectiveFrom')).toEqual([
      { zh: '应为有效日期（YYYY-MM-DD）', en: 'expected a real date YYYY-MM-DD' },
    ]);
    expect(byField.has('title.zh')).toBe(true);
    expect(byField.has('amount.rateBasisPoints')).toBe(true);
    for (const issue of issues)
      for (const m of issue.messages) {
        expect(hasHan(m.zh)).toBe(true);
        expect(m.zh.startsWith('不符合要求')).toBe(false);
      }
  });

  it('root and identity problems are Chinese too', () => {
    expect(issuesOf(null)[0].messages[0].zh).toBe('需要一个项目定义对象');
    expect(issuesOf({ ...withoutIdentity(), version: 3 })[0].messages[0].zh).toBe(
      '此处 version 必须是 2（或省略）',
    );
  });
});
