const ID_KEY = /(^id$|Ids?$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Audit event data as an enterprise may read it: every internal identifier left out (keys such as
 * `userId`, `zoneId`, `poolIds`, and any uuid value), at any depth; the rest (states, amounts, masked
 * account numbers, reasons) kept. Walks at most 8 levels, which audit data never exceeds.
 */
export function withoutInternalIds(value: unknown, depth = 0): unknown {
  if (depth > 8) return null;
  if (typeof value === 'string') return UUID.test(value) ? undefined : value;
  if (Array.isArray(value))
    return value.map((v) => withoutInternalIds(v, depth + 1)).filter((v) => v !== undefined);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (ID_KEY.test(key)) continue;
      const kept = withoutInternalIds(v, depth + 1);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}
