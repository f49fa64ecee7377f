import { withoutInternalIds } from './reader-views';

describe('withoutInternalIds', () => {
  it('drops id keys and uuid values at any depth, keeps the rest', () => {
    expect(
      withoutInternalIds({
        userId: 'u',
        zoneId: 'z',
        username: 'li.lei',
        event: { type: 'APPROVE', assigneeId: 'x', poolIds: ['a'], amountFen: 100 },
        effects: ['reserve'],
        actor: '7f1c3a52-1111-4c3e-9a51-2f1a9e1b0c3d',
        after: '**** **** 0111',
      }),
    ).toEqual({
      username: 'li.lei',
      event: { type: 'APPROVE', amountFen: 100 },
      effects: ['reserve'],
      after: '**** **** 0111',
    });
  });
});
