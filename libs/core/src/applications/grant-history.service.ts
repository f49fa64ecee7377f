import type { GrantHistory } from '@huiqi/policies';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** States in which an amount is committed to the beneficiary (reserved or paid). */
export const COMMITTED_STATES = ['publicity', 'objection', 'approved', 'disbursing', 'paid'] as const;

/** What a beneficiary already holds from a program, for the per-enterprise and per-person caps. */
@Injectable()
export class GrantHistoryService {
  async historyFor(
    manager: EntityManager,
    input: {
      enterpriseId: string;
      programCode: string;
      fiscalYear: number;
      personIdHash: string | null;
      excludeApplicationId?: string;
    },
  ): Promise<GrantHistory> {
    const rows: { enterprise_fy: string; person: string }[] = await manager.query(
      `SELECT
         coalesce(sum(approved_amount_fen) FILTER (WHERE enterprise_id = $1 AND fiscal_year = $3), 0)::text AS enterprise_fy,
         coalesce(sum(approved_amount_fen) FILTER (WHERE $4::text IS NOT NULL AND person_id_hash = $4), 0)::text AS person
       FROM applications
       WHERE program_code = $2 AND state = ANY($5) AND id <> coalesce($6::uuid, '00000000-0000-0000-0000-000000000000')
         AND (enterprise_id = $1 OR ($4::text IS NOT NULL AND person_id_hash = $4))`,
      [
        input.enterpriseId,
        input.programCode,
        input.fiscalYear,
        input.personIdHash,
        COMMITTED_STATES,
        input.excludeApplicationId ?? null,
      ],
    );
    return {
      enterpriseGrantedThisFiscalYearFen: Number(rows[0]?.enterprise_fy ?? 0),
      personGrantedFen: Number(rows[0]?.person ?? 0),
    };
  }

  /**
   * The histories of many (enterprise, program, person) at once, in the order asked, for one fiscal
   * year: one query where `historyFor` would take one each (an auto-grant sweep batch asks hundreds).
   */
  async historiesFor(
    manager: EntityManager,
    fiscalYear: number,
    requests: readonly { enterpriseId: string; programCode: string; personIdHash: string | null }[],
  ): Promise<GrantHistory[]> {
    if (requests.length === 0) return [];
    const rows: { idx: string; enterprise_fy: string; person: string }[] = await manager.query(
      `SELECT r.idx,
         coalesce((SELECT sum(a.approved_amount_fen) FROM applications a
                   WHERE a.program_code = r.program_code AND a.state = ANY($5)
                     AND a.enterprise_id = r.enterprise_id AND a.fiscal_year = $1), 0)::text AS enterprise_fy,
         coalesce((SELECT sum(a.approved_amount_fen) FROM applications a
                   WHERE r.person IS NOT NULL AND a.program_code = r.program_code AND a.state = ANY($5)
                     AND a.person_id_hash = r.person), 0)::text AS person
       FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS r (enterprise_id, program_code, person, idx)`,
      [
        fiscalYear,
        requests.map((r) => r.enterpriseId),
        requests.map((r) => r.programCode),
        requests.map((r) => r.personIdHash),
        COMMITTED_STATES,
      ],
    );
    const histories: GrantHistory[] = new Array(requests.length);
    for (const row of rows)
      histories[Number(row.idx) - 1] = {
        enterpriseGrantedThisFiscalYearFen: Number(row.enterprise_fy),
        personGrantedFen: Number(row.person),
      };
    return histories;
  }
}
