import { BUILT_IN_CONDITIONS } from '../evaluation-types';
import { validateForm } from '../form';
import { compiledSeed, evaluateWith, fact } from '../testing';

const ids = (e: { unmet: { clauseId: string }[] }) => e.unmet.map((u) => u.clauseId);

describe('Guangzhou Science City — entrepreneurship subsidy (commitment)', () => {
  const program = compiledSeed('guangzhou-science-city.entrepreneurship-subsidy');
  const form = (commitmentSigned = true) => ({
    founderName: '李四',
    idNumber: '11010119900307803X',
    commitmentSigned,
  });
  const run = (establishedOn: string, extra: Parameters<typeof evaluateWith>[2] = {}) =>
    evaluateWith(program, [fact('established_on', establishedOn)], {
      asOf: '2026-03-31',
      form: form(),
      ...extra,
    });

  it('pays the assumed 7,928 yuan on a signed commitment', () => {
    expect(validateForm(program, form()).ok).toBe(true);
    expect(run('2025-06-01')).toMatchObject({
      eligible: true,
      amountFen: 792_800,
      mode: 'commitment',
      beneficiary: 'person',
    });
    expect(program.definition.parameters.subsidyFen.note).toContain('17.22 million');
    expect(program.settings.sla.postVerification).toBe(20);
  });

  it('needs the commitment signed', () => {
    expect(ids(run('2025-06-01', { form: form(false) }))).toEqual(['commitment-signed']);
  });

  it('counts an enterprise of exactly 36 months as new, one day older as not', () => {
    expect(run('2023-03-31').eligible).toBe(true);
    expect(ids(run('2023-03-30'))).toEqual(['newly-established-enterprise']);
  });

  it('pays a person once', () => {
    expect(ids(run('2025-06-01', { history: { personGrantedFen: 792_800 } }))).toEqual([
      BUILT_IN_CONDITIONS.personCapReached,
    ]);
  });
});

describe('Guangzhou Science City — high-tech enterprise (auto)', () => {
  const program = compiledSeed('guangzhou-science-city.high-tech-enterprise');

  it('grants the assumed 100,000 yuan in the fiscal year of certification', () => {
    const facts = [
      fact('high_tech_certificate', { certificateNo: 'GR202544001234', grantedOn: '2025-12-01' }),
    ];
    expect(evaluateWith(program, facts)).toMatchObject({ eligible: true, amountFen: 10_000_000 });
    expect(program.definition.parameters.rewardFen).toMatchObject({
      origin: 'assumption',
      value: 10_000_000,
    });
  });
});
