import { parseProgramDefinition, ProgramDefinitionError } from './program-definition';
import { SEED_CATALOG } from './catalog';

function withDedup(fields: string[]) {
  const def = SEED_CATALOG.find((p) => p.code === 'ningxiang-htz.platform-construction')!;
  return { ...def, dedupFormFields: fields };
}

function issuesOf(raw: unknown): string[] {
  try {
    parseProgramDefinition(raw);
    return [];
  } catch (e) {
    return (e as ProgramDefinitionError).issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('dedupFormFields', () => {
  it('accepts required declared form fields', () => {
    expect(issuesOf(withDedup(['approvalDocumentNo']))).toEqual([]);
  });

  it('names an undeclared field', () => {
    expect(issuesOf(withDedup(['noSuchField']))).toEqual([
      'dedupFormFields.0: "noSuchField" is not a declared form field',
    ]);
  });

  it('refuses an optional field (a missing value would collapse every application into one)', () => {
    const def = withDedup(['approvalDocumentNo']);
    const formFields = def.formFields.map((f) =>
      f.name === 'approvalDocumentNo' ? { ...f, required: false } : f,
    );
    expect(issuesOf({ ...def, formFields })).toEqual([
      'dedupFormFields.0: "approvalDocumentNo" must be a required form field',
    ]);
  });

  it('is set on every project-based seed program', () => {
    const projectBased = SEED_CATALOG.filter((p) => p.mode !== 'auto' && p.beneficiary !== 'person').map(
      (p) => [p.code, p.dedupFormFields.length > 0],
    );
    expect(projectBased.filter(([, has]) => !has)).toEqual([]);
  });
});
