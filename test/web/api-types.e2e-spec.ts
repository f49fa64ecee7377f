import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../support/processes';
import { e2eEnv } from '../support/test-env';

describe('web console: typed API client', () => {
  it('the committed schema.d.ts is what the running API documents (else: npm run web:api-types)', () => {
    // openapi-typescript is ESM inside; jest cannot load it, so the script checks in its own process.
    const check = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/web-api-types.ts', '--check'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, API_URL: e2eEnv().apiUrl },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
