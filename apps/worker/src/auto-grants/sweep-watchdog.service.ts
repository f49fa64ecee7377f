import { SweepStore } from '@huiqi/core/auto-grants/sweep-store';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How often every worker looks for orphaned sweeps (their lease ran out without a hand-over). */
export const SWEEP_WATCHDOG_INTERVAL_MS = 5_000;

/**
 * Resumes sweeps whose worker died mid-slice: once their lease runs out, a resumption job is queued
 * through the outbox (one per lease generation, however many workers notice). Runs at boot, so a
 * restarted worker picks its sweep up as soon as the lease allows, and then periodically.
 */
@Injectable()
export class SweepWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SweepWatchdog.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(private readonly store: SweepStore) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_WATCHDOG_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.store
      .resumeOrphans()
      .then((resumed) => {
        if (resumed.length > 0) this.logger.warn({ sweeps: resumed }, 'resuming orphaned auto-grant sweeps');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'sweep watchdog pass failed; will retry'))
      .finally(() => {
        this.running = null;
      });
  }
}
