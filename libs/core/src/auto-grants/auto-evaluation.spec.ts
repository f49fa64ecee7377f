import { Evaluation, indexFacts } from '@huiqi/policies';
import { compiledSeed, fact, personId } from '@huiqi/policies/testing';
import {
  byProgramCode,
  decideOffer,
  evaluateAutoPrograms,
  evaluationKey,
  ExistingAutoCase,
  needsHistory,
  offerableEvaluations,
} from './auto-evaluation';

const HIGH_TECH = compiledSeed('ningxiang-htz.high-tech-enterprise');
const LISTING = compiledSeed('ningxiang-htz.listing');
const TALENTS = compiledSeed('xixian-new-area.innovative-talents-plan');
const LITTLE_GIANT = compiledSeed('changsha-etdz.little-giant');
const SINGLE_CHAMPION = compiledSeed('changsha-etdz.single-champion');
const RND = compiledSeed('changsha-etdz.rnd-investment');

const ctx = { fiscalYear: 2025, asOf: '2025-11-20' };

function existing(overrides: Partial<ExistingAutoCase>): ExistingAutoCase {
  return {
    programCode: HIGH_TECH.code,
    programVersion: 1,
    period: 'once',
    beneficiaryKey: 'enterprise',
    fiscalYear: 2025,
    exclusivityGroup: null,
    active: true,
    ...overrides,
  };
}

describe('evaluateAutoPrograms', () => {
  it('evaluates an enterprise program once, in the order given', () => {
    const facts = indexFacts([
      fact('high_tech_certificate', { certificateNo: 'GR202543000123', grantedOn: '2025-03-01' }),
    ]);
    const evaluations = evaluateAutoPrograms([HIGH_TECH, LISTING], facts, ctx);
    expect(evaluations.map((e) => [e.programCode, e.eligible, e.amountFen])).toEqual([
      [HIGH_TECH.code, true, 10_000_000],
      [LISTING.code, false, 0],
    ]);
  });

  it('evaluates a person program once per candidate subject, in subject order', () => {
    const recognised = (subject: string) =>
      fact(
        'talent_recognition',
        { tier: 'innovative', programme: 'qinchuangyuan-innovative-talents', recognisedOn: '2024-04-01' },
        { subject },
      );
    const facts = indexFacts([
      recognised(personId(2)),
      recognised(personId(1)),
      fact('personal_tax_contribution_fen', 5_000_000, { subject: personId(1), period: 2024 }),
    ]);
    const evaluations = evaluateAutoPrograms([TALENTS], facts, ctx);
    expect(evaluations.map((e) => [e.subject, e.eligible, e.amountFen])).toEqual([
      [personId(1), true, 5_000_000],
      [personId(2), false, 0], // recognised, but the 2024 contribution has not arrived
    ]);
  });

  it('passes a beneficiary’s history back in, so caps hold across runs', () => {
    const facts = indexFacts([
      fact('rnd_expense_fen', 3_000_000_000, { period: 2025 }),
      fact('rnd_expense_fen', 1_000_000_000, { period: 2024 }),
    ]);
    const [fresh] = evaluateAutoPrograms([RND], facts, ctx);
    expect(fresh).toMatchObject({ eligible: true, amountFen: 200_000_000 });
    expect(needsHistory(RND, fresh)).toBe(true);
    const history = new Map([
      [
        evaluationKey(RND.code, null),
        { enterpriseGrantedThisFiscalYearFen: 150_000_000, personGrantedFen: 0 },
      ],
    ]);
    const [capped] = evaluateAutoPrograms([RND], facts, ctx, history);
    expect(capped.amountFen).toBe(50_000_000);
  });

  it('needs no history for a program without beneficiary caps', () => {
    const facts = indexFacts([
      fact('high_tech_certificate', { certificateNo: 'GR1', grantedOn: '2025-03-01' }),
    ]);
    const [evaluation] = evaluateAutoPrograms([HIGH_TECH], facts, ctx);
    expect(needsHistory(HIGH_TECH, evaluation)).toBe(false);
  });
});

