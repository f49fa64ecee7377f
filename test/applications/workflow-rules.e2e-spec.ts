import { randomBytes } from 'node:crypto';
import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
} from '../support/api-client';
import {
  act,
  castFor,
  ensurePool,
  makeIdNumber,
  uniqueDocNo,
  uploadDocument,
  waitForState,
  ZoneCast,
} from '../support/applications';
import { sql } from '../support/db';

const PLATFORM = 'ningxiang-htz.platform-construction';

async function submittedPlatform(
  cast: ZoneCast,
  enterprise: TestEnterprise = cast.enterprise,
  platformType = 'municipal-platform',
) {
  const created = await api()
    .post('/applications')
    .set(bearer(enterprise.token))
    .send({
      programCode: PLATFORM,
      fiscalYear: 2026,
      form: {
        platformName: '长沙市工程技术研究中心',
        platformType,
        recognisedOn: '2026-04-01',
        approvalDocumentNo: uniqueDocNo(),
      },
    })
    .expect(201);
  await uploadDocument(enterprise.token, created.body.id, 'recognition-document').expect(201);
  await api()
    .post(`/applications/${created.body.id}/submit`)
    .set(bearer(enterprise.token))
    .send({})
    .expect(200);
  await waitForState(cast.officer.token, created.body.id, 'first_review');
  await api()
    .post(`/applications/${created.body.id}/assignment`)
    .set(bearer(cast.officer.token))
    .send({ action: 'take' })
    .expect(200);
  return created.body.id as string;
}

