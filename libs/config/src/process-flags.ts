/**
 * Node flags the worker runs with everywhere (npm start, start:worker, the Docker image, benchmarks).
 * The worker streams its data (sweeps read enterprises in batches; live heap stays ~55 MB), but with
 * Node's default heap limit V8 lets garbage pile up under a high allocation rate, so peak RSS grows
 * with the size of the job; a cap keeps it flat (measured in bench/: 1.01x from 10k to 100k).
 * Keep package.json's start:worker and docker/Dockerfile in step with this.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=256'];
