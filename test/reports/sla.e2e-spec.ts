import { shanghaiDate } from '@huiqi/workflow';
import {
  adminToken,
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
} from '../support/api-client';
import { act, castFor, waitForState, ZoneCast } from '../support/applications';
import { passStageDeadline, sql } from '../support/db';
import { PLATFORM, submitApplication } from '../notifications/support/flows';

const ZONE = 'ningxiang-htz';

/** Deadline compliance per stage and officer, from the stage log the workflow writes. */
describe('GET /reports/sla', () => {
  let cast: ZoneCast;
  const today = shanghaiDate(new Date());

  beforeAll(async () => {
    cast = await castFor(ZONE, PLATFORM, 2026, 10_000_000_000);
  });

  async function takenByOfficer(): Promise<string> {
    const id = await submitApplication(cast.enterprise);
    await waitForState(cast.officer.token, id, 'first_review');
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    return id;
  }

  it('counts on-time and overdue work per stage and per officer, with compliance and median hours; JSON and CSV', async () => {
    const onTime = await takenByOfficer();
    const late = await takenByOfficer();
    // Time travel: the late one entered first review ten hours ago and its deadline has passed.
    await sql(
      `UPDATE application_stage_log SET entered_at = entered_at - interval '10 hours'
       WHERE application_id = $1 AND stage = 'first_review' AND left_at IS NULL`,
      [late],
    );
    await passStageDeadline(late);
    await act(cast.officer.token, onTime, { type: 'return', comment: '请补充材料' }).expect(200);
    await act(cast.officer.token, late, { type: 'reject', comment: '平台不属于本园区' }).expect(200);

    const res = await api()
      .get('/reports/sla')
      .query({ from: today, to: today })
      .set(bearer(cast.director.token))
      .expect(200);
    expect(res.body).toMatchObject({ zone: ZONE, from: today, to: today });
    const mine = res.body.byOfficer.find((o: { userId: string }) => o.userId === cast.officer.id);
    expect(mine).toMatchObject({
      username: cast.officer.username,
      role: 'officer',
      handled: 2,
      onTime: 1,
      overdue: 1,
      compliancePercent: 50,
      medianHours: 5,
    });
    expect(mine.stages).toEqual([
      expect.objectContaining({
        stage: 'first_review',
        handled: 2,
        onTime: 1,
        overdue: 1,
        compliancePercent: 50,
      }),
    ]);
    const firstReview = res.body.byStage.find((s: { stage: string }) => s.stage === 'first_review');
    expect(firstReview.handled).toBeGreaterThanOrEqual(2);
    expect(firstReview.overdue).toBeGreaterThanOrEqual(1);
    expect(res.body.totals.handled).toBeGreaterThanOrEqual(firstReview.handled);

    // The returned one now waits in `amending` — open, not yet late.
    const amending = res.body.byStage.find((s: { stage: string }) => s.stage === 'amending');
    expect(amending.open).toBeGreaterThanOrEqual(1);

    const csv = await api()
      .get('/reports/sla')
      .query({ from: today, to: today })
      .set(bearer(cast.officer.token))
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'dimension,stage,user_id,username,display_name,role,handled,on_time,overdue,compliance_percent,median_hours,open,open_overdue',
    );
    expect(lines).toContain(
      `officer-stage,first_review,${cast.officer.id},${cast.officer.username},${mine.displayName},officer,2,1,1,50.0,5.0,${mine.stages[0].open},${mine.stages[0].openOverdue}`,
    );
    const byParam = await api()
      .get('/reports/sla')
      .query({ format: 'csv' })
      .set(bearer(cast.director.token))
      .expect(200);
    expect(byParam.headers['content-disposition']).toMatch(
      /attachment; filename="sla-ningxiang-htz-\d{4}-\d{2}-\d{2}-/,
    );
  });

  it('is for the zone’s staff only; admins name the zone; bad dates name the field', async () => {
    const auditor = await createStaff('auditor', ZONE);
    await api().get('/reports/sla').set(bearer(auditor.token)).expect(200);
    expectProblem(await api().get('/reports/sla').set(bearer(cast.finance.token)), 403);
    const enterprise = await registerEnterprise(ZONE);
    expectProblem(await api().get('/reports/sla').set(bearer(enterprise.token)), 403);
    expectProblem(
      await api().get('/reports/sla').query({ zone: 'xixian-new-area' }).set(bearer(cast.officer.token)),
      404,
    );

    const admin = await adminToken();
    const noZone = await api().get('/reports/sla').set(bearer(admin));
    expectProblem(noZone, 400);
    expect(noZone.body.errors[0].field).toBe('zone');
    const other = await api()
      .get('/reports/sla')
      .query({ zone: 'xixian-new-area' })
      .set(bearer(admin))
      .expect(200);
    expect(other.body.byOfficer.map((o: { userId: string }) => o.userId)).not.toContain(cast.officer.id);

    for (const [query, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ to: 'yesterday' }, 'to'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'from'],
      [{ from: '2024-01-01', to: '2026-01-01' }, 'from'],
      [{ format: 'xml' }, 'format'],
    ] as const) {
      const bad = await api().get('/reports/sla').query(query).set(bearer(cast.director.token));
      expectProblem(bad, 400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});
