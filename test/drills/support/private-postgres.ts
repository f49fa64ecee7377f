import { execFile } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, REPO_ROOT } from '../../support/processes';
import { sleep } from './http';

const run = promisify(execFile);
const PID_DIR = join(REPO_ROOT, 'tmp', 'e2e-pids');

/** The newest PostgreSQL server binaries installed under /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${root}/*/bin`);
  return join(root, versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of the drill's own (initdb into a temporary directory, trust auth, loopback on a
 * free port), so a drill may stop and start its server while the suite's shared server keeps running.
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user.
 */
export class PrivatePostgres {
  private pidRecord?: string;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = binDir();
    const dir = mkdtempSync(join(tmpdir(), 'huiqi-drill-pg-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
      chownSync(data, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PrivatePostgres(dir, await freePort(), bin);
    await pg.exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    await pg.start();
    return pg;
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const path = join(this.bin, tool);
    const asRoot = process.getuid?.() === 0;
    const { stdout } = asRoot
      ? await run('runuser', ['-u', 'postgres', '--', path, ...args], { cwd: this.dir })
      : await run(path, args, { cwd: this.dir });
    return stdout;
  }

  async start(): Promise<void> {
    const data = join(this.dir, 'data');
    await this.exec('pg_ctl', [
      '-D',
      data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
    this.recordPid();
    await this.waitReady();
  }

  /** A fast shutdown: open transactions are rolled back, clients are disconnected. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
    this.forgetPid();
  }

  async destroy(): Promise<void> {
    await this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    this.forgetPid();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitReady(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const client = new Client({ connectionString: `${this.url}/postgres`, connectionTimeoutMillis: 2000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`private PostgreSQL on port ${this.port} did not accept connections`);
  }

  /** Lets reapOrphans stop the server if the test run dies before destroy(). */
  private recordPid(): void {
    const pidFile = join(this.dir, 'data', 'postmaster.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    mkdirSync(PID_DIR, { recursive: true });
    this.pidRecord = join(PID_DIR, `${pid}.json`);
    writeFileSync(this.pidRecord, JSON.stringify({ pid, ownerPid: process.pid }));
  }

  private forgetPid(): void {
    if (this.pidRecord) rmSync(this.pidRecord, { force: true });
    this.pidRecord = undefined;
  }
}
