import { api, bearer, expectProblem, registerEnterprise } from '../support/api-client';
import { act, castFor, makeIdNumber, uploadDocument, waitForState, ZoneCast } from '../support/applications';
import { makeDeadlinesDue, sql } from '../support/db';

const PROGRAM = 'guangzhou-science-city.entrepreneurship-subsidy';
const SUBSIDY_FEN = 792_800;

describe('commitment mode end to end (告知承诺: Guangzhou entrepreneurship subsidy)', () => {
  let cast: ZoneCast;
  beforeAll(async () => {
    cast = await castFor('guangzhou-science-city', PROGRAM, 2026, 1_000_000_000);
  });

  /** A start-up (established last year, per the market regulator) applies on its signed commitment. */
  async function approvedOnCommitment(enterprise = cast.enterprise) {
    await api()
      .post(`/enterprises/${enterprise.enterpriseId}/facts`)
      .set(bearer(cast.officer.token))
      .send({ key: 'established_on', value: '2025-09-01', source: 'market_regulation' })
      .expect(201);
    const created = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: 2026,
        form: { founderName: '李四', idNumber: makeIdNumber(), commitmentSigned: true },
      })
      .expect(201);
    const id = created.body.id as string;
    await uploadDocument(enterprise.token, id, 'signed-commitment').expect(201);
    const unsigned = await api().post(`/applications/${id}/submit`).set(bearer(enterprise.token)).send({});
    expectProblem(unsigned, 400);
    expect(unsigned.body.errors[0].field).toBe('commitmentSigned');
    await api()
      .post(`/applications/${id}/submit`)
      .set(bearer(enterprise.token))
      .send({ commitmentSigned: true })
      .expect(200);
    await waitForState(cast.officer.token, id, 'acceptance');
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    const accepted = await act(cast.officer.token, id, {
      type: 'accept',
      comment: '材料齐全，承诺已签署，予以受理',
    });
    expect(accepted.status).toBe(200);
    if (accepted.body.state === 'publicity') {
      await makeDeadlinesDue(id, 'publicity-end');
      await waitForState(cast.officer.token, id, 'approved');
    } else {
      expect(accepted.body.state).toBe('approved');
    }
    return id;
  }

  it('approved on the signed commitment without substantive review; verified afterwards by an officer', async () => {
    const id = await approvedOnCommitment();
    const app = await api().get(`/applications/${id}`).set(bearer(cast.officer.token)).expect(200);
    expect(app.body).toMatchObject({ state: 'approved', approvedAmountFen: SUBSIDY_FEN, mode: 'commitment' });
    expect(app.body.availableActions).toEqual(expect.arrayContaining(['verify', 'verification_failed']));
    const verified = await act(cast.officer.token, id, { type: 'verify', comment: '实地核查属实' });
    expect(verified.body.state).toBe('approved');
    expect(verified.body.availableActions).not.toContain('verify');
  });

  it('a failed post-verification before payment revokes the grant, releases the funds and bars the enterprise', async () => {
    const enterprise = await registerEnterprise('guangzhou-science-city');
    const id = await approvedOnCommitment(enterprise);
    const failed = await act(cast.officer.token, id, {
      type: 'verification_failed',
      comment: '经核查，企业未实际经营，承诺不实',
    });
    expect(failed.body.state).toBe('revoked');
    expect(await sql(`SELECT status FROM fund_reservations WHERE application_id = $1`, [id])).toEqual([
      { status: 'released' },
    ]);
    const barred = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({ programCode: PROGRAM, form: { founderName: '王五' } });
    expectProblem(barred, 403);
    expect(barred.body.reason).toMatch(/commitment-breached/);
  });

  it('an enterprise not meeting the conditions is rejected by screening with the reasons', async () => {
    const old = await registerEnterprise('guangzhou-science-city');
    await api()
      .post(`/enterprises/${old.enterpriseId}/facts`)
      .set(bearer(cast.officer.token))
      .send({ key: 'established_on', value: '2015-01-01', source: 'market_regulation' })
      .expect(201);
    const created = await api()
      .post('/applications')
      .set(bearer(old.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: 2026,
        form: { founderName: '赵六', idNumber: makeIdNumber(), commitmentSigned: true },
      })
      .expect(201);
    await uploadDocument(old.token, created.body.id, 'signed-commitment').expect(201);
    await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(old.token))
      .send({ commitmentSigned: true })
      .expect(200);
    const rejected = await waitForState(old.token, created.body.id, 'rejected');
    expect(rejected.evidence).toMatchObject({ eligible: false });
    const history = await api().get(`/applications/${created.body.id}/history`).set(bearer(old.token));
    expect(history.body.at(-1).comment).toMatch(/36/);
  });
});
