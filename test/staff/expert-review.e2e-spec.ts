import { randomBytes } from 'node:crypto';
import { api, bearer } from '../support/api-client';
import { act, castFor, uploadDocument, waitForState } from '../support/applications';

interface HistoryEvent {
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  comment: string | null;
  amountFen: number | null;
  data: Record<string, unknown>;
}

describe('expert review: anonymous to the enterprise; the recommended amount shown to expert and director', () => {
  it('the enterprise sees that experts reviewed, not who, the score or the opinion; staff see all', async () => {
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
    const id = created.body.id as string;
    for (const doc of ['project-proposal', 'achievement-ownership', 'investment-evidence']) {
      await uploadDocument(cs.enterprise.token, id, doc).expect(201);
    }
    await api().post(`/applications/${id}/submit`).set(bearer(cs.enterprise.token)).send({}).expect(200);
    await waitForState(cs.officer.token, id, 'first_review');
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cs.officer.token))
      .send({ action: 'take' })
      .expect(200);
    await act(cs.officer.token, id, {
      type: 'approve',
      amountFen: 120_000_000,
      comment: '建议 120 万元',
    }).expect(200);

    // The expert and the director see the officer's recommendation next to the computed amount.
    for (const reader of [cs.expert, cs.director]) {
      const view = await api().get(`/applications/${id}`).set(bearer(reader.token)).expect(200);
      expect(view.body).toMatchObject({ computedAmountFen: 500_000_000, recommendedAmountFen: 120_000_000 });
    }
    const own = await api().get(`/applications/${id}`).set(bearer(cs.enterprise.token)).expect(200);
    expect(own.body.recommendedAmountFen).toBeUndefined();

    await act(cs.expert.token, id, {
      type: 'expert_approve',
      score: 88,
      comment: '技术先进，产业化前景好',
    }).expect(200);

    const staffView = await api()
      .get(`/applications/${id}/history`)
      .set(bearer(cs.director.token))
      .expect(200);
    expect(staffView.body.find((e: HistoryEvent) => e.action === 'expert_approve')).toMatchObject({
      actorId: cs.expert.id,
      comment: '技术先进，产业化前景好',
      data: expect.objectContaining({ event: expect.objectContaining({ score: 88 }) }),
    });

    const res = await api().get(`/applications/${id}/history`).set(bearer(cs.enterprise.token)).expect(200);
    const expertEvent = res.body.find((e: HistoryEvent) => e.action === 'expert_approve') as HistoryEvent;
    expect(expertEvent).toMatchObject({
      actorRole: 'expert',
      actorId: null,
      actorName: null,
      comment: null,
      amountFen: null,
      data: { event: { type: 'EXPERT_APPROVE' } },
    });
    expect(JSON.stringify(res.body)).not.toContain(cs.expert.id);
    expect(JSON.stringify(res.body)).not.toContain('"score"');
  });
});
