import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { act, ensurePool } from '../support/applications';
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
/** Recognised three years ago, so all three installment years (start … now) have come. */
const RECOGNISED = currentFiscalYear() - 3;
const START = RECOGNISED + 1;

interface PlanBody {
  id: string;
  status: string;
  startFiscalYear: number;
  years: number;
  stoppedReason: string | null;
  installments: {
    index: number;
    fiscalYear: number;
    baseFiscalYear: number;
    status: string;
    applicationId: string | null;
    amountFen: number | null;
    unmet: { clauseId: string }[];
  }[];
}

describe('installment plans (Xixian innovative talents: 100% of last year’s contribution, three years)', () => {
  let admin: TestUser;
  let finance: TestUser;

  beforeAll(async () => {
    [admin, finance] = await Promise.all([
      createStaff('policy_admin', 'xixian-new-area'),
      createStaff('finance', 'xixian-new-area'),
    ]);
  });

  const tax = (enterprise: TestEnterprise, idNumber: string, year: number, fen: number) =>
    recordFact(admin.token, enterprise.enterpriseId, {
      key: 'personal_tax_contribution_fen',
      idNumber,
      period: String(year),
      value: fen,
      source: 'tax_bureau',
    }).expect(201);

  const plan = async (token: string, id: string): Promise<PlanBody> =>
    (await api().get(`/installment-plans/${id}`).set(bearer(token)).expect(200)).body as PlanBody;

  /** A recognised talent with the recognition year's contribution, granted by a sweep of the start year. */
  async function grantedTalent(firstYearFen: number) {
    const enterprise = await registerEnterprise('xixian-new-area');
    const idNumber = uniqueIdNumber();
    await recordFact(admin.token, enterprise.enterpriseId, {
      key: 'talent_recognition',
      idNumber,
      value: {
        tier: 'innovative',
        programme: 'qinchuangyuan-innovative-talents',
        recognisedOn: `${RECOGNISED}-05-10`,
      },
      source: 'human_resources',
    }).expect(201);
    await tax(enterprise, idNumber, RECOGNISED, firstYearFen);
    const sweep = await startSweep(admin.token, { programCode: PLAN, fiscalYear: START });
    const done = await waitForSweep(admin.token, sweep.id);
    expect(done.errors).toEqual([]);
    expect(done.errorCount).toBe(0);
    const [first] = await offersOf(enterprise.token, PLAN);
    return { enterprise, idNumber, first };
  }

  it('offers each installment as its own case when that year’s tax data arrives; until then it waits', async () => {
    const { enterprise, idNumber, first } = await grantedTalent(1_234_567);
    expect(first).toMatchObject({
      state: 'offered',
      computedAmountFen: 1_234_567,
      fiscalYear: START,
      parentId: null,
      installmentIndex: null,
    });

    const schedule = await plan(enterprise.token, first.id);
    expect(schedule).toMatchObject({ id: first.id, status: 'active', startFiscalYear: START, years: 3 });
    expect(schedule.installments.map((i) => [i.index, i.fiscalYear, i.baseFiscalYear, i.status])).toEqual([
      [1, START, RECOGNISED, 'offered'],
      [2, START + 1, START, 'awaiting-data'],
      [3, START + 2, START + 1, 'awaiting-data'],
    ]);
    expect(schedule.installments[0]).toMatchObject({ applicationId: first.id, amountFen: 1_234_567 });
    expect(schedule.installments[1].unmet.map((u) => u.clauseId)).toEqual(['amount.missing-value']);

    // The year's tax data arrives: the targeted check offers installment 2, installment 3 still waits.
    await tax(enterprise, idNumber, START, 2_000_001);
    const second = await eventually(
      () => plan(enterprise.token, first.id),
      (p) => p.installments[1].status === 'offered',
      'installment 2',
    );
    expect(second.installments[1]).toMatchObject({ amountFen: 2_000_001 });
    expect(second.installments[2].status).toBe('awaiting-data');
    const child = (
      await api().get(`/applications/${second.installments[1].applicationId}`).set(bearer(enterprise.token))
    ).body;
    expect(child).toMatchObject({
      state: 'offered',
      parentId: first.id,
      installmentIndex: 2,
      fiscalYear: START + 1,
      computedAmountFen: 2_000_001,
      programVersion: first.programVersion,
    });
    expect(child.evidence.amount.installment).toMatchObject({ index: 2, baseFiscalYear: START });

    await tax(enterprise, idNumber, START + 1, 987_654);
    const third = await eventually(
      () => plan(enterprise.token, first.id),
      (p) => p.installments[2].status === 'offered',
      'installment 3',
    );
    expect(third.status).toBe('completed');
    expect(third.installments.map((i) => i.amountFen)).toEqual([1_234_567, 2_000_001, 987_654]);
    const cases = await offersOf(enterprise.token, PLAN);
    expect(cases.map((c) => [c.installmentIndex, c.computedAmountFen]).sort()).toEqual(
      [
        [null, 1_234_567],
        [2, 2_000_001],
        [3, 987_654],
      ].sort(),
    );

    // Installment 2 is confirmed and approved on its own, from its own year's pool.
    await ensurePool(finance.token, PLAN, START + 1, 100_000_000);
    const confirmed = await act(enterprise.token, child.id, { type: 'confirm', bankAccountConfirmed: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'publicity', approvedAmountFen: 2_000_001 });

    // A repeated check or sweep changes nothing.
    const again = await waitForSweep(
      admin.token,
      (await startSweep(admin.token, { programCode: PLAN, fiscalYear: START })).id,
    );
    expect(again.errorCount).toBe(0);
    expect(await offersOf(enterprise.token, PLAN)).toHaveLength(3);
  });

  it('stops the plan when the enterprise declines its first case', async () => {
    const { enterprise, idNumber, first } = await grantedTalent(500_000);
    await act(enterprise.token, first.id, { type: 'decline', comment: '人才已离职' }).expect(200);
    await tax(enterprise, idNumber, START, 600_000);
    const stopped = await eventually(
      () => plan(enterprise.token, first.id),
      (p) => p.status === 'stopped',
      'the plan to stop',
    );
    expect(stopped.stoppedReason).toBe('first case declined');
    expect(stopped.installments.map((i) => i.status)).toEqual(['offered', 'cancelled', 'cancelled']);
    expect(await offersOf(enterprise.token, PLAN)).toHaveLength(1);
  });

  it('shows a plan to its enterprise and zone only', async () => {
    const { first } = await grantedTalent(100_000);
    const other = await registerEnterprise('xixian-new-area');
    await api().get(`/installment-plans/${first.id}`).set(bearer(other.token)).expect(404);
    const elsewhere = await createStaff('officer', 'ningxiang-htz');
    await api().get(`/installment-plans/${first.id}`).set(bearer(elsewhere.token)).expect(404);
    const officer = await createStaff('officer', 'xixian-new-area');
    await api().get(`/installment-plans/${first.id}`).set(bearer(officer.token)).expect(200);
  });
});
