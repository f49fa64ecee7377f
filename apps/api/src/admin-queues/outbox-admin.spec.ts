import { outboxJobId } from '../../../worker/src/outbox/outbox-relay.service';
import { outboxJobIdOf } from './outbox-admin.service';

describe('outbox admin', () => {
  it('names jobs exactly as the relay does, or a retry would not find the failed job', () => {
    expect(outboxJobIdOf('1042')).toBe(outboxJobId('1042'));
  });
});
