import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import {
  act,
  castFor,
  makeIdNumber,
  PDF,
  uploadDocument,
  waitForState,
  ZoneCast,
} from '../support/applications';
import { sql } from '../support/db';

const ZONE = 'ningxiang-htz';
const EQUIPMENT = 'ningxiang-htz.equipment-upgrading';
const PLATFORM = 'ningxiang-htz.platform-construction';
const TALENT = 'ningxiang-htz.talent-introduction';
const INVESTED_FEN = 800_000_000; // 8,000,000 yuan of equipment in 2026
const MISSING = {
  key: 'equipment_investment_fen',
  period: '2026',
  label: { zh: '设备投资额（2026年度）', en: 'equipment investment (fiscal year 2026)' },
};

/** Polls until `check` returns a value (the worker acts asynchronously). */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function notices(token: string): Promise<{ title: string; body: string }[]> {
  const res = await api().get('/notifications').set(bearer(token)).query({ pageSize: 100 });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function equipmentResult(token: string, enterpriseId: string) {
  const res = await api().post('/calculator').set(bearer(token)).send({ enterpriseId, fiscalYear: 2026 });
  expect(res.status).toBe(200);
  return (res.body.results as { programCode: string; eligible: boolean; amountFen: number | null }[]).find(
    (r) => r.programCode === EQUIPMENT,
  )!;
}

async function submittedEquipmentCase(enterprise: TestEnterprise, projectName: string) {
  const created = await api()
    .post('/applications')
    .set(bearer(enterprise.token))
    .send({ programCode: EQUIPMENT, fiscalYear: 2026, form: { projectName } });
  expect(created.status).toBe(201);
  for (const type of ['equipment-invoices', 'equipment-list', 'project-filing'])
    await uploadDocument(enterprise.token, created.body.id, type).expect(201);
  const submitted = await api()
    .post(`/applications/${created.body.id}/submit`)
    .set(bearer(enterprise.token))
    .send({});
  return { id: created.body.id as string, submitted };
}

function declare(enterprise: TestEnterprise, body: Record<string, unknown>) {
  return api()
    .post(`/enterprises/${enterprise.enterpriseId}/declared-facts`)
    .set(bearer(enterprise.token))
    .send(body);
}

function uploadEvidence(
  enterprise: TestEnterprise,
  factId: string,
  content = PDF,
  contentType = 'application/pdf',
) {
  return api()
    .post(`/enterprises/${enterprise.enterpriseId}/declared-facts/${factId}/evidence`)
    .set(bearer(enterprise.token))
    .attach('file', content, { filename: '设备发票.pdf', contentType });
}

describe('enterprise portal API (issue 10: declared facts, amendment for missing data, merge patch, duplicates, 公示)', () => {
  let cast: ZoneCast;
  let other: TestEnterprise;
  let otherZoneOfficer: TestUser;

  beforeAll(async () => {
    cast = await castFor(ZONE, EQUIPMENT, 2026, 100_000_000_000);
    [other, otherZoneOfficer] = await Promise.all([
      registerEnterprise(ZONE),
      createStaff('officer', 'changsha-etdz'),
    ]);
  });

  it('equipment journey: returned for amendment naming the missing fact → declared with evidence → verified → resubmitted → passes screening → 公示', async () => {
    const { id, submitted } = await submittedEquipmentCase(cast.enterprise, '数控机床升级');
    expect(submitted.status).toBe(200);
    const returned = await waitForState(cast.enterprise.token, id, ['amending', 'rejected']);
    expect(returned.state).toBe('amending');
    expect(returned.missingFacts).toEqual([MISSING]);
    expect(returned.availableActions).toEqual(expect.arrayContaining(['resubmit', 'withdraw']));
    expect((returned.deadline as { stage: string }).stage).toBe('amending');
    const notice = await eventually('the returned notice', async () =>
      (await notices(cast.enterprise.token)).find((n) => n.body.includes('设备投资额（2026年度）')),
    );
    expect(notice.title).toContain('退回补正');

    const declarable = await api()
      .get(`/enterprises/${cast.enterprise.enterpriseId}/declarable-facts`)
      .set(bearer(cast.enterprise.token));
    expect(declarable.status).toBe(200);
    const equipment = (declarable.body as { key: string; programs: { code: string }[] }[]).find(
      (d) => d.key === 'equipment_investment_fen',
    );
    expect(equipment).toMatchObject({
      valueType: 'money_fen',
      periodKind: 'fiscal-year',
      label: { zh: '设备投资额' },
    });
    expect(equipment!.programs.map((p) => p.code)).toContain(EQUIPMENT);
    // Facts that only an authority supplies, or that are about a person, are not declarable.
    expect((declarable.body as { key: string }[]).map((d) => d.key)).not.toContain('high_tech_certificate');

    const declared = await declare(cast.enterprise, {
      key: 'equipment_investment_fen',
      period: '2026',
      value: INVESTED_FEN,
      note: '见设备购置发票',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({
      status: 'pending',
      key: 'equipment_investment_fen',
      value: INVESTED_FEN,
      evidence: [],
    });
    const factId = declared.body.id as string;

    // Pending: it does not count yet.
    expect(await equipmentResult(cast.enterprise.token, cast.enterprise.enterpriseId)).toMatchObject({
      eligible: false,
    });
    // An officer cannot verify a declaration without evidence.
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(cast.officer.token)).send({}),
      422,
    );

    const evidence = await uploadEvidence(cast.enterprise, factId);
    expect(evidence.status).toBe(201);
    expect(evidence.body).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length });
    // Content is sniffed: a "PDF" that is not one is refused.
    expectProblem(await uploadEvidence(cast.enterprise, factId, Buffer.from('MZ not a pdf at all')), 415);
    const content = await api()
      .get(
        `/enterprises/${cast.enterprise.enterpriseId}/declared-facts/${factId}/evidence/${evidence.body.id}/content`,
      )
      .set(bearer(cast.officer.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(content.status).toBe(200);
    expect(Buffer.compare(content.body as Buffer, PDF)).toBe(0);

    const queue = await api()
      .get('/declared-facts')
      .query({ status: 'pending' })
      .set(bearer(cast.officer.token));
    expect(queue.status).toBe(200);
    expect((queue.body as { id: string }[]).map((d) => d.id)).toContain(factId);

    const verified = await api()
      .post(`/declared-facts/${factId}/verify`)
      .set(bearer(cast.officer.token))
      .send({ comment: '与发票一致' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'verified',
      verificationComment: '与发票一致',
      decidedBy: cast.officer.id,
    });
    expect(verified.body.factId).toEqual(expect.any(String));
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(cast.officer.token)).send({}),
      409,
    );

    // Now it is a fact version (self-declared) and counts.
    const facts = await api()
      .get(`/enterprises/${cast.enterprise.enterpriseId}/facts`)
      .set(bearer(cast.enterprise.token));
    expect(facts.body.items).toContainEqual(
      expect.objectContaining({
        key: 'equipment_investment_fen',
        period: '2026',
        value: INVESTED_FEN,
        source: 'self_declared',
      }),
    );
    expect(await equipmentResult(cast.enterprise.token, cast.enterprise.enterpriseId)).toMatchObject({
      eligible: true,
      amountFen: INVESTED_FEN / 10,
    });
    const audit = await sql<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_events WHERE stream = $1 AND action LIKE 'declared-fact.%' ORDER BY seq`,
      [`enterprise:${cast.enterprise.enterpriseId}`],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'declared-fact.declared',
      'declared-fact.evidence-uploaded',
      'declared-fact.verified',
    ]);
    expect(audit[2].actor_id).toBe(cast.officer.id);
    const chain = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE stream = $1`, [
      `enterprise:${cast.enterprise.enterpriseId}`,
    ]);
    expect(chain[0].n).toBeGreaterThanOrEqual(3);
    await eventually('the verified notice', async () =>
      (await notices(cast.enterprise.token)).find((n) => n.title.includes('申报数据已核实')),
    );

    await api().post(`/applications/${id}/submit`).set(bearer(cast.enterprise.token)).send({}).expect(200);
    const screened = await waitForState(cast.enterprise.token, id, ['first_review', 'amending', 'rejected']);
    expect(screened.state).toBe('first_review');
    expect(screened.missingFacts).toEqual([]);
    expect(screened.computedAmountFen).toBe(INVESTED_FEN / 10);

    // On to publicity, then the public 公示 list shows it without a token.
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    await act(cast.officer.token, id, { type: 'approve', comment: '材料齐全' }).expect(200);
    const routed = await waitForState(cast.officer.token, id, ['director_approval', 'publicity']);
    if (routed.state === 'director_approval')
      await act(cast.director.token, id, { type: 'approve' }).expect(200);
    const inPublicity = await waitForState(cast.enterprise.token, id, 'publicity');

    const publicList = await api().get('/public/publicity').query({ zone: ZONE });
    expect(publicList.status).toBe(200);
    expect(publicList.body.zone).toMatchObject({
      code: ZONE,
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    const item = (publicList.body.items as Record<string, unknown>[]).find(
      (i) => i.reference === inPublicity.reference,
    );
    expect(item).toEqual({
      reference: inPublicity.reference,
      programTitle: { zh: '设备升级补贴', en: 'Equipment upgrading subsidy' },
      enterpriseName: cast.enterprise.name,
      amountFen: INVESTED_FEN / 10,
      publicityEndsAt: expect.any(String),
      objectionDeadline: expect.any(String),
    });
    const text = JSON.stringify(publicList.body);
    expect(text).not.toContain(cast.enterprise.enterpriseId);
    expect(text).not.toContain(cast.enterprise.uscc);
    expect(text).not.toContain(id);
  });

  it('public 公示 needs a zone, answers 404 for an unknown one, and needs no token', async () => {
    expectProblem(await api().get('/public/publicity'), 400);
    expectProblem(await api().get('/public/publicity').query({ zone: 'no-such-zone' }), 404);
    const res = await api().get('/public/publicity').query({ zone: 'changsha-etdz' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ zone: { code: 'changsha-etdz' }, items: expect.any(Array) });
  });

  it('a refusal needs a reason, is audited, keeps the fact out of eligibility and tells the enterprise', async () => {
    const enterprise = await registerEnterprise(ZONE);
    const declared = await declare(enterprise, {
      key: 'equipment_investment_fen',
      period: '2026',
      value: 50_000_000,
    });
    expect(declared.status).toBe(201);
    const factId = declared.body.id as string;
    await uploadEvidence(enterprise, factId).expect(201);
    const noReason = await api()
      .post(`/declared-facts/${factId}/refuse`)
      .set(bearer(cast.director.token))
      .send({});
    expectProblem(noReason, 400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    expectProblem(
      await api()
        .post(`/declared-facts/${factId}/refuse`)
        .set(bearer(cast.director.token))
        .send({ reason: '   ' }),
      400,
    );
    const refused = await api()
      .post(`/declared-facts/${factId}/refuse`)
      .set(bearer(cast.director.token))
      .send({ reason: '发票金额与申报不符' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusalReason: '发票金额与申报不符',
      factId: null,
    });
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(cast.officer.token)).send({}),
      409,
    );
    expectProblem(await uploadEvidence(enterprise, factId), 409);

    const mine = await api()
      .get(`/enterprises/${enterprise.enterpriseId}/declared-facts`)
      .set(bearer(enterprise.token));
    expect(mine.body).toEqual([
      expect.objectContaining({ id: factId, status: 'refused', refusalReason: '发票金额与申报不符' }),
    ]);
    expect(await equipmentResult(enterprise.token, enterprise.enterpriseId)).toMatchObject({
      eligible: false,
    });
    const facts = await api()
      .get(`/enterprises/${enterprise.enterpriseId}/facts`)
      .set(bearer(enterprise.token));
    expect(facts.body.items).toEqual([]);
    const audit = await sql<{ action: string; comment: string }>(
      `SELECT action, comment FROM audit_events WHERE stream = $1 AND action = 'declared-fact.refused'`,
      [`enterprise:${enterprise.enterpriseId}`],
    );
    expect(audit).toEqual([{ action: 'declared-fact.refused', comment: '发票金额与申报不符' }]);
    const notice = await eventually('the refusal notice', async () =>
      (await notices(enterprise.token)).find((n) => n.title.includes('未通过核实')),
    );
    expect(notice.body).toContain('发票金额与申报不符');
  });

  it('refuses bad declarations naming the field: unknown or authority-only keys, bad values, per-person facts', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await declare(cast.enterprise, body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ key: 'no_such_fact', period: '2026', value: 1 }, 'key');
    await bad({ key: 'high_tech_certificate', value: { certificateNo: 'x', issuedOn: '2026-01-01' } }, 'key');
    await bad({ key: 'equipment_investment_fen', period: '2026', value: 12.5 }, 'value');
    await bad({ key: 'equipment_investment_fen', period: 'last year', value: 100 }, 'period');
    await bad(
      { key: 'equipment_investment_fen', period: '2026', value: 100, note: 'x'.repeat(2001) },
      'note',
    );
  });

  it('tenancy: another enterprise and another zone get 404 on every new route; roles get 403', async () => {
    const declared = await declare(cast.enterprise, { key: 'employees', period: '2026', value: 120 });
    expect(declared.status).toBe(201);
    const factId = declared.body.id as string;
    const evidence = await uploadEvidence(cast.enterprise, factId);
    expect(evidence.status).toBe(201);
    const base = `/enterprises/${cast.enterprise.enterpriseId}`;
    const reads = [
      `${base}/declarable-facts`,
      `${base}/declared-facts`,
      `${base}/declared-facts/${factId}/evidence/${evidence.body.id}/content`,
    ];
    for (const token of [other.token, otherZoneOfficer.token]) {
      for (const path of reads) expectProblem(await api().get(path).set(bearer(token)), 404);
    }
    expectProblem(
      await api()
        .post(`${base}/declared-facts`)
        .set(bearer(other.token))
        .send({ key: 'employees', period: '2026', value: 1 }),
      404,
    );
    expectProblem(
      await api()
        .post(`${base}/declared-facts/${factId}/evidence`)
        .set(bearer(other.token))
        .attach('file', PDF, { filename: 'x.pdf', contentType: 'application/pdf' }),
      404,
    );
    // The other enterprise's own path with this declaration's id: not its declaration.
    expectProblem(
      await api()
        .post(`/enterprises/${other.enterpriseId}/declared-facts/${factId}/evidence`)
        .set(bearer(other.token))
        .attach('file', PDF, { filename: 'x.pdf', contentType: 'application/pdf' }),
      404,
    );
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(otherZoneOfficer.token)).send({}),
      404,
    );
    expectProblem(
      await api()
        .post(`/declared-facts/${factId}/refuse`)
        .set(bearer(otherZoneOfficer.token))
        .send({ reason: 'x' }),
      404,
    );
    const otherQueue = await api().get('/declared-facts').set(bearer(otherZoneOfficer.token));
    expect((otherQueue.body as { id: string }[]).map((d) => d.id)).not.toContain(factId);
    // Roles: enterprises and experts do not decide; staff do not declare.
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(cast.enterprise.token)).send({}),
      403,
    );
    expectProblem(
      await api().post(`/declared-facts/${factId}/verify`).set(bearer(cast.expert.token)).send({}),
      403,
    );
    expectProblem(await api().get('/declared-facts').set(bearer(cast.enterprise.token)), 403);
    expectProblem(
      await api()
        .post(`${base}/declared-facts`)
        .set(bearer(cast.officer.token))
        .send({ key: 'employees', period: '2026', value: 1 }),
      403,
    );
    // Still pending after all of that.
    const mine = await api().get(`${base}/declared-facts`).set(bearer(cast.enterprise.token));
    expect((mine.body as { id: string; status: string }[]).find((d) => d.id === factId)?.status).toBe(
      'pending',
    );
  });

  it('PATCH /applications/{id} is a JSON Merge Patch of the form: given fields replace, null removes, others stay', async () => {
    const created = await api()
      .post('/applications')
      .set(bearer(cast.enterprise.token))
      .send({
        programCode: PLATFORM,
        fiscalYear: 2026,
        form: {
          platformName: '湖南省先进储能材料工程技术研究中心',
          platformType: 'provincial-platform',
          recognisedOn: '2026-03-18',
        },
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patched = await api()
      .patch(`/applications/${id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: { approvalDocumentNo: '湘科发〔2026〕12号', recognisedOn: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.form).toEqual({
      platformName: '湖南省先进储能材料工程技术研究中心',
      platformType: 'provincial-platform',
      approvalDocumentNo: '湘科发〔2026〕12号',
    });
    const again = await api()
      .patch(`/applications/${id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: { platformType: 'national-platform' } });
    expect(again.body.form).toEqual({
      platformName: '湖南省先进储能材料工程技术研究中心',
      platformType: 'national-platform',
      approvalDocumentNo: '湘科发〔2026〕12号',
    });
    // The merged result is still validated, naming the field.
    const bad = await api()
      .patch(`/applications/${id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: { platformType: 'galactic-platform' } });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('form.platformType');
    const unchanged = await api().get(`/applications/${id}`).set(bearer(cast.enterprise.token));
    expect(unchanged.body.form.platformType).toBe('national-platform');
  });

  it('a duplicate application 409 names the existing case of the same enterprise', async () => {
    const first = await submittedEquipmentCase(cast.enterprise, '激光切割线改造');
    expect(first.submitted.status).toBe(200);
    const firstView = await waitForState(cast.enterprise.token, first.id, ['amending', 'first_review']);
    const second = await submittedEquipmentCase(cast.enterprise, '激光切割线改造');
    expectProblem(second.submitted, 409);
    expect(second.submitted.body).toMatchObject({
      existingApplicationId: first.id,
      existingReference: firstView.reference,
    });
    const still = await api().get(`/applications/${second.id}`).set(bearer(cast.enterprise.token));
    expect(still.body.state).toBe('draft');
  });

  it('one person, one award across enterprises: the 409 does not reveal the other enterprise’s case', async () => {
    const idNumber = makeIdNumber();
    const apply = async (enterprise: TestEnterprise) => {
      const created = await api()
        .post('/applications')
        .set(bearer(enterprise.token))
        .send({
          programCode: TALENT,
          form: { talentName: '张三', idNumber, tier: 'professional-technician', joinedOn: '2026-06-01' },
        });
      expect(created.status).toBe(201);
      for (const type of ['id-card', 'labour-contract', 'talent-tier-evidence'])
        await uploadDocument(enterprise.token, created.body.id, type).expect(201);
      return {
        id: created.body.id as string,
        res: await api()
          .post(`/applications/${created.body.id}/submit`)
          .set(bearer(enterprise.token))
          .send({}),
      };
    };
    const mine = await apply(cast.enterprise);
    expect(mine.res.status).toBe(200);
    const theirs = await apply(other);
    expectProblem(theirs.res, 409);
    expect(theirs.res.body).not.toHaveProperty('existingApplicationId');
    expect(theirs.res.body).not.toHaveProperty('existingReference');
    expect(JSON.stringify(theirs.res.body)).not.toContain(mine.id);
    expect(JSON.stringify(theirs.res.body)).not.toContain(mine.res.body.reference);
    expect(theirs.res.body.errors.map((e: { field: string }) => e.field)).toContain('form.idNumber');
  });
  it('resident ID numbers: stored sealed, masked for the enterprise and non-reviewers, in full for the zone’s reviewers with each read audited', async () => {
    const idNumber = makeIdNumber();
    const created = await api()
      .post('/applications')
      .set(bearer(cast.enterprise.token))
      .send({
        programCode: TALENT,
        form: { talentName: '李四', idNumber, tier: 'leading', joinedOn: '2026-05-10' },
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const masked = `**************${idNumber.slice(-4)}`;
    expect(created.body.form.idNumber).toBe(masked);
    const stored = await sql<{ value: string }>(
      `SELECT form->>'idNumber' AS value FROM applications WHERE id = $1`,
      [id],
    );
    expect(stored[0].value).toMatch(/^enc:v1:/);
    expect(
      JSON.stringify(await sql(`SELECT form, evidence FROM applications WHERE id = $1`, [id])),
    ).not.toContain(idNumber);

    // A merge patch that leaves the number alone keeps it; submit validates the real number.
    await api()
      .patch(`/applications/${id}`)
      .set(bearer(cast.enterprise.token))
      .send({ form: { position: '首席科学家' } })
      .expect(200);
    for (const type of ['id-card', 'labour-contract', 'talent-tier-evidence'])
      await uploadDocument(cast.enterprise.token, id, type).expect(201);
    await api().post(`/applications/${id}/submit`).set(bearer(cast.enterprise.token)).send({}).expect(200);
    const screened = await waitForState(cast.enterprise.token, id, ['first_review', 'amending', 'rejected']);
    expect(screened.form).toMatchObject({ idNumber: masked, position: '首席科学家' });

    const revealedBefore = async () =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE stream = $1 AND action = 'id-number.revealed'`,
          [`application:${id}`],
        )
      )[0].n;
    expect(await revealedBefore()).toBe(0);
    const officerView = await api().get(`/applications/${id}`).set(bearer(cast.officer.token));
    expect(officerView.body.form.idNumber).toBe(idNumber);
    const directorView = await api().get(`/applications/${id}`).set(bearer(cast.director.token));
    expect(directorView.body.form.idNumber).toBe(idNumber);
    const audited = await sql<{ actor_id: string; data: { fields: string[] } }>(
      `SELECT actor_id, data FROM audit_events WHERE stream = $1 AND action = 'id-number.revealed' ORDER BY seq`,
      [`application:${id}`],
    );
    expect(audited).toEqual([
      { actor_id: cast.officer.id, data: { fields: ['idNumber'] } },
      { actor_id: cast.director.id, data: { fields: ['idNumber'] } },
    ]);
    // Everyone else sees the mask, and nothing is audited for it; lists are masked for everyone.
    const auditor = await createStaff('auditor', ZONE);
    for (const token of [cast.expert.token, auditor.token, cast.finance.token]) {
      const view = await api().get(`/applications/${id}`).set(bearer(token));
      expect(view.status).toBe(200);
      expect(view.body.form.idNumber).toBe(masked);
    }
    const inbox = await api().get('/applications').query({ pageSize: 100 }).set(bearer(cast.officer.token));
    expect(JSON.stringify(inbox.body)).not.toContain(idNumber);
    expect(await revealedBefore()).toBe(2);
    // The chain still verifies with the read events in it.
    const verdict = await api().get(`/applications/${id}/history/verify`).set(bearer(cast.director.token));
    expect(verdict.body).toMatchObject({ valid: true });
  });
});