describe('offerableEvaluations', () => {
  it('keeps the higher award of an exclusivity group and drops what is not eligible', () => {
    const facts = indexFacts([
      fact('little_giant_recognition', { level: 'national', recognisedOn: '2025-06-01' }),
      fact('single_champion_recognition', { level: 'national', recognisedOn: '2025-07-01' }),
    ]);
    const offerable = offerableEvaluations(
      evaluateAutoPrograms([LITTLE_GIANT, SINGLE_CHAMPION, HIGH_TECH], facts, ctx),
    );
    expect(offerable.map((e) => e.programCode)).toEqual([SINGLE_CHAMPION.code]);
  });
});

describe('decideOffer', () => {
  const facts = indexFacts([
    fact('high_tech_certificate', { certificateNo: 'GR1', grantedOn: '2025-03-01' }),
  ]);
  const [highTech] = evaluateAutoPrograms([HIGH_TECH], facts, ctx);

  it('offers what the enterprise does not have', () => {
    expect(decideOffer(HIGH_TECH, highTech, [])).toEqual({ kind: 'offer' });
  });

  it('finds the same grant, and a one-off award of another version, whatever its state', () => {
    expect(decideOffer(HIGH_TECH, highTech, [existing({ active: false })])).toEqual({ kind: 'duplicate' });
    expect(decideOffer(HIGH_TECH, highTech, [existing({ programVersion: 2 })])).toEqual({
      kind: 'duplicate',
    });
  });

  it('grants a per-year program again in another year, or for another version', () => {
    const facts2025 = indexFacts([
      fact('rnd_expense_fen', 3_000_000_000, { period: 2025 }),
      fact('rnd_expense_fen', 1_000_000_000, { period: 2024 }),
    ]);
    const [rnd] = evaluateAutoPrograms([RND], facts2025, ctx);
    const lastYear = existing({ programCode: RND.code, period: '2024', fiscalYear: 2024 });
    expect(decideOffer(RND, rnd, [lastYear])).toEqual({ kind: 'offer' });
    expect(decideOffer(RND, rnd, [{ ...lastYear, period: '2025', fiscalYear: 2025 }])).toEqual({
      kind: 'duplicate',
    });
    expect(decideOffer(RND, rnd, [{ ...lastYear, period: '2025', programVersion: 2 }])).toEqual({
      kind: 'offer',
    });
  });

  it('leaves an exclusivity group to the active case that holds it in the same fiscal year', () => {
    const honours = indexFacts([
      fact('single_champion_recognition', { level: 'national', recognisedOn: '2025-07-01' }),
    ]);
    const [champion] = evaluateAutoPrograms([SINGLE_CHAMPION], honours, ctx);
    const giant = existing({
      programCode: LITTLE_GIANT.code,
      exclusivityGroup: LITTLE_GIANT.exclusivityGroup,
    });
    expect(decideOffer(SINGLE_CHAMPION, champion, [giant])).toEqual({
      kind: 'held',
      byProgramCode: LITTLE_GIANT.code,
    });
    expect(decideOffer(SINGLE_CHAMPION, champion, [{ ...giant, active: false }])).toEqual({ kind: 'offer' });
    expect(decideOffer(SINGLE_CHAMPION, champion, [{ ...giant, fiscalYear: 2024 }])).toEqual({
      kind: 'offer',
    });
  });

  it('keys person grants by the person', () => {
    const talent = {
      ...highTech,
      programCode: TALENTS.code,
      beneficiary: 'person',
      subject: personId(1),
    } as Evaluation;
    const other = existing({ programCode: TALENTS.code, beneficiaryKey: personId(2) });
    expect(decideOffer(TALENTS, talent, [other])).toEqual({ kind: 'offer' });
    expect(decideOffer(TALENTS, talent, [{ ...other, beneficiaryKey: personId(1) }])).toEqual({
      kind: 'duplicate',
    });
  });
});

describe('byProgramCode', () => {
  it('orders by code points, whatever the locale', () => {
    const codes = ['b.z', 'b-z', 'a.b', 'B.a'].map((code) => ({ code }));
    expect(codes.sort(byProgramCode).map((c) => c.code)).toEqual(['B.a', 'a.b', 'b-z', 'b.z']);
  });
});