describe('workflow rules through the API', () => {
  let ningxiang: ZoneCast;
  beforeAll(async () => {
    ningxiang = await castFor('ningxiang-htz', PLATFORM, 2026, 10_000_000_000);
  });

  it('20 parallel approvals of one application: exactly one succeeds, the rest are 409, one audit event', async () => {
    const id = await submittedPlatform(ningxiang); // municipal: 500,000 yuan, not above the director threshold
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => act(ningxiang.officer.token, id, { type: 'approve' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const approvals = await sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE stream = $1 AND action = 'approve'`,
      [`application:${id}`],
    );
    expect(approvals[0].n).toBe(1);
    const reservations = await sql(
      `SELECT count(*)::int AS n FROM fund_reservations WHERE application_id = $1`,
      [id],
    );
    expect(reservations[0].n).toBe(1);
  });

  it('If-Match with a stale version is a 409, never a silent overwrite', async () => {
    const id = await submittedPlatform(ningxiang);
    const current = await api().get(`/applications/${id}`).set(bearer(ningxiang.officer.token)).expect(200);
    const stale = await api()
      .post(`/applications/${id}/actions`)
      .set(bearer(ningxiang.officer.token))
      .set('if-match', `"${current.body.version - 1}"`)
      .send({ type: 'approve' });
    expectProblem(stale, 409);
    const fresh = await api()
      .post(`/applications/${id}/actions`)
      .set(bearer(ningxiang.officer.token))
      .set('if-match', `"${current.body.version}"`)
      .send({ type: 'approve' });
    expect(fresh.status).toBe(200);
  });

  it('a submit retried with the same Idempotency-Key is one submission', async () => {
    const created = await api()
      .post('/applications')
      .set(bearer(ningxiang.enterprise.token))
      .send({
        programCode: PLATFORM,
        fiscalYear: 2026,
        form: {
          platformName: '省级平台',
          platformType: 'provincial-platform',
          recognisedOn: '2026-05-01',
          approvalDocumentNo: uniqueDocNo(),
        },
      })
      .expect(201);
    await uploadDocument(ningxiang.enterprise.token, created.body.id, 'recognition-document').expect(201);
    const key = `submit-${randomBytes(6).toString('hex')}`;
    const first = await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(ningxiang.enterprise.token))
      .set('idempotency-key', key)
      .send({});
    const retry = await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(ningxiang.enterprise.token))
      .set('idempotency-key', key)
      .send({});
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const submits = await sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE stream = $1 AND action = 'submit'`,
      [`application:${created.body.id}`],
    );
    expect(submits[0].n).toBe(1);
  });

  describe('security', () => {
    let other: TestEnterprise;
    let appId: string;
    let docId: string;
    beforeAll(async () => {
      other = await registerEnterprise('ningxiang-htz');
      appId = await submittedPlatform(ningxiang);
      const docs = await api()
        .get(`/applications/${appId}/documents`)
        .set(bearer(ningxiang.enterprise.token))
        .expect(200);
      docId = docs.body[0].id;
    });

    it('enterprise B cannot read, edit, act on or download anything of enterprise A (404)', async () => {
      for (const path of [
        `/applications/${appId}`,
        `/applications/${appId}/history`,
        `/applications/${appId}/documents`,
        `/applications/${appId}/documents/${docId}/content`,
      ]) {
        expectProblem(await api().get(path).set(bearer(other.token)), 404);
      }
      expectProblem(
        await api().patch(`/applications/${appId}`).set(bearer(other.token)).send({ form: {} }),
        404,
      );
      expectProblem(await api().post(`/applications/${appId}/submit`).set(bearer(other.token)).send({}), 404);
      expectProblem(await act(other.token, appId, { type: 'withdraw' }), 404);
      expectProblem(await uploadDocument(other.token, appId, 'recognition-document'), 404);
      const list = await api().get('/applications').set(bearer(other.token)).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(appId);
    });

    it('an officer of another zone sees nothing of it (404)', async () => {
      const foreign = await createStaff('officer', 'xixian-new-area');
      expectProblem(await api().get(`/applications/${appId}`).set(bearer(foreign.token)), 404);
      expectProblem(await act(foreign.token, appId, { type: 'approve' }), 404);
      expectProblem(
        await api().get(`/applications/${appId}/documents/${docId}/content`).set(bearer(foreign.token)),
        404,
      );
    });

    it('the owner downloads the exact bytes it uploaded', async () => {
      const res = await api()
        .get(`/applications/${appId}/documents/${docId}/content`)
        .set(bearer(ningxiang.enterprise.token))
        .buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(res.body).toString('latin1').startsWith('%PDF-')).toBe(true);
    });

    it('mass assignment of state or amounts in a PATCH is refused by name', async () => {
      const draft = await api()
        .post('/applications')
        .set(bearer(ningxiang.enterprise.token))
        .send({ programCode: PLATFORM })
        .expect(201);
      const res = await api()
        .patch(`/applications/${draft.body.id}`)
        .set(bearer(ningxiang.enterprise.token))
        .send({ form: {}, state: 'approved', approvedAmountFen: 100_000_000 });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'approvedAmountFen',
        'state',
      ]);
      const inForm = await api()
        .patch(`/applications/${draft.body.id}`)
        .set(bearer(ningxiang.enterprise.token))
        .send({ form: { state: 'approved' } });
      expectProblem(inForm, 400);
      expect(inForm.body.errors[0].field).toBe('form.state');
      const after = await api()
        .get(`/applications/${draft.body.id}`)
        .set(bearer(ningxiang.enterprise.token))
        .expect(200);
      expect(after.body).toMatchObject({ state: 'draft', approvedAmountFen: null });
    });

    it('staff never see an enterprise draft', async () => {
      const draft = await api()
        .post('/applications')
        .set(bearer(ningxiang.enterprise.token))
        .send({ programCode: PLATFORM })
        .expect(201);
      expectProblem(
        await api().get(`/applications/${draft.body.id}`).set(bearer(ningxiang.officer.token)),
        404,
      );
    });

    it('fuzzed action bodies never cause a 500 or a state change', async () => {
      const before = await api().get(`/applications/${appId}`).set(bearer(ningxiang.officer.token));
      const bodies: unknown[] = [
        {},
        { type: 1 },
        { type: 'APPROVE' },
        { type: 'approve', amountFen: -5 },
        { type: 'approve', amountFen: 1.5 },
        { type: 'approve', amountFen: '100' },
        { type: 'approve', amountFen: 1e20 },
        { type: 'reject', comment: 'x'.repeat(5000) },
        { type: 'approve', state: 'approved' },
        { type: "'; DROP TABLE applications; --" },
        [],
      ];
      for (const body of bodies) {
        const res = await api()
          .post(`/applications/${appId}/actions`)
          .set(bearer(ningxiang.officer.token))
          .send(body as object);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      const after = await api().get(`/applications/${appId}`).set(bearer(ningxiang.officer.token));
      expect(after.body.version).toBe(before.body.version);
    });
  });

  it('altering a stored audit event is detected by the verify endpoint', async () => {
    const id = await submittedPlatform(ningxiang);
    await act(ningxiang.officer.token, id, { type: 'approve', comment: '同意' }).expect(200);
    const ok = await api()
      .get(`/applications/${id}/history/verify`)
      .set(bearer(ningxiang.director.token))
      .expect(200);
    expect(ok.body.valid).toBe(true);
    // An attacker with database access edits the approval's comment (the trigger must be bypassed to do it).
    await expect(
      sql(`UPDATE audit_events SET comment = 'x' WHERE stream = $1`, [`application:${id}`]),
    ).rejects.toThrow(/append-only/);
    await sql(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      UPDATE audit_events SET comment = '不同意' WHERE stream = 'application:${id}' AND action = 'approve';
      COMMIT;`);
    const broken = await api()
      .get(`/applications/${id}/history/verify`)
      .set(bearer(ningxiang.director.token))
      .expect(200);
    expect(broken.body).toMatchObject({ valid: false, problem: 'hash-mismatch' });
  });

  it('one person, one talent award: a second enterprise submitting the same person gets 409', async () => {
    const talent = 'ningxiang-htz.talent-introduction';
    await ensurePool(ningxiang.finance.token, talent, 2026, 1_000_000_000);
    const idNumber = makeIdNumber();
    const apply = async (enterprise: TestEnterprise) => {
      const created = await api()
        .post('/applications')
        .set(bearer(enterprise.token))
        .send({
          programCode: talent,
          fiscalYear: 2026,
          form: { talentName: '张三', idNumber, tier: 'professional-technician', joinedOn: '2026-02-01' },
        })
        .expect(201);
      for (const doc of ['id-card', 'labour-contract', 'talent-tier-evidence']) {
        await uploadDocument(enterprise.token, created.body.id, doc).expect(201);
      }
      return api().post(`/applications/${created.body.id}/submit`).set(bearer(enterprise.token)).send({});
    };
    const first = await apply(ningxiang.enterprise);
    expect(first.status).toBe(200);
    const second = await apply(await registerEnterprise('ningxiang-htz'));
    expectProblem(second, 409);
    expect(second.body.errors[0].field).toBe('form.idNumber');
  });

  it('one open application per enterprise, program and period: the same platform twice is 409, another platform is fine', async () => {
    const docNo = uniqueDocNo();
    const apply = async (approvalDocumentNo: string) => {
      const created = await api()
        .post('/applications')
        .set(bearer(ningxiang.enterprise.token))
        .send({
          programCode: PLATFORM,
          fiscalYear: 2026,
          form: {
            platformName: '院士工作站',
            platformType: 'academician-workstation',
            recognisedOn: '2026-01-10',
            approvalDocumentNo,
          },
        })
        .expect(201);
      await uploadDocument(ningxiang.enterprise.token, created.body.id, 'recognition-document').expect(201);
      return api()
        .post(`/applications/${created.body.id}/submit`)
        .set(bearer(ningxiang.enterprise.token))
        .send({});
    };
    expect((await apply(docNo)).status).toBe(200);
    const dup = await apply(docNo);
    expectProblem(dup, 409);
    expect(dup.body.errors[0].field).toBe('programCode');
    expect((await apply(uniqueDocNo())).status).toBe(200);
  });

  it('an objection upheld as a false claim rejects, releases the funds and bars the enterprise, and submit explains why', async () => {
    const applicant = await registerEnterprise('ningxiang-htz');
    const id = await submittedPlatform(ningxiang, applicant);
    const approved = await act(ningxiang.officer.token, id, { type: 'approve' });
    expect(approved.body.state).toBe('publicity');
    const objector = await registerEnterprise('ningxiang-htz');
    const objection = await act(objector.token, id, {
      type: 'object',
      comment: '该平台并未获批，申报材料造假',
    });
    expect(objection.status).toBe(200);
    expect(objection.body.state).toBe('objection');
    const upheld = await act(ningxiang.director.token, id, {
      type: 'uphold_objection',
      comment: '经核实，材料虚假',
      falseClaim: true,
    });
    expect(upheld.body.state).toBe('rejected');
    const reservation = await sql(`SELECT status FROM fund_reservations WHERE application_id = $1`, [id]);
    expect(reservation).toEqual([{ status: 'released' }]);
    const barred = await api()
      .post('/applications')
      .set(bearer(applicant.token))
      .send({ programCode: PLATFORM });
    expectProblem(barred, 403);
    expect(barred.body.type).toBe('urn:huiqi:problem:blacklisted');
    expect(barred.body.detail).toMatch(/barred from new applications until \d{4}-\d{2}-\d{2}/);
  });

  it('expert review route with the amount set by review (Changsha achievement transformation, up to 5,000,000 yuan)', async () => {
    const program = 'changsha-etdz.achievement-transformation';
    const cs = await castFor('changsha-etdz', program, 2026, 10_000_000_000);
    const created = await api()
      .post('/applications')
      .set(bearer(cs.enterprise.token))
      .send({
        programCode: program,
        fiscalYear: 2026,
        form: {
          projectName: `高性能锂电正极材料产业化-${randomBytes(2).toString('hex')}`,
          projectSummary: '将中南大学研发的正极材料技术在园区内产业化',
          achievementSource: 'university',
          implementedInZone: true,
          totalInvestmentFen: 8_000_000_000,
        },
      })
      .expect(201);
    for (const doc of ['project-proposal', 'achievement-ownership', 'investment-evidence']) {
      await uploadDocument(cs.enterprise.token, created.body.id, doc).expect(201);
    }
    await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(cs.enterprise.token))
      .send({})
      .expect(200);
    const screened = await waitForState(cs.officer.token, created.body.id, 'first_review');
    expect(screened.computedAmountFen).toBe(500_000_000);
    await api()
      .post(`/applications/${created.body.id}/assignment`)
      .set(bearer(cs.officer.token))
      .send({ action: 'take' })
      .expect(200);
    const noAmount = await act(cs.officer.token, created.body.id, { type: 'approve' });
    expectProblem(noAmount, 400);
    expect(noAmount.body.errors[0].field).toBe('amountFen');
    expectProblem(
      await act(cs.officer.token, created.body.id, { type: 'approve', amountFen: 500_000_001 }),
      400,
    );
    const toExperts = await act(cs.officer.token, created.body.id, {
      type: 'approve',
      amountFen: 300_000_000,
    });
    expect(toExperts.body.state).toBe('expert_review');
    expectProblem(await act(cs.officer.token, created.body.id, { type: 'expert_approve', score: 90 }), 403);
    const scored = await act(cs.expert.token, created.body.id, {
      type: 'expert_approve',
      score: 88,
      comment: '技术先进，产业化前景好',
    });
    expect(scored.body.state).toBe('director_approval');
    const decided = await act(cs.director.token, created.body.id, {
      type: 'approve',
      amountFen: 280_000_000,
      comment: '核定 280 万元',
    });
    expect(decided.body).toMatchObject({ state: 'publicity', approvedAmountFen: 280_000_000 });
  });
});
