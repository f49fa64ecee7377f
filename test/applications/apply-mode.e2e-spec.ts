import { api, bearer, expectProblem } from '../support/api-client';
import { act, castFor, uniqueDocNo, uploadDocument, waitForState, ZoneCast } from '../support/applications';
import { makeDeadlinesDue, sql } from '../support/db';

const PROGRAM = 'ningxiang-htz.platform-construction';
const NATIONAL_FEN = 200_000_000; // 2,000,000 yuan

describe('apply mode end to end (Ningxiang platform construction)', () => {
  let cast: ZoneCast;
  beforeAll(async () => {
    cast = await castFor('ningxiang-htz', PROGRAM, 2026, 10_000_000_000);
  });

  async function draft(form: Record<string, unknown> = {}) {
    const res = await api()
      .post('/applications')
      .set(bearer(cast.enterprise.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: 2026,
        form: { platformName: '湖南省先进储能材料工程技术研究中心', ...form },
      });
    expect(res.status).toBe(201);
    return res.body;
  }

  const completeForm = () => ({
    platformName: '国家先进储能材料工程研究中心',
    platformType: 'national-platform',
    recognisedOn: '2026-03-18',
    approvalDocumentNo: uniqueDocNo(),
  });

  /** Draft → submitted → screened → taken by our officer: ready for first review. */
  async function inFirstReview() {
    const app = await draft();
    await api()
      .patch(`/applications/${app.id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: completeForm() })
      .expect(200);
    await uploadDocument(cast.enterprise.token, app.id, 'recognition-document').expect(201);
    await api()
      .post(`/applications/${app.id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({})
      .expect(200);
    await waitForState(cast.officer.token, app.id, 'first_review');
    await api()
      .post(`/applications/${app.id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    return app.id as string;
  }

  it('draft → submit → screening → first review → director → publicity → approved, with funds reserved and a verifiable history', async () => {
    const app = await draft();
    expect(app).toMatchObject({
      state: 'draft',
      programVersion: 1,
      mode: 'apply',
      availableActions: expect.arrayContaining(['submit', 'withdraw']),
    });

    // Submitting an incomplete application names every missing field, then every missing document.
    const incomplete = await api()
      .post(`/applications/${app.id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({});
    expectProblem(incomplete, 400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['form.approvalDocumentNo', 'form.platformType', 'form.recognisedOn'].sort(),
    );
    await api()
      .patch(`/applications/${app.id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: completeForm() })
      .expect(200);
    const noDocs = await api()
      .post(`/applications/${app.id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({});
    expectProblem(noDocs, 400);
    expect(noDocs.body.errors).toEqual([
      expect.objectContaining({ field: 'documents.recognition-document' }),
    ]);

    const doc = await uploadDocument(cast.enterprise.token, app.id, 'recognition-document');
    expect(doc.status).toBe(201);
    expect(doc.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const submitted = await api()
      .post(`/applications/${app.id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({});
    expect(submitted.status).toBe(200);
    expect(['screening', 'first_review']).toContain(submitted.body.state);

    // The worker screens it (in its own process) and routes it to a zone officer.
    const screened = await waitForState(cast.officer.token, app.id, 'first_review');
    expect(screened.computedAmountFen).toBe(NATIONAL_FEN);
    expect(screened.deadline).toMatchObject({ stage: 'first_review', overdue: false });
    expect(screened.evidence).toMatchObject({ eligible: true, amountFen: NATIONAL_FEN });
    await api()
      .post(`/applications/${app.id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);

    const recommended = await act(cast.officer.token, app.id, {
      type: 'approve',
      comment: '材料齐全，建议通过',
    });
    expect(recommended.status).toBe(200);
    expect(recommended.body.state).toBe('director_approval'); // 2,000,000 yuan is above the 500,000 threshold

    const approved = await act(cast.director.token, app.id, { type: 'approve', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'publicity', approvedAmountFen: NATIONAL_FEN });
    const reservation = await sql<{ amount_fen: string; status: string }>(
      'SELECT amount_fen, status FROM fund_reservations WHERE application_id = $1',
      [app.id],
    );
    expect(reservation).toEqual([{ amount_fen: String(NATIONAL_FEN), status: 'reserved' }]);

    // Publicity is public: it shows in the zone's list for anyone logged in.
    const list = await api()
      .get('/applications/publicity')
      .query({ zone: 'ningxiang-htz', pageSize: 100 })
      .set(bearer(cast.finance.token));
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(app.id);

    // Five working days later the publicity period ends (time moved forward) and the worker approves it.
    expect(await makeDeadlinesDue(app.id, 'publicity-end')).toBe(1);
    const final = await waitForState(cast.enterprise.token, app.id, 'approved');
    expect(final).toMatchObject({ approvedAmountFen: NATIONAL_FEN, programVersion: 1 });

    const history = await api()
      .get(`/applications/${app.id}/history`)
      .set(bearer(cast.enterprise.token))
      .expect(200);
    const actions = history.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'created',
        'form.updated',
        'document.uploaded',
        'submit',
        'screening_passed',
        'assignment.taken',
        'approve',
        'publicity_ended',
      ]),
    );
    const directorEvent = history.body.find(
      (e: { action: string; actorRole: string }) => e.action === 'approve' && e.actorRole === 'director',
    );
    // The enterprise reads who acted by role and name, never by id; staff get the id.
    expect(directorEvent).toMatchObject({ fromState: 'director_approval', toState: 'publicity' });
    expect(directorEvent).not.toHaveProperty('actorId');
    const staffView = await api()
      .get(`/applications/${app.id}/history`)
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(staffView.body.find((e: { seq: number }) => e.seq === directorEvent.seq)).toMatchObject({
      actorId: cast.director.id,
      hash: expect.any(String),
    });
    const verdict = await api()
      .get(`/applications/${app.id}/history/verify`)
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(verdict.body).toEqual({ valid: true, events: history.body.length });
  });

  it('return for amendment → the enterprise amends and resubmits → screened again → back to the same officer', async () => {
    const id = await inFirstReview();
    const returned = await act(cast.officer.token, id, {
      type: 'return',
      comment: '请补充平台认定文件原件扫描件',
    });
    expect(returned.body.state).toBe('amending');
    expect(returned.body.deadline).toMatchObject({ stage: 'amending' });
    await uploadDocument(cast.enterprise.token, id, 'platform-overview').expect(201);
    const resubmitted = await api()
      .post(`/applications/${id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({ comment: '已补充' });
    expect(resubmitted.status).toBe(200);
    const back = await waitForState(cast.officer.token, id, 'first_review');
    expect(back.assigneeId).toBe(cast.officer.id);
  });

  it('an amendment not resubmitted in time expires', async () => {
    const id = await inFirstReview();
    await act(cast.officer.token, id, { type: 'return', comment: '请补充材料' }).expect(200);
    expect(await makeDeadlinesDue(id, 'expiry', 'amending')).toBe(1);
    await waitForState(cast.enterprise.token, id, 'expired');
  });

  it('reject needs a reason, and the reason is kept', async () => {
    const id = await inFirstReview();
    const noReason = await act(cast.officer.token, id, { type: 'reject' });
    expectProblem(noReason, 400);
    expect(noReason.body.errors[0].field).toBe('comment');
    const rejected = await act(cast.officer.token, id, { type: 'reject', comment: '平台不属于本园区' });
    expect(rejected.body.state).toBe('rejected');
    const history = await api().get(`/applications/${id}/history`).set(bearer(cast.enterprise.token));
    expect(history.body.at(-1)).toMatchObject({
      action: 'reject',
      comment: '平台不属于本园区',
      toState: 'rejected',
    });
  });

  it('the enterprise withdraws before approval; a withdrawn application takes no more actions (409 listing none)', async () => {
    const id = await inFirstReview();
    const withdrawn = await act(cast.enterprise.token, id, { type: 'withdraw', comment: '不再申请' });
    expect(withdrawn.body.state).toBe('withdrawn');
    const late = await act(cast.officer.token, id, { type: 'approve' });
    expectProblem(late, 409);
    expect(late.body).toMatchObject({ state: 'withdrawn', acceptedEvents: [] });
  });

  it('an event the state does not take is 409 naming what it does take; the wrong role is 403', async () => {
    const id = await inFirstReview();
    const notNow = await act(cast.officer.token, id, { type: 'confirm', bankAccountConfirmed: true });
    expectProblem(notNow, 409);
    expect(notNow.body.acceptedEvents).toEqual(expect.arrayContaining(['approve', 'return', 'reject']));
    expectProblem(await act(cast.enterprise.token, id, { type: 'approve' }), 403); // approving its own application
    expectProblem(await act(cast.finance.token, id, { type: 'approve' }), 403);
    expectProblem(await act(cast.officer.token, id, { type: 'payment_succeeded' }), 403); // only finance's statement import records payments
    expectProblem(await act(cast.officer.token, id, { type: 'nonsense' }), 400);
  });

  it('an officer other than the assignee may not decide (403) until they take the item', async () => {
    const id = await inFirstReview();
    const { createStaff } = await import('../support/api-client');
    const other = await createStaff('officer', 'ningxiang-htz');
    expectProblem(await act(other.token, id, { type: 'approve' }), 403);
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(other.token))
      .send({ action: 'take' })
      .expect(200);
    expect((await act(other.token, id, { type: 'approve' })).status).toBe(200);
  });
});
