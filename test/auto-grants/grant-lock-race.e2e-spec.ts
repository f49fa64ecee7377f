import { createStaff, registerEnterprise, TestEnterprise, TestUser } from '../support/api-client';
import { sql } from '../support/db';
import {
  currentFiscalYear,
  eventually,
  offersOf,
  recordFact,
  startSweep,
  SweepBody,
  uniqueIdNumber,
  waitForSweep,
} from './support';

const PLAN = 'xixian-new-area.innovative-talents-plan';
/** Recognised three years ago: the plan's three installment years are START … the current year. */
const RECOGNISED = currentFiscalYear() - 3;
const START = RECOGNISED + 1;
const YEARS = [START, START + 1, START + 2];
const ENTERPRISES = 12;

/** What an enterprise holds of the plan, comparable across enterprises: [fiscal year, installment]. */
async function heldOffers(enterprise: TestEnterprise): Promise<[number, number | null][]> {
  const offers = await offersOf(enterprise.token, PLAN);
  return offers
    .map((o) => [o.fiscalYear as number, o.installmentIndex] as [number, number | null])
    .sort((a, b) => a[0] - b[0] || (a[1] ?? -1) - (b[1] ?? -1));
}

/**
 * One offer per installment and no lost grant while targeted checks and sweeps of the same years run
 * at once. Every fact recorded queues a targeted check that re-checks the past years the fact speaks
 * about, so checks and sweeps of those past years write the same offers and installment plans
 * concurrently; AutoGrantEngine serialises them per enterprise (its grant lock, taken in id order).
 * Note: the deadlock that lock fixed was found by the installment test; this race has not reproduced
 * it with the lock removed (four runs), so it guards the outcome, not that particular interleaving.
 */
describe('auto-grant lock: targeted checks of past years racing sweeps of those years', () => {
  let admin: TestUser;
  let enterprises: TestEnterprise[];

  beforeAll(async () => {
    admin = await createStaff('policy_admin', 'xixian-new-area');
    enterprises = await Promise.all(
      Array.from({ length: ENTERPRISES }, () => registerEnterprise('xixian-new-area')),
    );
  });

  it('no errors, no failed checks, one offer per installment, and a later sweep finds nothing left', async () => {
    const factsOf = (enterprise: TestEnterprise) => {
      const idNumber = uniqueIdNumber();
      return [
        {
          key: 'talent_recognition',
          idNumber,
          value: {
            tier: 'innovative',
            programme: 'qinchuangyuan-innovative-talents',
            recognisedOn: `${RECOGNISED}-05-10`,
          },
          source: 'human_resources',
        },
        ...[RECOGNISED, START, START + 1].map((year, i) => ({
          key: 'personal_tax_contribution_fen',
          idNumber,
          period: String(year),
          value: 1_000_000 + i * 10_000,
          source: 'tax_bureau',
        })),
      ].map((fact) => ({ enterprise, fact }));
    };
    const facts = enterprises.flatMap(factsOf);

    // Everything at once: every fact of every enterprise (each queues a check of the past years) and
    // three sweeps of each installment year.
    const sweeps: Promise<SweepBody>[] = [];
    await Promise.all([
      ...facts.map(({ enterprise, fact }) =>
        recordFact(admin.token, enterprise.enterpriseId, fact).expect(201),
      ),
      ...[...YEARS, ...YEARS, ...YEARS].map(async (fiscalYear) => {
        const sweep = await startSweep(admin.token, { programCode: PLAN, fiscalYear });
        sweeps.push(waitForSweep(admin.token, sweep.id, 240_000));
      }),
    ]);
    for (const sweep of await Promise.all(sweeps)) {
      expect({ id: sweep.id, errors: sweep.errors }).toEqual({ id: sweep.id, errors: [] });
    }

    // Every targeted check finished and none failed (a deadlocked check is retried, then failed).
    const ids = enterprises.map((e) => e.enterpriseId);
    const checks = await eventually(
      () =>
        sql<{ done: boolean; failed: boolean; last_error: string | null }>(
          `SELECT done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed, last_error FROM outbox
           WHERE queue = 'auto-grants' AND payload->>'enterpriseId' = ANY($1::text[])`,
          [ids],
        ),
      (rows) => rows.length === facts.length && rows.every((r) => r.done || r.failed),
      'the targeted checks',
      240_000,
    );
    expect(checks.filter((c) => c.failed)).toEqual([]);

    // Each enterprise holds the same installments, each once: the first year's offer and the two
    // installments after it.
    const held = await Promise.all(enterprises.map(heldOffers));
    for (const offers of held) {
      expect(offers).toHaveLength(3);
      expect(new Set(offers.map((o) => o[0]))).toEqual(new Set(YEARS));
      expect(offers).toEqual(held[0]);
    }

    // Nothing was lost in the race: sweeps run now, alone, offer nothing new.
    for (const fiscalYear of YEARS) {
      const sweep = await waitForSweep(
        admin.token,
        (await startSweep(admin.token, { programCode: PLAN, fiscalYear })).id,
        240_000,
      );
      expect({ fiscalYear, offersCreated: sweep.offersCreated, errors: sweep.errors }).toEqual({
        fiscalYear,
        offersCreated: 0,
        errors: [],
      });
    }
    expect(await Promise.all(enterprises.map(heldOffers))).toEqual(held);
  });
});
