import { QueueName } from '@huiqi/queues';
import { QueueCoverageError, queueCoverageProblems } from './queue-coverage';

describe('queue coverage', () => {
  const all = Object.values(QueueName).map((queue) => ({ processor: `${queue}-processor`, queue }));

  it('accepts exactly one processor per queue', () => {
    expect(queueCoverageProblems(all)).toEqual([]);
  });

  it('names a queue without a processor', () => {
    const problems = queueCoverageProblems(all.filter((p) => p.queue !== QueueName.Webhooks));
    expect(problems).toEqual(['queue "webhooks" has no processor']);
  });

  it('names a queue with two processors, and processors of unknown queues', () => {
    const problems = queueCoverageProblems([
      ...all,
      { processor: 'SecondEmailProcessor', queue: QueueName.Email },
      { processor: 'StrayProcessor', queue: 'nowhere' },
    ]);
    expect(problems).toEqual([
      'queue "email" has 2 processors: email-processor, SecondEmailProcessor',
      'StrayProcessor processes "nowhere", which is not a queue of QueueName',
    ]);
    expect(new QueueCoverageError(problems).message).toContain('queue "email" has 2 processors');
  });
});
