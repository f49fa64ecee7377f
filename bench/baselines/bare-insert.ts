import { BenchContext } from '../lib/context';
import { LoadResult, runLoad } from '../lib/load';
import { Measured } from '../lib/interleave';
import { observe, Observed } from '../lib/observe';
import { backendPids } from '../lib/pg';
import { ManagedProcess, startTs, stopProcess, waitForLog } from '../lib/processes';

/**
 * The HTTP write baseline: bare-insert-server.ts (Fastify + pg, one INSERT per request) in its own
 * process on a free port, driven exactly like the app: same client, connections and body.
 */
export class BareInsertServer {
  private constructor(
    private readonly ctx: BenchContext,
    private readonly process: ManagedProcess,
    private readonly url: string,
  ) {}

  static async start(ctx: BenchContext): Promise<BareInsertServer> {
    const server = startTs('bare-insert-server', 'bench/baselines/bare-insert-server.ts', {
      logDir: ctx.logDir,
      env: { DATABASE_URL: ctx.stack.databaseUrl, PORT: '0' },
    });
    try {
      const [, port] = await waitForLog(server, /listening (\d+)/, 60_000);
      return new BareInsertServer(ctx, server, `http://127.0.0.1:${port}`);
    } catch (error) {
      await stopProcess(server);
      throw error;
    }
  }

  private get observed(): Observed {
    return {
      groups: {
        server: () => [this.process.pid],
        postgres: () => backendPids(this.ctx.stack.databaseUrl),
        bench: () => [process.pid],
      },
      processes: { server: this.process },
      countQueries: false,
    };
  }

  /** `n` inserts, each with the body `body()` gives. */
  async drive(n: number, body: () => string): Promise<Measured> {
    const { result, cost } = await observe(this.observed, () => this.load(n, body));
    return { load: result, cost };
  }

  private load(n: number, body: () => string): Promise<LoadResult> {
    return runLoad({
      url: this.url,
      method: 'POST',
      connections: this.ctx.scale.connections,
      amount: n,
      request: (i) => ({ path: `/items/owner-${i % 16}`, body: body() }),
    });
  }

  async stop(): Promise<void> {
    await stopProcess(this.process);
  }
}
