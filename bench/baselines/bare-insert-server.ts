/**
 * Baseline for the HTTP write benchmarks: bare Fastify + pg, one INSERT per request, nothing else
 * (no auth, no validation, no ORM, no transaction, no logging). Runs as its own process; prints
 * `listening <port>` when ready. Env: DATABASE_URL, PORT, POOL_SIZE (the app's default, 10).
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

async function main(): Promise<void> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_SIZE ?? 10),
    application_name: 'bench-bare-server',
  });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`);
  const app = Fastify({ logger: false });
  app.post<{ Params: { owner: string }; Body: Record<string, unknown> }>(
    '/items/:owner',
    async (req, reply) => {
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO bench_bare_items (owner, payload) VALUES ($1, $2) RETURNING id',
        [req.params.owner, JSON.stringify(req.body ?? {})],
      );
      return reply.code(201).send({ id: rows[0].id });
    },
  );
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
