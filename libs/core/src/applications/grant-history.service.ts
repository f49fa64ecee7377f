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
}
