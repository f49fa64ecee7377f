import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { act, ensurePool } from '../support/applications';
import { caseInDirectorApproval, NATIONAL_FEN, PLATFORM } from './cases';

const ZONE = 'ningxiang-htz';

function answer(token: string, id: string, body: Record<string, unknown>) {
  return api().post(`/applications/${id}/objection-answers`).set(bearer(token)).send(body);
}

function objections(token: string, id: string) {
  return api().get(`/applications/${id}/objections`).set(bearer(token));
}

function history(token: string, id: string) {
  return api().get(`/applications/${id}/history`).set(bearer(token)).expect(200);
}

describe('objections: the applicant answers, the objector follows (公示异议答复)', () => {
  let officer: TestUser;
  let director: TestUser;
  let applicant: TestEnterprise;
  let objector: TestEnterprise;
  let id: string;

  beforeAll(async () => {
    [officer, director] = await Promise.all([createStaff('officer', ZONE), createStaff('director', ZONE)]);
    const finance = await createStaff('finance', ZONE);
    await ensurePool(finance.token, PLATFORM, 2026, 1_000_000_000);
    [applicant, objector] = await Promise.all([registerEnterprise(ZONE), registerEnterprise(ZONE)]);
    id = await caseInDirectorApproval(applicant, officer);
    expect((await act(director.token, id, { type: 'approve', comment: '同意' })).body.state).toBe(
      'publicity',
    );
  });

  it('no answer while nothing is objected (409); the objection reaches the case', async () => {
    expectProblem(await answer(applicant.token, id, { comment: '预先说明' }), 409);
    const objected = await act(objector.token, id, { type: 'object', comment: '该平台尚未获批' });
    expect(objected.body.state).toBe('objection');
  });

  it('only the applicant answers: staff 403, another enterprise 404 (of this zone or another), nothing is written', async () => {
    const neighbour = await registerEnterprise(ZONE);
    const foreignEnterprise = await registerEnterprise('changsha-etdz');
    const foreignOfficer = await createStaff('officer', 'changsha-etdz');
    expectProblem(await answer(officer.token, id, { comment: '代为答复' }), 403);
    expectProblem(await answer(director.token, id, { comment: '代为答复' }), 403);
    expectProblem(await answer(objector.token, id, { comment: '我来答复' }), 404);
    expectProblem(await answer(neighbour.token, id, { comment: '我来答复' }), 404);
    expectProblem(await answer(foreignEnterprise.token, id, { comment: '我来答复' }), 404);
    // Another zone's staff are refused by role first (403), like any route they may never call.
    expectProblem(await answer(foreignOfficer.token, id, { comment: '代为答复' }), 403);
    expectProblem(await objections(foreignOfficer.token, id), 404);
    expectProblem(await objections(objector.token, id), 404);
    const events = (await history(director.token, id)).body as { action: string }[];
    expect(events.filter((e) => e.action === 'objection.answered')).toHaveLength(0);
  });

  it.each([{}, { comment: '' }, { comment: '   ' }, { comment: 42 }, { comment: '答'.repeat(2001) }])(
    'a bad answer %p is a 400 naming comment',
    async (body) => {
      const res = await answer(applicant.token, id, body);
      expectProblem(res, 400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('comment');
    },
  );

  it('the applicant answers; the director reads it with the objector, the applicant without', async () => {
    const res = await answer(applicant.token, id, { comment: '批复文件已上传，见附件' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        round: 1,
        comment: '该平台尚未获批',
        outcome: 'pending',
        objector: null,
        answers: [expect.objectContaining({ comment: '批复文件已上传，见附件', answeredBy: null })],
      }),
    ]);
    const forDirector = (await objections(director.token, id).expect(200)).body;
    expect(forDirector[0].objector).toEqual({
      name: expect.any(String),
      role: 'enterprise',
      enterpriseName: objector.name,
    });
    expect(forDirector[0].answers[0].comment).toBe('批复文件已上传，见附件');

    const events = (await history(director.token, id)).body as {
      action: string;
      comment: string | null;
    }[];
    expect(events.filter((e) => e.action === 'objection.answered').map((e) => e.comment)).toEqual([
      '批复文件已上传，见附件',
    ]);
    const chain = await api().get(`/applications/${id}/history/verify`).set(bearer(director.token));
    expect(chain.body.valid).toBe(true);
    // An answer changes no state.
    const app = await api().get(`/applications/${id}`).set(bearer(director.token)).expect(200);
    expect(app.body.state).toBe('objection');
  });

  it('the objector follows its objection without seeing anything else of the case', async () => {
    const mine = (await api().get('/objections/mine').set(bearer(objector.token)).expect(200)).body;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      reference: expect.stringMatching(/^HQ/),
      programTitle: { zh: expect.any(String), en: expect.any(String) },
      enterpriseName: applicant.name,
      amountFen: NATIONAL_FEN,
      comment: '该平台尚未获批',
      objectedAt: expect.any(String),
      outcome: 'pending',
      decidedAt: null,
      inPublicity: true,
    });
    // Nobody else's objections: the applicant objected to nothing.
    expect((await api().get('/objections/mine').set(bearer(applicant.token)).expect(200)).body).toEqual([]);

    expect((await act(director.token, id, { type: 'dismiss_objection', comment: '异议不成立' })).status).toBe(
      200,
    );
    const after = (await api().get('/objections/mine').set(bearer(objector.token)).expect(200)).body;
    expect(after[0]).toMatchObject({ outcome: 'dismissed', decidedAt: expect.any(String) });
    expectProblem(await answer(applicant.token, id, { comment: '再补充一点' }), 409);
    const closed = (await objections(applicant.token, id).expect(200)).body;
    expect(closed[0]).toMatchObject({ outcome: 'dismissed', decisionComment: '异议不成立' });
  });
});
