import { text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { toValidatedFact } from '@huiqi/core/facts/fact-input';
import { FactWriter } from '@huiqi/core/facts/fact-writer.service';
import { hashPersonId } from '@huiqi/core/identity/person-id';
import { EnterpriseEntity } from '@huiqi/database';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { enterpriseStream } from '../enterprises/enterprises.service';
import { FactListQueryDto, RecordFactDto } from './facts.dto';
import { FactListView, FactRecordedView, FactRow, toFactView } from './facts.views';

const FACT_COLUMNS = `f.id, f.key, f.subject, f.period, f.value, f.source, f.received_at, f.feed_id, f.recorded_by,
  u.username AS recorder_username, u.role AS recorder_role`;

/** Staff record facts about enterprises of their zone; everyone in scope reads them, with their history. */
@Injectable()
export class FactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: FactWriter,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(p: Principal, enterpriseId: string, dto: RecordFactDto): Promise<FactRecordedView> {
    const checked = toValidatedFact({ ...dto }, this.config.idHashSecret);
    const enterprise = await this.visible(p, enterpriseId);
    if (!checked.ok) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        text('error.invalid-fact', { fields: checked.issues.map((i) => i.path).join(', ') }),
        {},
        checked.issues.map((i) => ({ field: i.path, messages: [i.text ?? i.message] })),
      );
    }
    const fact = checked.fact;
    const { outcome, factId } = await this.dataSource.transaction(async (m) => {
      const [outcome] = await this.writer.write(m, [{ enterpriseId, zoneId: enterprise.zoneId, fact }], {
        recordedBy: p.userId,
        feedId: null,
      });
      const factId = outcome.status === 'written' ? outcome.stored.id : outcome.currentId;
      if (outcome.status === 'written') {
        await this.audit.append(m, {
          stream: enterpriseStream(enterpriseId),
          zoneId: enterprise.zoneId,
          enterpriseId,
          actorId: p.userId,
          actorRole: p.role,
          action: 'enterprise.fact-recorded',
          data: { factId, key: fact.key, subject: fact.subject, period: fact.period, source: fact.source },
        });
      }
      return { outcome, factId };
    });
    const rows: FactRow[] = await this.dataSource.query(
      `SELECT ${FACT_COLUMNS}, true AS is_current FROM enterprise_facts f LEFT JOIN users u ON u.id = f.recorded_by
       WHERE f.id = $1`,
      [factId],
    );
    return { changed: outcome.status === 'written', fact: toFactView(rows[0]) };
  }

  async list(p: Principal, enterpriseId: string, q: FactListQueryDto): Promise<FactListView> {
    await this.visible(p, enterpriseId);
    const subject = q.idNumber ? hashPersonId(q.idNumber, this.config.idHashSecret) : null;
    const filters = `f.enterprise_id = $1 AND ($2::text IS NULL OR f.key = $2) AND ($3::text IS NULL OR f.subject = $3)`;
    const ranked = `
      SELECT ${FACT_COLUMNS},
        row_number() OVER (PARTITION BY f.key, f.subject, f.period ORDER BY f.received_at DESC, f.created_at DESC) = 1
          AS is_current
      FROM enterprise_facts f LEFT JOIN users u ON u.id = f.recorded_by
      WHERE ${filters}`;
    const rows: FactRow[] = await this.dataSource.query(
      `SELECT * FROM (${ranked}) r ${q.history ? '' : 'WHERE r.is_current'}
       ORDER BY r.key, r.subject NULLS FIRST, r.period NULLS FIRST, r.received_at DESC`,
      [enterpriseId, q.key ?? null, subject],
    );
    return { enterpriseId, history: q.history ?? false, items: rows.map(toFactView) };
  }

  private async visible(p: Principal, id: string): Promise<EnterpriseEntity> {
    const row = await this.dataSource.getRepository(EnterpriseEntity).findOne({ where: { id } });
    return inScopeOr404(p, row && { ...row, zoneId: row.zoneId, enterpriseId: row.id }, 'enterprise');
  }
}
