/**
 * `npm start`: one command that validates the configuration, checks Postgres and Redis, applies
 * migrations and loads the seed catalog, then runs the API and the worker together. If either exits,
 * the other is stopped too; Ctrl-C stops both gracefully.
 */
import { exitOnConfigError, loadConfig, WORKER_NODE_FLAGS } from '@huiqi/config';
import { exitOnDependencyError, prepareRuntime } from '@huiqi/core/bootstrap/prepare-runtime';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { useLocalSecrets } from './local-secrets';

async function main(): Promise<void> {
  let config;
  try {
    useLocalSecrets();
    config = loadConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  const say = (m: string) => process.stdout.write(`[start] ${m}\n`);
  await prepareRuntime(config, 'start', { log: say, warn: say }).catch(exitOnDependencyError);

  const dist = join(__dirname, '..');
  const children: ChildProcess[] = ['api', 'worker'].map((app) =>
    spawn(
      process.execPath,
      [
        '--enable-source-maps',
        ...(app === 'worker' ? WORKER_NODE_FLAGS : []),
        join(dist, 'apps', app, 'src', 'main.js'),
      ],
      {
        stdio: 'inherit',
        env: { ...process.env, MIGRATE_ON_START: 'false' },
      },
    ),
  );
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    children.forEach((c) => c.exitCode === null && c.kill(signal));
  };
  for (const child of children) {
    child.on('exit', (code) => {
      if (!stopping) say(`a process exited (code ${code}); stopping the other`);
      stopAll('SIGTERM');
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code ?? 0);
    });
  }
  process.on('SIGINT', () => stopAll('SIGTERM'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
}

void main();
