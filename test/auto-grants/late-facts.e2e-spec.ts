import { createStaff, registerEnterprise, TestUser } from '../support/api-client';
import { sql } from '../support/db';
import {
  currentFiscalYear,
  eventually,
  offersOf,
  recordFact,
  startSweep,
  uniqueIdNumber,
  waitForSweep,
} from './support';

const PLAN = 'xixian-new-area.innovative-talents-plan';
/** Recognised three years ago: the plan's first year (the year after) is a past fiscal year. */
const RECOGNISED = currentFiscalYear() - 3;
const START = RECOGNISED + 1;

/** The enterprise's auto-grant checks in the outbox, once every one of them is done. */
async function checksDone(enterpriseId: string, count: number) {
  return eventually(
    () =>
      sql<{ payload: Record<string, unknown>; done: boolean; failed: boolean }>(
        `SELECT payload, done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed FROM outbox
         WHERE queue = 'auto-grants' AND payload->>'enterpriseId' = $1 ORDER BY id`,
        [enterpriseId],
      ),
    (rows) => rows.length === count && rows.every((r) => r.done || r.failed),
    `${count} auto-grant checks of ${enterpriseId}`,
  );
}

describe('a fact recorded late for a past fiscal year re-checks that year', () => {
  let admin: TestUser;

  beforeAll(async () => {
    admin = await createStaff('policy_admin', 'xixian-new-area');
  });

  it('offers a talent recognised years ago for the plan’s (past) first year without a sweep, and only once', async () => {
    const enterprise = await registerEnterprise('xixian-new-area');
    const idNumber = uniqueIdNumber();
    const recognition = {
      key: 'talent_recognition',
      idNumber,
      value: {
        tier: 'innovative',
        programme: 'qinchuangyuan-innovative-talents',
        recognisedOn: `${RECOGNISED}-05-10`,
      },
      source: 'human_resources',
    };
    await recordFact(admin.token, enterprise.enterpriseId, recognition).expect(201);
    await recordFact(admin.token, enterprise.enterpriseId, {
      key: 'personal_tax_contribution_fen',
      idNumber,
      period: String(RECOGNISED),
      value: 1_234_567,
      source: 'tax_bureau',
    }).expect(201);

    // Once the two checks are done, the plan's first installment (fiscal year START, a past year) is
    // offered with no sweep run…
    const first = await checksDone(enterprise.enterpriseId, 2);
    expect(first.every((r) => r.done)).toBe(true);
    const offers = await offersOf(enterprise.token, PLAN);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      state: 'offered',
      fiscalYear: START,
      computedAmountFen: 1_234_567,
      installmentIndex: null,
    });
    // …because the checks asked for the past year the facts speak about.
    expect(first.map((r) => r.payload.fromFiscalYear)).toEqual([RECOGNISED, RECOGNISED]);

    // The same recognition again from another source (a new version) checks the same years again:
    // nothing is offered twice.
    await recordFact(admin.token, enterprise.enterpriseId, { ...recognition, source: 'officer' }).expect(201);
    const second = await checksDone(enterprise.enterpriseId, 3);
    expect(second.every((r) => r.done)).toBe(true);
    // And a sweep of that year by hand finds it already granted.
    const sweep = await waitForSweep(
      admin.token,
      (await startSweep(admin.token, { programCode: PLAN, fiscalYear: START })).id,
    );
    expect(sweep.errorCount).toBe(0);
    const after = await offersOf(enterprise.token, PLAN);
    expect(after.map((o) => [o.id, o.fiscalYear, o.installmentIndex])).toEqual([[offers[0].id, START, null]]);
  });

  it('a fact of the current year alone checks the current year only', async () => {
    const enterprise = await registerEnterprise('xixian-new-area');
    await recordFact(admin.token, enterprise.enterpriseId, {
      key: 'employees',
      period: String(currentFiscalYear()),
      value: 12,
      source: 'tax_bureau',
    }).expect(201);
    const [check] = await checksDone(enterprise.enterpriseId, 1);
    expect(check.payload).toEqual({
      kind: 'check-enterprise',
      enterpriseId: enterprise.enterpriseId,
      reason: 'facts-changed',
    });
  });
});
