import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // exited, or not Linux
  }
}

/** Peak resident set size of a process (VmHWM), in bytes. */
export const peakRss = (pid: number): number | null => statusField(pid, 'VmHWM');

export const currentRss = (pid: number): number | null => statusField(pid, 'VmRSS');

/**
 * Resets the process's VmHWM to its current RSS (Linux ≥ 4.0: write 5 to /proc/<pid>/clear_refs),
 * so the next reading is the peak of what follows. Returns false where that is not possible.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export const mib = (bytes: number | null): number | null => (bytes === null ? null : bytes / (1024 * 1024));

/** Resets the peaks of the given processes now; `read()` gives each one's peak since (bytes). */
export function trackPeaks(pids: Record<string, number>): { read(): Record<string, number | null> } {
  for (const pid of Object.values(pids)) resetPeakRss(pid);
  return {
    read: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, peakRss(pid)])),
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used, in ms; null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export type PidSource = () => number[] | Promise<number[]>;

/**
 * CPU time used by groups of processes from now until `read()`, in ms. A group is a set of pids
 * found when asked (e.g. the Postgres backends serving one database): a process that appears in
 * between counts in full, one that disappears in between is lost.
 */
export async function trackCpu(groups: Record<string, PidSource>) {
  const snapshot = async () => {
    const out = new Map<string, Map<number, number>>();
    for (const [name, source] of Object.entries(groups)) {
      out.set(name, new Map((await source()).map((pid) => [pid, cpuMs(pid) ?? 0])));
    }
    return out;
  };
  const before = await snapshot();
  return {
    async read(): Promise<Record<string, number>> {
      const after = await snapshot();
      const result: Record<string, number> = {};
      for (const [name, pids] of after) {
        let ms = 0;
        for (const [pid, now] of pids) ms += now - (before.get(name)?.get(pid) ?? 0);
        result[name] = ms;
      }
      return result;
    },
  };
}
