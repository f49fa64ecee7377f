import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const LOG_DIR = join(REPO_ROOT, 'tmp', 'e2e-logs');
const PID_DIR = join(REPO_ROOT, 'tmp', 'e2e-pids');

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

export type AppName = 'api' | 'worker';

/**
 * Starts the real api or worker from source (swc on the fly) with the given environment; output goes
 * to tmp/e2e-logs/<label>.log so a failing run can be read afterwards.
 */
export function startApp(app: AppName, env: NodeJS.ProcessEnv, label: string = app): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, `${label}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  recordChild(child);
  return child;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Remembers which test run owns a process, so a run killed before its teardown cannot leak it. */
function recordChild(child: ChildProcess): void {
  if (!child.pid) return;
  mkdirSync(PID_DIR, { recursive: true });
  const file = join(PID_DIR, `${child.pid}.json`);
  writeFileSync(file, JSON.stringify({ pid: child.pid, ownerPid: process.pid }));
  child.once('exit', () => rmSync(file, { force: true }));
}

/** Kills api/worker processes left behind by test runs that died before stopping them. */
export function reapOrphans(): number {
  mkdirSync(PID_DIR, { recursive: true });
  let reaped = 0;
  for (const name of readdirSync(PID_DIR)) {
    const file = join(PID_DIR, name);
    try {
      const { pid, ownerPid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; ownerPid: number };
      if (isAlive(ownerPid)) continue;
      if (isAlive(pid)) {
        process.kill(pid, 'SIGKILL');
        reaped++;
      }
    } catch {
      // unreadable record: drop it
    }
    rmSync(file, { force: true });
  }
  return reaped;
}

/**
 * How long an api or worker started from source may take to answer: on a busy 2-core machine
 * (compiling, migrating a fresh database, other suites beside it) a minute and a half was not enough.
 */
export const PROCESS_START_MS = 180_000;

export async function waitForHttp(url: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Waits until a log line matching `pattern` appears (e.g. the worker's start message). */
export async function waitForLog(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms`));
    }, timeoutMs);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer = (buffer + chunk.toString()).slice(-10_000);
      if (pattern.test(buffer)) {
        cleanup();
        resolvePromise();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`process exited with ${code} before logging ${pattern}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}

export async function stopApp(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
