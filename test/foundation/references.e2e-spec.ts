import { referencesIn } from '@huiqi/common';
import { api, bearer, registerEnterprise } from '../support/api-client';
import { uniqueDocNo } from '../support/applications';
import { sql } from '../support/db';

const PROGRAM = 'ningxiang-htz.platform-construction';
const yy = () => String(new Date().getUTCFullYear() % 100).padStart(2, '0');

async function createApplication(token: string): Promise<{ id: string; reference: string }> {
  const res = await api()
    .post('/applications')
    .set(bearer(token))
    .send({
      programCode: PROGRAM,
      fiscalYear: 2026,
      form: {
        platformName: '长沙市新材料工程技术研究中心',
        platformType: 'municipal-platform',
        recognisedOn: '2025-09-01',
        approvalDocumentNo: uniqueDocNo(),
      },
    })
    .expect(201);
  return { id: res.body.id, reference: res.body.reference };
}

/**
 * References say nothing about other zones: numbered per zone and per year with the zone's tag
 * (HQNX26000030), so no zone can estimate another's volume from them; and views an enterprise reads
 * carry no internal ids.
 */
describe('per-zone references and reader-shaped views', () => {
  it('a new case is numbered in its zone and year, in the format the bank matcher finds', async () => {
    const enterprise = await registerEnterprise('ningxiang-htz');
    const { reference } = await createApplication(enterprise.token);
    expect(reference).toMatch(new RegExp(`^HQNX${yy()}\\d{6}$`));
    expect(referencesIn(`惠企补贴 ${reference}P1 付款`)).toEqual([`${reference}P1`]);
  });

  it("two zones' counters are independent: creating cases in one never moves the other's", async () => {
    const before = await sql(
      `SELECT coalesce(max(last_value), 0)::int AS n FROM reference_counters c JOIN zones z ON z.id = c.zone_id
        WHERE z.code = 'changsha-etdz' AND c.kind = 'HQ'`,
    );
    const enterprise = await registerEnterprise('ningxiang-htz');
    await Promise.all([1, 2, 3].map(() => createApplication(enterprise.token).catch(() => null)));
    const after = await sql(
      `SELECT coalesce(max(last_value), 0)::int AS n FROM reference_counters c JOIN zones z ON z.id = c.zone_id
        WHERE z.code = 'changsha-etdz' AND c.kind = 'HQ'`,
    );
    expect(after[0].n).toBe(before[0].n);
  });

  it("an enterprise's case history carries no ids: no actor id, no zone id, no uuid", async () => {
    const enterprise = await registerEnterprise('ningxiang-htz');
    const { id } = await createApplication(enterprise.token);
    const own = await api().get(`/applications/${id}/history`).set(bearer(enterprise.token)).expect(200);
    expect(own.body.length).toBeGreaterThan(0);
    for (const event of own.body) {
      expect(event).not.toHaveProperty('actorId');
      expect(event).not.toHaveProperty('hash');
      expect(event).not.toHaveProperty('zoneId');
    }
    expect(JSON.stringify(own.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
  });
});
