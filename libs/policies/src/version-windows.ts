/**
 * When each version of a program is in force. A program's versions follow one another: the highest
 * published version that has started (`effectiveFrom` on or before the day) is the one in force,
 * unless its own `effectiveTo` has passed or the program was retired before that day. So a later
 * version ends the earlier one from its start, and a later version that ends does not bring the
 * earlier one back. The catalog's SQL (`ProgramCatalogService`) applies the same rule.
 */

export interface VersionRecord {
  version: number;
  status: 'draft' | 'published';
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** draft; published (in force, or starting later); superseded by a later version; retired (ended). */
export type VersionLifecycle = 'draft' | 'published' | 'superseded' | 'retired';

export interface VersionWindow {
  version: number;
  lifecycle: VersionLifecycle;
  /** True for the version in force on the day asked about. */
  inForce: boolean;
  /** First day in force (null: a draft, or a version that never comes into force). */
  inForceFrom: string | null;
  /** Last day in force, inclusive (null: open-ended, a draft, or never in force). */
  inForceTo: string | null;
}

/** `YYYY-MM-DD` minus one day (calendar arithmetic in UTC, no time zone involved). */
export function previousIsoDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const minDate = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a < b ? a : b;

/** The version in force on `day`, or null (none started, the last one ended, or the program retired). */
export function versionInForce(
  versions: readonly VersionRecord[],
  day: string,
  retiredAfter: string | null = null,
): number | null {
  if (retiredAfter !== null && retiredAfter < day) return null;
  const started = versions
    .filter((v) => v.status === 'published' && v.effectiveFrom <= day)
    .sort((a, b) => b.version - a.version)[0];
  if (!started) return null;
  return started.effectiveTo === null || started.effectiveTo >= day ? started.version : null;
}

/**
 * Every version's window and lifecycle as of `today`. `retiredAfter` is the program's last day (an
 * explicit retirement), or null.
 */
export function versionWindows(
  versions: readonly VersionRecord[],
  today: string,
  retiredAfter: string | null = null,
): VersionWindow[] {
  const published = versions.filter((v) => v.status === 'published');
  const current = versionInForce(versions, today, retiredAfter);
  return versions.map((v): VersionWindow => {
    if (v.status === 'draft') {
      return { version: v.version, lifecycle: 'draft', inForce: false, inForceFrom: null, inForceTo: null };
    }
    const later = published.filter((w) => w.version > v.version);
    // The first later version to start ends this one the day before it starts.
    const nextStart = later.map((w) => w.effectiveFrom).sort()[0] ?? null;
    let end = minDate(v.effectiveTo, retiredAfter);
    if (nextStart !== null) end = minDate(end, previousIsoDate(nextStart));
    const never = end !== null && end < v.effectiveFrom;
    const superseded = later.some((w) => w.effectiveFrom <= today);
    const ended = end !== null && end < today;
    return {
      version: v.version,
      lifecycle: superseded ? 'superseded' : ended ? 'retired' : 'published',
      inForce: v.version === current,
      inForceFrom: never ? null : v.effectiveFrom,
      inForceTo: never ? null : end,
    };
  });
}
