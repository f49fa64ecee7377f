import { candidateSubjects, grantPeriodKey } from './grants';
import { indexFacts } from './fact-index';
import { compiledSeed, fact, personId } from './testing';

describe('grantPeriodKey', () => {
  it('is "once" or the fiscal year', () => {
    expect(grantPeriodKey(compiledSeed('ningxiang-htz.listing'), 2025)).toBe('once');
    expect(grantPeriodKey(compiledSeed('changsha-etdz.rnd-investment'), 2025)).toBe('2025');
    expect(() => grantPeriodKey(compiledSeed('changsha-etdz.rnd-investment'), 2025.5)).toThrow(RangeError);
  });
});

describe('candidateSubjects', () => {
  it('lists the persons with facts a person program reads', () => {
    const facts = indexFacts([
      fact(
        'talent_recognition',
        { tier: 'a', programme: 'p', recognisedOn: '2024-01-01' },
        { subject: personId(2) },
      ),
      fact('personal_tax_contribution_fen', 1, { period: 2024, subject: personId(1) }),
      fact('rnd_expense_fen', 1, { period: 2024 }),
    ]);
    expect(candidateSubjects(compiledSeed('xixian-new-area.innovative-talents-plan'), facts)).toEqual([
      personId(1),
      personId(2),
    ]);
    expect(candidateSubjects(compiledSeed('changsha-etdz.rnd-investment'), facts)).toEqual([]);
  });
});
