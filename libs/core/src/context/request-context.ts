import type { Language } from '@huiqi/common';
import { ClsService, ClsStore } from 'nestjs-cls';

/** What every request and job carries through async calls: its correlation id. */
export interface HuiqiClsStore extends ClsStore {
  correlationId?: string;
  /** The Idempotency-Key this request claimed, marked applied by every transaction it commits. */
  idempotency?: { scope: string; key: string };
  /** The language of the person this request answers (preference, else Accept-Language, else zh-CN). */
  language?: Language;
}

/** The caller's language for texts rendered in services; zh-CN outside a request. */
export function currentLanguage(cls: ClsService<HuiqiClsStore>): Language {
  return (cls.isActive() ? cls.get('language') : undefined) ?? 'zh-CN';
}

export function currentCorrelationId(cls: ClsService<HuiqiClsStore>): string | null {
  return cls.isActive() ? (cls.get('correlationId') ?? cls.getId() ?? null) : null;
}
