import { api, bearer, TestEnterprise, TestUser } from '../support/api-client';
import { act, uniqueDocNo, uploadDocument, waitForState } from '../support/applications';

export const PLATFORM = 'ningxiang-htz.platform-construction';
export const NATIONAL_FEN = 200_000_000; // 2,000,000 yuan: above the director threshold, no expert review

/** A national-platform application of `enterprise`, submitted, screened and taken by `officer`. */
export async function caseInFirstReview(
  enterprise: TestEnterprise,
  officer: TestUser,
  fiscalYear = 2026,
): Promise<string> {
  const created = await api()
    .post('/applications')
    .set(bearer(enterprise.token))
    .send({
      programCode: PLATFORM,
      fiscalYear,
      form: {
        platformName: '国家先进储能材料工程研究中心',
        platformType: 'national-platform',
        recognisedOn: '2026-03-18',
        approvalDocumentNo: uniqueDocNo(),
      },
    })
    .expect(201);
  const id = created.body.id as string;
  await uploadDocument(enterprise.token, id, 'recognition-document').expect(201);
  await api().post(`/applications/${id}/submit`).set(bearer(enterprise.token)).send({}).expect(200);
  await waitForState(officer.token, id, 'first_review');
  await api()
    .post(`/applications/${id}/assignment`)
    .set(bearer(officer.token))
    .send({ action: 'take' })
    .expect(200);
  return id;
}

/** As above, recommended by the officer: waiting for a director's approval. */
export async function caseInDirectorApproval(
  enterprise: TestEnterprise,
  officer: TestUser,
  fiscalYear = 2026,
): Promise<string> {
  const id = await caseInFirstReview(enterprise, officer, fiscalYear);
  const res = await act(officer.token, id, { type: 'approve', comment: '材料齐全，建议通过' });
  if (res.status !== 200 || res.body.state !== 'director_approval')
    throw new Error(`recommend failed: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}
