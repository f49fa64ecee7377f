import { dataSourceOptions } from '@huiqi/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../../../test/support/api-client';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { GrantHistoryService } from './grant-history.service';

/** What beneficiaries already hold, asked one at a time and for a whole batch at once: the same answers. */
describe('GrantHistoryService', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const service = new GrantHistoryService();
  let zoneId: string;
  const enterprises: string[] = [];
  const PROGRAM = 'changsha-etdz.achievement-transformation';
  const OTHER = 'changsha-etdz.equipment-upgrade';

  beforeAll(async () => {
    db = await createIsolatedDatabase('history');
    ds = await new DataSource(
      dataSourceOptions({ database: { url: db.url, poolSize: 4 } }, 'history-test'),
    ).initialize();
    zoneId = (await ds.query(`SELECT id FROM zones WHERE code = 'changsha-etdz'`))[0].id;
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      enterprises.push(id);
      await ds.query(`INSERT INTO enterprises (id, uscc, name, zone_id) VALUES ($1, $2, 'E', $3)`, [
        id,
        makeUscc('430100'),
        zoneId,
      ]);
    }
    const grant = (
      e: number,
      program: string,
      fy: number,
      state: string,
      fen: number,
      person: string | null,
    ) =>
      ds.query(
        `INSERT INTO applications (zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
           beneficiary_key, person_id_hash, period, fiscal_year, state, machine_version, snapshot, approved_amount_fen)
         VALUES ($1, $2, $3, 1, 'apply', $4, $5, $6, $7, $8, $9, 1, '{}', $10)`,
        [
          zoneId,
          enterprises[e],
          program,
          person ? 'person' : 'enterprise',
          `k-${randomUUID()}`,
          person,
          `fy-${fy}`,
          fy,
          state,
          fen,
        ],
      );
    await grant(0, PROGRAM, 2026, 'approved', 300_000, null);
    await grant(0, PROGRAM, 2026, 'paid', 200_000, 'person-a');
    await grant(0, PROGRAM, 2025, 'paid', 700_000, null); // another fiscal year
    await grant(0, PROGRAM, 2026, 'rejected', 900_000, null); // not committed
    await grant(0, OTHER, 2026, 'approved', 800_000, null); // another program
    await grant(1, PROGRAM, 2024, 'disbursing', 50_000, 'person-b'); // a person, at another enterprise
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('answers a batch exactly as one query per beneficiary does, in the order asked', async () => {
    const requests = [
      { enterpriseId: enterprises[0], programCode: PROGRAM, personIdHash: null },
      { enterpriseId: enterprises[1], programCode: PROGRAM, personIdHash: 'person-a' },
      { enterpriseId: enterprises[2], programCode: PROGRAM, personIdHash: 'person-b' },
      { enterpriseId: enterprises[2], programCode: PROGRAM, personIdHash: null },
      { enterpriseId: enterprises[0], programCode: OTHER, personIdHash: 'nobody' },
    ];
    const batch = await service.historiesFor(ds.manager, 2026, requests);
    const single = [];
    for (const r of requests) single.push(await service.historyFor(ds.manager, { ...r, fiscalYear: 2026 }));
    expect(batch).toEqual(single);
    expect(batch).toEqual([
      { enterpriseGrantedThisFiscalYearFen: 500_000, personGrantedFen: 0 },
      { enterpriseGrantedThisFiscalYearFen: 0, personGrantedFen: 200_000 },
      { enterpriseGrantedThisFiscalYearFen: 0, personGrantedFen: 50_000 },
      { enterpriseGrantedThisFiscalYearFen: 0, personGrantedFen: 0 },
      { enterpriseGrantedThisFiscalYearFen: 800_000, personGrantedFen: 0 },
    ]);
    expect(await service.historiesFor(ds.manager, 2026, [])).toEqual([]);
  });
});
