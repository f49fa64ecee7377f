import {
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { act, ensurePool, waitForState } from '../support/applications';
import { caseInDirectorApproval, PLATFORM } from './cases';

describe('who may object to a case in publicity (one policy: users of the case’s zone)', () => {
  let officer: TestUser;
  let director: TestUser;
  let applicant: TestEnterprise;

  beforeAll(async () => {
    [officer, director] = await Promise.all([
      createStaff('officer', 'ningxiang-htz'),
      createStaff('director', 'ningxiang-htz'),
    ]);
    const finance = await createStaff('finance', 'ningxiang-htz');
    await ensurePool(finance.token, PLATFORM, 2026, 1_000_000_000);
    applicant = await registerEnterprise('ningxiang-htz');
  });

  it('another zone’s users get 404 and change nothing; an enterprise of the zone may object; the applicant may not', async () => {
    const id = await caseInDirectorApproval(applicant, officer);
    expect((await act(director.token, id, { type: 'approve', comment: '同意' })).body.state).toBe(
      'publicity',
    );

    const foreignEnterprise = await registerEnterprise('changsha-etdz');
    const foreignOfficer = await createStaff('officer', 'changsha-etdz');
    for (const user of [foreignEnterprise, foreignOfficer]) {
      expectProblem(await act(user.token, id, { type: 'object', comment: '异议' }), 404);
    }
    await waitForState(officer.token, id, 'publicity');

    expectProblem(await act(applicant.token, id, { type: 'object', comment: '自己异议' }), 403);

    const neighbour = await registerEnterprise('ningxiang-htz');
    const objected = await act(neighbour.token, id, { type: 'object', comment: '该平台尚未获批' });
    expect(objected.status).toBe(200);
    expect(objected.body.state).toBe('objection');
  });
});
