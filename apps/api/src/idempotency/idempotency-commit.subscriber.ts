import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

/**
 * Marks the request's Idempotency-Key `applied` inside every transaction the request commits. The
 * stored response is written after the handler returns, outside the business transaction; if the
 * process dies in between, the mark (committed atomically with the effect) is what stops a retry
 * from applying the request a second time.
 */
@Injectable()
export class IdempotencyCommitSubscriber implements EntitySubscriberInterface {
  constructor(
    dataSource: DataSource,
    private readonly cls: ClsService<HuiqiClsStore>,
  ) {
    dataSource.subscribers.push(this);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = this.cls.isActive() ? this.cls.get('idempotency') : undefined;
    if (!claim) return;
    await event.queryRunner.query(
      `UPDATE idempotency_keys SET state = 'applied' WHERE scope = $1 AND key = $2 AND state = 'in_flight'`,
      [claim.scope, claim.key],
    );
  }
}
