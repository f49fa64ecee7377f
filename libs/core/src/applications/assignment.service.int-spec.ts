import { dataSourceOptions } from '@huiqi/database';
import { ApplicationEntity } from '@huiqi/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { AssignmentService } from './assignment.service';

/** Load balancing against real Postgres, in a database of its own (no other test's officers in the zone). */
describe('AssignmentService', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const service = new AssignmentService();
  let zoneId: string;
  let enterpriseId: string;
  const officers: string[] = [];

  beforeAll(async () => {
    db = await createIsolatedDatabase('assignment');
    ds = await new DataSource({
      ...dataSourceOptions({ database: { url: db.url, poolSize: 12 } }, 'assignment-test'),
    }).initialize();
    zoneId = (await ds.query(`SELECT id FROM zones WHERE code = 'changsha-etdz'`))[0].id;
    enterpriseId = randomUUID();
    await ds.query(
      `INSERT INTO enterprises (id, uscc, name, zone_id) VALUES ($1, '91110108551385082Q', 'E', $2)`,
      [enterpriseId, zoneId],
    );
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      officers.push(id);
      await ds.query(
        `INSERT INTO users (id, username, password_hash, role, zone_id, display_name) VALUES ($1, $2, 'x', 'officer', $3, $2)`,
        [id, `officer-${i}`, zoneId],
      );
    }
    // An inactive officer and a director of the zone must never get work.
    await ds.query(
      `INSERT INTO users (username, password_hash, role, zone_id, display_name, is_active) VALUES ('gone', 'x', 'officer', $1, 'gone', false)`,
      [zoneId],
    );
    await ds.query(
      `INSERT INTO users (username, password_hash, role, zone_id, display_name) VALUES ('boss', 'x', 'director', $1, 'boss')`,
      [zoneId],
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function newCase(state = 'first_review'): Promise<ApplicationEntity> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO applications (id, zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind, beneficiary_key,
         period, fiscal_year, state, machine_version, snapshot)
       VALUES ($1, $2, $3, 'changsha-etdz.achievement-transformation', 1, 'apply', 'enterprise', $4, 'once', 2026, $5, 1, '{}')`,
      [id, zoneId, enterpriseId, `enterprise|projectName=${id}`, state],
    );
    return await ds.getRepository(ApplicationEntity).findOneByOrFail({ id });
  }

  it('spreads concurrent new work evenly over the active officers', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => newCase()));
    await Promise.all(cases.map((c) => ds.transaction((m) => service.assignIfNeeded(m, c))));
    const counts: { assignee_id: string; n: number }[] = await ds.query(
      `SELECT assignee_id, count(*)::int AS n FROM applications WHERE state = 'first_review' GROUP BY assignee_id ORDER BY assignee_id`,
    );
    expect(counts.map((c) => c.assignee_id).sort()).toEqual([...officers].sort());
    expect(counts.map((c) => c.n)).toEqual([4, 4, 4]);
  });

  it('gives the next item to the least-loaded officer', async () => {
    const busiest = officers[0];
    for (let i = 0; i < 3; i++) {
      const c = await newCase();
      await ds.query(`UPDATE applications SET assignee_id = $2 WHERE id = $1`, [c.id, busiest]);
    }
    const next = await newCase();
    const assignee = await ds.transaction((m) => service.assignIfNeeded(m, next));
    expect(assignee).not.toBe(busiest);
    const loads = await service.loads(ds.manager, zoneId);
    expect(loads[0].openCount).toBeLessThanOrEqual(loads[loads.length - 1].openCount);
  });

  it('keeps a case with its active assignee and leaves non-officer stages alone', async () => {
    const c = await newCase();
    await ds.query(`UPDATE applications SET assignee_id = $2 WHERE id = $1`, [c.id, officers[2]]);
    c.assigneeId = officers[2];
    expect(await ds.transaction((m) => service.assignIfNeeded(m, c))).toBe(officers[2]);
    const expert = await newCase('expert_review');
    expect(await ds.transaction((m) => service.assignIfNeeded(m, expert))).toBeNull();
  });
});
