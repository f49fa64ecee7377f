import { diffDefinitions, displayValue, flatten } from './definition-diff';

const base = {
  code: 'z.p',
  version: 1,
  effectiveFrom: '2025-01-01',
  amount: { kind: 'fixed', amountFen: 100 },
  eligibility: [{ id: 'a', rule: { '>': [1, 0] } }],
  documents: [{ type: 'licence', mandatory: true }],
  formFields: [{ name: 'projectName', type: 'string', required: true, label: { zh: '项目', en: 'Project' } }],
  sla: { firstReview: 5 },
};

describe('definition diff', () => {
  it('flattens lists of conditions, documents and fields by their id, type or name', () => {
    expect([...flatten(base).keys()]).toEqual(
      expect.arrayContaining([
        'formFields[projectName].label.zh',
        'documents[licence].mandatory',
        'eligibility[a].rule.>',
      ]),
    );
  });

  it('reports each changed, added and removed field under its section, ignoring the version number', () => {
    const next = {
      ...base,
      version: 2,
      effectiveFrom: '2026-01-01',
      amount: { kind: 'fixed', amountFen: 250 },
      documents: [],
      formFields: [
        { name: 'budget', type: 'money_fen', required: false, label: { zh: '预算', en: 'Budget' } },
        ...base.formFields,
      ],
    };
    const rows = diffDefinitions(base, next);
    expect(rows.map((r) => [r.section, r.path, r.change])).toEqual([
      ['amounts', 'amount.amountFen', 'changed'],
      ['documents', 'documents', 'added'],
      ['documents', 'documents[licence].mandatory', 'removed'],
      ['documents', 'documents[licence].type', 'removed'],
      ['deadlines', 'effectiveFrom', 'changed'],
      ['formFields', 'formFields[budget].label.en', 'added'],
      ['formFields', 'formFields[budget].label.zh', 'added'],
      ['formFields', 'formFields[budget].name', 'added'],
      ['formFields', 'formFields[budget].required', 'added'],
      ['formFields', 'formFields[budget].type', 'added'],
    ]);
    expect(rows[0]).toMatchObject({ left: '100', right: '250' });
    expect(diffDefinitions(base, { ...base })).toEqual([]);
  });
});

it('shows money fields in yuan and everything else as JSON', () => {
  const yuan = (fen: number) => `¥${fen}fen`;
  expect(displayValue('amount.capFen', '60000000', yuan)).toBe('¥60000000fen');
  expect(displayValue('amount.rateBasisPoints', '2000', yuan)).toBe('2000');
  expect(displayValue('amount.capFen', '{"param":"cap"}', yuan)).toBe('{"param":"cap"}');
});
