import { addWorkingDays, shanghaiDate } from '@huiqi/workflow';
import { randomBytes } from 'node:crypto';
import { adminToken, api, bearer, expectProblem } from '../support/api-client';
import { castFor, uploadDocument, waitForState, ZoneCast } from '../support/applications';
import { passStageDeadline, sql } from '../support/db';

const PROGRAM = 'xixian-new-area.talent-project-co-funding';

/** The next `n` weekdays after today (Shanghai), as YYYY-MM-DD. */
function nextWeekdays(n: number): string[] {
  const days: string[] = [];
  for (let d = 1; days.length < n; d++) {
    const date = new Date(Date.now() + d * 86_400_000);
    const day = shanghaiDate(date);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

describe('deadlines (限时办结), escalation and the officer inbox', () => {
  let cast: ZoneCast;
  const holidays = nextWeekdays(7);

  beforeAll(async () => {
    // The zone's calendar: the next seven weekdays are holidays, so a 5-working-day review runs past them.
    const set = await api()
      .put('/admin/calendars/xixian-new-area')
      .set(bearer(await adminToken()))
      .send({ holidays, extraWorkdays: [] });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ scope: 'xixian-new-area', configured: true, holidays });
    cast = await castFor('xixian-new-area', PROGRAM, 2026, 5_000_000_000);
  });

  async function submitted(): Promise<string> {
    const created = await api()
      .post('/applications')
      .set(bearer(cast.enterprise.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: 2026,
        form: {
          projectName: `秦创原人才项目-${randomBytes(2).toString('hex')}`,
          fundingAuthorityLevel: 'provincial',
          projectTotalFen: 60_000_000,
          fundingDocumentNo: `陕科发〔2026〕${randomBytes(2).toString('hex')}号`,
        },
      })
      .expect(201);
    await uploadDocument(cast.enterprise.token, created.body.id, 'funding-document').expect(201);
    await uploadDocument(cast.enterprise.token, created.body.id, 'project-budget').expect(201);
    await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(cast.enterprise.token))
      .send({})
      .expect(200);
    return created.body.id;
  }

  it('counts the first-review deadline in working days of the zone calendar (holidays skipped, end of day Asia/Shanghai)', async () => {
    const before = new Date();
    const id = await submitted();
    const app = await waitForState(cast.officer.token, id, 'first_review');
    const calendar = { timeZone: 'Asia/Shanghai' as const, holidays, extraWorkdays: [] };
    const expected = [addWorkingDays(before, 5, calendar), addWorkingDays(new Date(), 5, calendar)].map((d) =>
      d.toISOString(),
    );
    const dueAt = new Date((app.deadline as { dueAt: string }).dueAt).toISOString();
    expect(expected).toContain(dueAt);
    expect(shanghaiDate(new Date(dueAt)) > holidays[holidays.length - 1]).toBe(true);
    expect(dueAt).toMatch(/T15:59:59\.999Z$/); // 23:59:59.999 +08:00
  });

  it('an overdue review shows in the inbox, is escalated to the directors by the worker, and is visible per officer', async () => {
    const id = await submitted();
    await waitForState(cast.officer.token, id, 'first_review');
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);

    await passStageDeadline(id);
    const overdue = await api()
      .get('/applications')
      .query({ overdue: true, assignedToMe: true, pageSize: 100 })
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(overdue.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const onTime = await api()
      .get('/applications')
      .query({ overdue: false, assignedToMe: true, pageSize: 100 })
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(onTime.body.items.map((a: { id: string }) => a.id)).not.toContain(id);

    const deadline = Date.now() + 15_000;
    let escalatedAt: string | null = null;
    while (Date.now() < deadline && !escalatedAt) {
      const res = await api().get(`/applications/${id}`).set(bearer(cast.officer.token));
      escalatedAt = res.body.deadline?.escalatedAt ?? null;
      if (!escalatedAt) await new Promise((r) => setTimeout(r, 150));
    }
    expect(escalatedAt).not.toBeNull();
    const history = await api()
      .get(`/applications/${id}/history`)
      .set(bearer(cast.director.token))
      .expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toContain('deadline.escalated');
    const notified = await sql(
      `SELECT payload->>'audience' AS audience FROM outbox WHERE queue = 'notifications' AND payload->>'applicationId' = $1 AND job_name = 'deadline-passed'`,
      [id],
    );
    expect(notified.map((n) => n.audience).sort()).toEqual(['assignee', 'directors']);

    const loads = await api()
      .get('/applications/inbox/officers')
      .set(bearer(cast.director.token))
      .expect(200);
    const mine = loads.body.find((l: { officerId: string }) => l.officerId === cast.officer.id);
    expect(mine.openCount).toBeGreaterThanOrEqual(1);
    expect(mine.overdueCount).toBeGreaterThanOrEqual(1);
  });

  it('calendars are validated and only admins change them', async () => {
    expectProblem(
      await api()
        .put('/admin/calendars/xixian-new-area')
        .set(bearer(cast.director.token))
        .send({ holidays: [], extraWorkdays: [] }),
      403,
    );
    const bad = await api()
      .put('/admin/calendars/default')
      .set(bearer(await adminToken()))
      .send({ holidays: ['2027-02-30'], extraWorkdays: [] });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].field).toBe('holidays');
    expectProblem(
      await api()
        .get('/admin/calendars/atlantis')
        .set(bearer(await adminToken())),
      404,
    );
  });
});
