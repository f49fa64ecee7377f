import { text } from '@huiqi/common';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { FundPoolEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { actorUserId, FinanceActor } from './finance-actor';
import { fundPoolStream } from './finance-streams';
import { LedgerService } from './ledger.service';
import { fenToYuan } from './money';

export interface NewFundPool {
  /** Exactly one of programCode and policyDocumentCode. */
  programCode?: string | null;
  policyDocumentCode?: string | null;
  fiscalYear: number;
  name?: string | null;
  allocatedFen: number;
  comment?: string | null;
}

/** How a pool is named in errors and reports: its scope, code and fiscal year. */
export function poolLabel(pool: FundPoolEntity): Record<string, unknown> {
  return {
    id: pool.id,
    name: pool.name,
    scope: pool.scope,
    code: pool.programCode ?? pool.policyDocumentCode,
    fiscalYear: pool.fiscalYear,
  };
}

/** Creates fund pools and changes their allocation; only finance staff reach these (API roles). */
@Injectable()
export class FundPoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async create(zoneId: string, input: NewFundPool, actor: FinanceActor): Promise<FundPoolEntity> {
    const programCode = input.programCode ?? null;
    const policyDocumentCode = input.policyDocumentCode ?? null;
    if ((programCode === null) === (policyDocumentCode === null)) {
      throw new DomainError(DomainErrorCode.InvalidInput, text('error.pool-one-target'), {}, [
        { field: 'programCode', messages: ['give exactly one of programCode and policyDocumentCode'] },
        {
          field: 'policyDocumentCode',
          messages: ['give exactly one of programCode and policyDocumentCode'],
        },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      const title = programCode
        ? await this.programTitle(m, zoneId, programCode)
        : await this.policyDocumentTitle(m, zoneId, policyDocumentCode as string);
      const name = input.name ?? `${title} ${input.fiscalYear}年度`;
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO fund_pools (zone_id, scope, program_code, policy_document_code, fiscal_year, name, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [
          zoneId,
          programCode ? 'program' : 'policy_document',
          programCode,
          policyDocumentCode,
          input.fiscalYear,
          name,
          actorUserId(actor),
        ],
      );
      if (inserted.length === 0) {
        const field = programCode ? 'programCode' : 'policyDocumentCode';
        const message = text('error.pool-exists', {
          code: programCode ?? policyDocumentCode ?? '',
          year: input.fiscalYear,
        });
        throw new DomainError(DomainErrorCode.AlreadyExists, message, {}, [{ field, messages: [message] }]);
      }
      const pool = await m.findOneOrFail(FundPoolEntity, { where: { id: inserted[0].id } });
      if (input.allocatedFen > 0) {
        await this.ledger.post(m, {
          pool,
          kind: 'allocate',
          amountFen: input.allocatedFen,
          actor,
          memo: input.comment,
        });
      }
      await this.audit.append(m, {
        stream: fundPoolStream(pool.id),
        zoneId,
        enterpriseId: null,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action: 'fund-pool.created',
        amountFen: input.allocatedFen,
        comment: input.comment ?? null,
        data: { ...poolLabel(pool), allocatedFen: input.allocatedFen },
      });
      return m.findOneOrFail(FundPoolEntity, { where: { id: pool.id } });
    });
  }

  /**
   * Sets the allocation to `allocatedFen` with one allocate/deallocate journal. Lowering it below what
   * is reserved and paid is refused (the pool row is locked, and the CHECK constraint backs it).
   */
  async setAllocation(
    zoneId: string,
    poolId: string,
    allocatedFen: number,
    comment: string,
    actor: FinanceActor,
  ): Promise<FundPoolEntity> {
    return this.dataSource.transaction(async (m) => {
      const pool = await this.lockInZone(m, zoneId, poolId);
      const delta = allocatedFen - pool.allocatedFen;
      if (delta === 0) return pool;
      const committedFen = pool.reservedFen + pool.paidFen;
      if (allocatedFen < committedFen) {
        throw new DomainError(
          DomainErrorCode.InsufficientFunds,
          text('error.pool-below-committed', { pool: pool.name, committed: fenToYuan(committedFen) }),
          { pool: poolLabel(pool), availableFen: pool.availableFen, committedFen },
          [{ field: 'allocatedFen', messages: [`must be at least ${committedFen} (reserved + paid)`] }],
        );
      }
      await this.ledger.post(m, {
        pool,
        kind: delta > 0 ? 'allocate' : 'deallocate',
        amountFen: Math.abs(delta),
        actor,
        memo: comment,
      });
      await this.audit.append(m, {
        stream: fundPoolStream(pool.id),
        zoneId,
        enterpriseId: null,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action: 'fund-pool.allocation-changed',
        amountFen: allocatedFen,
        comment,
        data: { beforeFen: pool.allocatedFen, afterFen: allocatedFen, deltaFen: delta },
      });
      return m.findOneOrFail(FundPoolEntity, { where: { id: pool.id } });
    });
  }

  /** The pool with a row lock, or 404 when it does not exist or belongs to another zone. */
  async lockInZone(manager: EntityManager, zoneId: string, poolId: string): Promise<FundPoolEntity> {
    const pool = await manager.findOne(FundPoolEntity, {
      where: { id: poolId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!pool || pool.zoneId !== zoneId) throw DomainError.notFound('fundPool');
    return pool;
  }

  /**
   * The pool that pays a grant, locked: the program's own pool for the fiscal year if there is one,
   * otherwise its policy document's pool.
   */
  async lockForGrant(
    manager: EntityManager,
    grant: { zoneId: string; programCode: string; fiscalYear: number },
    policyDocumentCode: string | null,
  ): Promise<FundPoolEntity | null> {
    const lock = { mode: 'pessimistic_write' as const };
    const base = { zoneId: grant.zoneId, fiscalYear: grant.fiscalYear };
    const own = await manager.findOne(FundPoolEntity, {
      where: { ...base, scope: 'program', programCode: grant.programCode },
      lock,
    });
    if (own || policyDocumentCode === null) return own;
    return manager.findOne(FundPoolEntity, {
      where: { ...base, scope: 'policy_document', policyDocumentCode },
      lock,
    });
  }

  private async programTitle(m: EntityManager, zoneId: string, code: string): Promise<string> {
    const rows: { title: string | null }[] = await m.query(
      `SELECT definition->'title'->>'zh' AS title FROM program_versions
       WHERE zone_id = $1 AND code = $2 ORDER BY version DESC LIMIT 1`,
      [zoneId, code],
    );
    if (rows.length === 0)
      throw DomainError.invalid('programCode', text('error.pool-program-unknown', { code }));
    return rows[0].title ?? code;
  }

  private async policyDocumentTitle(m: EntityManager, zoneId: string, code: string): Promise<string> {
    const rows: { title: string | null }[] = await m.query(
      `SELECT definition->'policyDocument'->'title'->>'zh' AS title FROM program_versions
       WHERE zone_id = $1 AND policy_document_code = $2 ORDER BY created_at DESC LIMIT 1`,
      [zoneId, code],
    );
    if (rows.length === 0) {
      throw DomainError.invalid('policyDocumentCode', text('error.pool-document-unknown', { code }));
    }
    return rows[0].title ?? code;
  }
}
