import type { HistoryEventView } from './application.views';
import { anonymiseExpertReview } from './expert-anonymity';

const base: HistoryEventView = {
  seq: 5,
  action: 'expert_approve',
  fromState: 'expert_review',
  toState: 'director_approval',
  actorId: '6f1c2c0e-1111-4a4a-8888-000000000001',
  actorName: '李教授',
  actorRole: 'expert',
  comment: '技术先进，建议支持',
  amountFen: 120_000_000,
  data: {
    event: { type: 'EXPERT_APPROVE', score: 86, amountFen: 120_000_000 },
    effects: ['notify'],
    version: 7,
  },
  createdAt: new Date('2026-05-01T02:00:00Z'),
  hash: 'h5',
  prevHash: 'h4',
};

describe('anonymiseExpertReview', () => {
  it('keeps what happened and when, drops who, the score, the amount and the opinion', () => {
    expect(anonymiseExpertReview(base)).toEqual({
      ...base,
      actorId: null,
      actorName: null,
      comment: null,
      amountFen: null,
      data: { event: { type: 'EXPERT_APPROVE' } },
    });
  });

  it('leaves every other actor’s event as it is', () => {
    const officer = { ...base, action: 'approve', actorRole: 'officer' };
    expect(anonymiseExpertReview(officer)).toBe(officer);
  });
});
