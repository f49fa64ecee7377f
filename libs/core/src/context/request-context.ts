import { ClsService, ClsStore } from 'nestjs-cls';

/** What every request and job carries through async calls: its correlation id. */
export interface HuiqiClsStore extends ClsStore {
  correlationId?: string;
  /** The Idempotency-Key this request claimed, marked applied by every transaction it commits. */
  idempotency?: { scope: string; key: string };
}

export function currentCorrelationId(cls: ClsService<HuiqiClsStore>): string | null {
  return cls.isActive() ? (cls.get('correlationId') ?? cls.getId() ?? null) : null;
}
