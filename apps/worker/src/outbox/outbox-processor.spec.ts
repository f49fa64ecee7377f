import { UnrecoverableError } from 'bullmq';
import { failedForGood } from './outbox-processor';

describe('failedForGood', () => {
  const job = (attemptsMade: number, attempts = 8) => ({ attemptsMade, opts: { attempts } });

  it('is false while BullMQ will retry, true once the attempts are used up', () => {
    expect(failedForGood(job(1), new Error('boom'))).toBe(false);
    expect(failedForGood(job(7), new Error('boom'))).toBe(false);
    expect(failedForGood(job(8), new Error('boom'))).toBe(true);
    expect(failedForGood({ attemptsMade: 1, opts: {} }, new Error('boom'))).toBe(true);
  });

  it('is true for an unrecoverable failure with attempts left, e.g. a job that stalled too often', () => {
    // What BullMQ's worker throws for a job whose workers died under it more than maxStalledCount times.
    expect(failedForGood(job(1), new UnrecoverableError('job stalled more than allowable limit'))).toBe(true);
    const named = Object.assign(new Error('job stalled more than allowable limit'), {
      name: 'UnrecoverableError',
    });
    expect(failedForGood(job(0), named)).toBe(true);
  });
});
