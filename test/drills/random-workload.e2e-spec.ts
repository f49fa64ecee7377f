import { reapOrphans } from '../support/processes';
import { runSeed } from './workload';

/**
 * The seeded random workload with random SIGKILLs of the api and the worker (see workload.ts), a few
 * fixed seeds in CI. `npm run drill -- --seeds 1000` runs the long version; a failing seed replays
 * with `npm run drill -- --seed <n>`.
 */
const CI_SEEDS = (process.env.DRILL_SEEDS ?? '1,2').split(',').map(Number);
const OPERATIONS = Number(process.env.DRILL_OPERATIONS ?? 40);

describe('seeded random workload with process kills', () => {
  afterAll(() => reapOrphans());

  it.each(CI_SEEDS)(
    'seed %i: the model holds and every invariant holds',
    async (seed) => {
      const lines: string[] = [];
      const result = await runSeed({ seed, operations: OPERATIONS, log: (l) => lines.push(l) });
      const failed = result.surprises.length + result.violations.length > 0;
      if (failed) {
        // The whole story of the seed, to read next to the replay (npm run drill -- --seed <n>).
        process.stderr.write(
          [
            `seed ${seed} failed; replay: npm run drill -- --seed ${seed} --operations ${OPERATIONS}`,
            ...lines,
          ].join('\n') + '\n',
        );
      }
      expect({ seed, surprises: result.surprises, violations: result.violations }).toEqual({
        seed,
        surprises: [],
        violations: [],
      });
    },
    400_000,
  );
});
