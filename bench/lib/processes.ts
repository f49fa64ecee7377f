import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { sleep } from './stats';

export const REPO_ROOT = resolve(__dirname, '../..');

/** A child process we started, with its log file (stdout and stderr go straight to it, not through us). */
export interface ManagedProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  logPath: string;
}

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

const started = new Map<string, number>();

/**
 * Starts `node [nodeArgs] script` with `env` added to ours; output to `<logDir>/<label>.log`, or
 * `<label>-<n>.log` for the n-th process of that label (waitForLog must never read a predecessor's).
 */
export function startNode(
  label: string,
  script: string,
  opts: { env?: Record<string, string>; nodeArgs?: string[]; logDir: string },
): ManagedProcess {
  mkdirSync(opts.logDir, { recursive: true });
  const n = (started.get(label) ?? 0) + 1;
  started.set(label, n);
  const logPath = join(opts.logDir, n === 1 ? `${label}.log` : `${label}-${n}.log`);
  const fd = openSync(logPath, 'a');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${label}`);
  return { label, child, pid: child.pid, logPath };
}

/** Starts a TypeScript file of bench/ (baselines) compiled on the fly by swc. */
export function startTs(
  label: string,
  file: string,
  opts: { env?: Record<string, string>; logDir: string },
): ManagedProcess {
  return startNode(label, file, {
    ...opts,
    nodeArgs: ['-r', '@swc-node/register'],
    env: { SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'), ...opts.env },
  });
}

function assertRunning(p: ManagedProcess): void {
  if (p.child.exitCode !== null || p.child.signalCode !== null) {
    throw new Error(
      `${p.label} exited (${p.child.exitCode ?? p.child.signalCode}); its log ${p.logPath} ends with:\n${tail(p.logPath)}`,
    );
  }
}

export function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function waitForHttp(url: string, p: ManagedProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    assertRunning(p);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} (${p.label}) did not answer within ${timeoutMs} ms; see ${p.logPath}`);
}

/** Waits until the process's log has a line matching `pattern`; returns the first match. */
export async function waitForLog(
  p: ManagedProcess,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(readFileSync(p.logPath, 'utf8'));
    if (match) return match;
    assertRunning(p);
    await sleep(100);
  }
  throw new Error(`${p.label} logged nothing matching ${pattern} within ${timeoutMs} ms; see ${p.logPath}`);
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export async function stopProcess(p: ManagedProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, 'exit');
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
