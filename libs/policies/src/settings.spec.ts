import { parseProgramDefinition } from './program-definition';
import { resolveProgramSettings, reviewStagesFor } from './settings';
import { baseProgram } from './testing/programs';

describe('resolveProgramSettings', () => {
  it('resolves parameters used as route, deadline and cap figures', () => {
    const def = parseProgramDefinition(
      baseProgram({
        mode: 'commitment',
        parameters: {
          ...baseProgram().parameters,
          threshold: {
            value: 50_000_000,
            unit: 'fen',
            description: { zh: '阈值', en: 'Threshold' },
            origin: 'source',
          },
          days: { value: 7, description: { zh: '天', en: 'Days' }, origin: 'source' },
        },
        route: {
          directorApprovalAboveFen: { param: 'threshold' },
          expertReview: 'above',
          expertReviewAboveFen: 1,
        },
        sla: {
          firstReview: { param: 'days' },
          expertReview: 1,
          directorApproval: 2,
          amendment: 3,
          postVerification: { param: 'days' },
        },
        publicityWorkingDays: { param: 'days' },
        caps: { perApplicationFen: { param: 'threshold' } },
        blacklistYears: 5,
      }),
    );
    expect(resolveProgramSettings(def)).toEqual({
      caps: { perApplicationFen: 50_000_000 },
      route: { directorApprovalAboveFen: 50_000_000, expertReview: 'above', expertReviewAboveFen: 1 },
      publicityWorkingDays: 7,
      sla: { firstReview: 7, expertReview: 1, directorApproval: 2, amendment: 3, postVerification: 7 },
      blacklistYears: 5,
    });
  });
});

describe('reviewStagesFor', () => {
  const route = (expertReview: 'always' | 'never' | 'above') => ({
    route: {
      directorApprovalAboveFen: 1_000,
      expertReview,
      ...(expertReview === 'above' ? { expertReviewAboveFen: 5_000 } : {}),
    },
  });

  it.each([
    ['never', 1_000, false, false],
    ['never', 1_001, true, false],
    ['always', 0, false, true],
    ['above', 5_000, true, false],
    ['above', 5_001, true, true],
  ] as const)('%s at %d fen: director %p, experts %p', (policy, amount, director, experts) => {
    expect(reviewStagesFor(route(policy), amount)).toEqual({
      directorApproval: director,
      expertReview: experts,
    });
  });
});
