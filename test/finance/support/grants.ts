import { api, bearer, registerEnterprise, TestEnterprise, TestUser } from '../../support/api-client';
import { act, uniqueDocNo, uploadDocument, waitForState } from '../../support/applications';
import { makeDeadlinesDue, sql } from '../../support/db';

/** Ningxiang's platform construction subsidy: a municipal platform gets 500,000 yuan, approved by an officer alone. */
export const ZONE = 'ningxiang-htz';
export const PROGRAM = 'ningxiang-htz.platform-construction';
export const MUNICIPAL_FEN = 50_000_000;

/**
 * A fiscal year no other test file of this run uses, so each file has fund pools of its own: drawn
 * from a sequence in the run's database (2040, 2041, ...), unique across parallel test files.
 */
export async function privateFiscalYear(): Promise<number> {
  await sql(`CREATE SEQUENCE IF NOT EXISTS test_private_fiscal_year START 2040 MAXVALUE 2100`).catch(
    () => undefined,
  );
  const [row] = await sql<{ year: string }>(`SELECT nextval('test_private_fiscal_year') AS year`);
  return Number(row.year);
}

export interface Grant {
  id: string;
  reference: string;
  enterprise: TestEnterprise;
}

/** A new enterprise's application, through the real API, up to first review in the officer's hands. */
export async function inFirstReview(
  officer: TestUser,
  fiscalYear: number,
  enterpriseOptions: { verifyBankAccount?: boolean } = {},
): Promise<Grant> {
  const enterprise = await registerEnterprise(ZONE, {}, enterpriseOptions);
  const created = await api()
    .post('/applications')
    .set(bearer(enterprise.token))
    .send({
      programCode: PROGRAM,
      fiscalYear,
      form: {
        platformName: '长沙市新材料工程技术研究中心',
        platformType: 'municipal-platform',
        recognisedOn: '2025-09-01',
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
  return { id, reference: created.body.reference as string, enterprise };
}

/** The officer approves (reserving 500,000 yuan), publicity runs out, the grant is approved and payable. */
export async function approvedGrant(
  officer: TestUser,
  fiscalYear: number,
  enterpriseOptions: { verifyBankAccount?: boolean } = {},
): Promise<Grant> {
  const grant = await inFirstReview(officer, fiscalYear, enterpriseOptions);
  await act(officer.token, grant.id, { type: 'approve', comment: '同意' }).expect(200);
  await makeDeadlinesDue(grant.id, 'publicity-end');
  await waitForState(officer.token, grant.id, 'approved');
  return grant;
}

export async function stateOf(token: string, id: string): Promise<string> {
  const res = await api().get(`/applications/${id}`).set(bearer(token)).expect(200);
  return res.body.state as string;
}
