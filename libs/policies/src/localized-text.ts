import { z } from 'zod';

/** A human-readable text in Simplified Chinese (`zh`, zh-CN) and English (`en`). */
export const localizedTextSchema = z.strictObject({
  zh: z.string().refine((s) => s.trim().length > 0, 'must not be blank'),
  en: z.string().refine((s) => s.trim().length > 0, 'must not be blank'),
});

export type LocalizedText = z.infer<typeof localizedTextSchema>;
