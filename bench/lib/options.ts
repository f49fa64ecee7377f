import { ScaleName } from './context';

export interface BenchOptions {
  only: string[] | null;
  scale: ScaleName;
  skipBuild: boolean;
  /** Keep the run's databases and Redis keys (for inspection). */
  keep: boolean;
  logLevel: string;
  /** Write V8 CPU profiles of the api and worker to tmp/bench-profiles/<run>/. */
  cpuProf: boolean;
  /** Count the api's and worker's queries per request (bench/tools/count-queries.cjs; adds overhead). */
  countQueries: boolean;
}

const USAGE = `usage: npm run bench -- [--only submit,approval,bulk,screening,sweep,reconciliation,calculator]
                         [--scale quick|full] [--skip-build] [--keep] [--log-level info] [--cpu-prof] [--count-queries]`;

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    only: null,
    scale: 'full',
    skipBuild: false,
    keep: false,
    logLevel: 'info',
    cpuProf: false,
    countQueries: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--only':
        options.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--scale': {
        const scale = value();
        if (scale !== 'quick' && scale !== 'full') throw new Error(`--scale must be quick or full\n${USAGE}`);
        options.scale = scale;
        break;
      }
      case '--skip-build':
        options.skipBuild = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--log-level':
        options.logLevel = value();
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--count-queries':
        options.countQueries = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  return options;
}
