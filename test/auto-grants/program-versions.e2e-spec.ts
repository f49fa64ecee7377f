import { api, bearer, createStaff, registerEnterprise, TestUser } from '../support/api-client';
import { currentFiscalYear, eventually, offersOf, recordFact, startSweep, waitForSweep } from './support';

const PROGRAM = 'guangzhou-science-city.high-tech-enterprise';
const FY = currentFiscalYear();

/** A new version of a one-off auto program must not grant it again to whoever had the old one. */
describe('auto grants across program versions', () => {
  let admin: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    [admin, officer] = await Promise.all([
      createStaff('policy_admin', 'guangzhou-science-city'),
      createStaff('officer', 'guangzhou-science-city'),
    ]);
  });

  const certify = (enterpriseId: string, no: string) =>
    recordFact(officer.token, enterpriseId, {
      key: 'high_tech_certificate',
      value: { certificateNo: no, grantedOn: `${FY}-02-01` },
      source: 'science_technology_bureau',
    }).expect(201);

  it('version 2 (a higher reward) offers new enterprises only; nobody gets the award twice', async () => {
    const early = await registerEnterprise('guangzhou-science-city');
    await certify(early.enterpriseId, 'GR202644000001');
    const [v1Offer] = await eventually(
      () => offersOf(early.token, PROGRAM),
      (offers) => offers.length === 1,
      'the targeted check offers version 1',
    );
    expect(v1Offer).toMatchObject({ programVersion: 1, computedAmountFen: 10_000_000 });

    // The policy admin publishes version 2 with a higher reward.
    const current = await api().get(`/programs/${PROGRAM}/versions/1`).set(bearer(admin.token)).expect(200);
    const definition = structuredClone(current.body.definition);
    definition.parameters.rewardFen.value = 15_000_000;
    delete definition.version; // the next version number is the catalog's to give
    const draft = await api().post(`/programs/${PROGRAM}/versions`).set(bearer(admin.token)).send(definition);
    expect(draft.status).toBe(201);
    const version = draft.body.version as number;
    await api()
      .post(`/programs/${PROGRAM}/versions/${version}/publish`)
      .set(bearer(admin.token))
      .send({})
      .expect(200);

    const late = await registerEnterprise('guangzhou-science-city');
    await certify(late.enterpriseId, 'GR202644000002');
    const sweep = await waitForSweep(
      admin.token,
      (await startSweep(admin.token, { programCode: PROGRAM })).id,
    );
    expect(sweep.status).toBe('completed');

    const [lateOffer] = await eventually(
      () => offersOf(late.token, PROGRAM),
      (offers) => offers.length === 1,
      'the sweep offers version 2',
    );
    expect(lateOffer).toMatchObject({ programVersion: version, computedAmountFen: 15_000_000 });
    const earlyOffers = await offersOf(early.token, PROGRAM);
    expect(earlyOffers.map((o) => o.programVersion)).toEqual([1]);
  });
});
