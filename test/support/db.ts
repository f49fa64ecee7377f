import { Client } from 'pg';
import { e2eEnv } from './test-env';

/** Runs a query against the run's database (for assertions and for moving time forward, never to fake state). */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: e2eEnv().databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Time travel for deadlines: makes the application's pending deadline jobs of `kind` due now, as if
 * the working days had passed. The worker's relay then hands them to BullMQ and the real processor runs.
 */
export async function makeDeadlinesDue(
  applicationId: string,
  kind: 'reminder' | 'expiry' | 'publicity-end',
  stage?: string,
): Promise<number> {
  const rows = await sql(
    `UPDATE outbox SET available_at = now() - interval '1 second'
     WHERE queue = 'deadlines' AND payload->>'applicationId' = $1 AND payload->>'kind' = $2
       AND ($3::text IS NULL OR payload->>'stage' = $3) AND done_at IS NULL AND sent_at IS NULL
     RETURNING id`,
    [applicationId, kind, stage ?? null],
  );
  await sql(`SELECT pg_notify('huiqi_outbox', '')`);
  return rows.length;
}

/**
 * Moves an application's clock past its current stage deadline: the stage is now due a minute ago
 * and its pending expiry job is due now (as if the working days had passed). The real worker then
 * escalates it.
 */
export async function passStageDeadline(applicationId: string): Promise<void> {
  const [app] = await sql<{ stage: string; due: string }>(
    `UPDATE applications SET stage_due_at = date_trunc('milliseconds', now()) - interval '1 minute' WHERE id = $1 AND stage IS NOT NULL
     RETURNING stage, to_char(stage_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS due`,
    [applicationId],
  );
  if (!app) throw new Error(`application ${applicationId} waits in no stage`);
  await sql(
    `UPDATE application_stage_log SET due_at = now() - interval '1 minute' WHERE application_id = $1 AND left_at IS NULL`,
    [applicationId],
  );
  await sql(
    `UPDATE outbox SET available_at = now() - interval '1 second', payload = jsonb_set(payload, '{dueAt}', to_jsonb($3::text))
     WHERE queue = 'deadlines' AND payload->>'applicationId' = $1 AND payload->>'stage' = $2 AND payload->>'kind' = 'expiry'
       AND done_at IS NULL AND sent_at IS NULL`,
    [applicationId, app.stage, app.due],
  );
  await sql(`SELECT pg_notify('huiqi_outbox', '')`);
}
