/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine and Node
 * version, which is what makes a failing drill seed replay exactly.
 */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the options, with probability proportional to its weight (weights ≤ 0 never chosen). */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const usable = options.filter(([, w]) => w > 0);
    const total = usable.reduce((s, [, w]) => s + w, 0);
    if (total <= 0) throw new Error('no option has a positive weight');
    let r = this.next() * total;
    for (const [value, weight] of usable) {
      r -= weight;
      if (r < 0) return value;
    }
    return usable[usable.length - 1][0];
  }

  /** A short hex tag drawn from the sequence (deterministic names). */
  tag(length = 6): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}
