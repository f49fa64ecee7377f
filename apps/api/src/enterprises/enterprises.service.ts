import { maskAccountNo, text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { hashPassword } from '@huiqi/core/identity/password';
import { EnterpriseEntity, UserEntity } from '@huiqi/database';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NewCredentialsDto, RegisterEnterpriseDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { inScopeOr404, scopeFilter } from '../auth/scope';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { ZonesService } from '../zones/zones.service';
import { BankAccountDto } from './bank-account.dto';
import { BankAccountChangesService, enterpriseStreamOf } from './bank-account-changes.service';
import {
  EnterpriseHistoryEventView,
  EnterpriseView,
  toEnterpriseHistoryView,
  toEnterpriseView,
  toUserView,
  UserView,
} from './enterprise.views';
import { EnterpriseListQueryDto, RegistrationView } from './enterprises.dto';

export const enterpriseStream = enterpriseStreamOf;

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zones: ZonesService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly bankAccounts: BankAccountChangesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates the enterprise and its first user (the owner) in one transaction: both or neither. A bank
   * account given here is the first *pending* change, like any later one: nobody has checked it yet,
   * and a payment waits until a zone finance user verifies it (the same rule for every account).
   */
  async register(dto: RegisterEnterpriseDto): Promise<RegistrationView> {
    const passwordHash = await hashPassword(dto.password, this.config.auth.passwordHashing);
    const { enterprise, user, zoneCode, change } = await this.dataSource.transaction(async (m) => {
      const zone = await this.zones.requireByCode(dto.zoneCode, 'zoneCode', m);
      const enterprise = await m.save(
        m.create(EnterpriseEntity, {
          uscc: dto.uscc,
          name: dto.name,
          zoneId: zone.id,
          bankName: null,
          bankAccountName: null,
          bankAccountNo: null,
          bankCnapsCode: null,
        }),
      );
      const user = await m.save(
        m.create(UserEntity, {
          username: dto.username,
          passwordHash,
          role: 'enterprise',
          zoneId: zone.id,
          enterpriseId: enterprise.id,
          isEnterpriseOwner: true,
          displayName: dto.displayName ?? dto.username,
          email: dto.email ?? null,
          locale: dto.locale ?? 'zh-CN',
        }),
      );
      await this.audit.append(m, {
        stream: enterpriseStream(enterprise.id),
        zoneId: zone.id,
        enterpriseId: enterprise.id,
        actorId: user.id,
        actorRole: 'enterprise',
        action: 'enterprise.registered',
        data: {
          uscc: enterprise.uscc,
          name: enterprise.name,
          bankAccountNo: dto.bankAccount ? maskAccountNo(dto.bankAccount.accountNo) : null,
        },
      });
      if (dto.bankAccount) {
        await this.bankAccounts.request(m, enterprise, dto.bankAccount, {
          userId: user.id,
          role: 'enterprise',
        });
      }
      const change = await this.bankAccounts.latestOpen(m, enterprise.id);
      return { enterprise, user, zoneCode: zone.code, change };
    });
    return {
      ...(await this.auth.issueToken(user)),
      enterprise: { ...toEnterpriseView(enterprise, zoneCode, true), bankAccountChange: change },
      user: toUserView(user, zoneCode),
    };
  }

  async list(principal: Principal, query: EnterpriseListQueryDto): Promise<Page<EnterpriseView>> {
    const scope = scopeFilter(principal);
    const qb = this.dataSource
      .getRepository(EnterpriseEntity)
      .createQueryBuilder('e')
      .innerJoin('zones', 'z', 'z.id = e.zone_id')
      .addSelect('z.code', 'zone_code')
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.pageSize);
    if (scope.zoneId) qb.andWhere('e.zone_id = :zoneId', { zoneId: scope.zoneId });
    if (scope.enterpriseId) qb.andWhere('e.id = :enterpriseId', { enterpriseId: scope.enterpriseId });
    if (query.q) {
      qb.andWhere(`(e.name ILIKE :q ESCAPE '\\' OR e.uscc ILIKE :q ESCAPE '\\')`, {
        q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const items = entities.map((e, i) =>
      toEnterpriseView(e, (raw[i] as { zone_code: string }).zone_code, false),
    );
    return pageOf(items, total, query);
  }

  async get(principal: Principal, id: string): Promise<EnterpriseView> {
    const enterprise = await this.findVisible(principal, id);
    return {
      ...toEnterpriseView(
        enterprise,
        (await this.zones.codeOf(enterprise.zoneId)) ?? '',
        this.seesFullAccount(principal, enterprise),
      ),
      bankAccountChange: await this.bankAccounts.latestOpen(this.dataSource.manager, id),
    };
  }

  /**
   * Only the enterprise's own users ask to change where its money goes, and the change waits for a zone
   * finance user's verification (BankAccountChangesService): until then payments use the verified
   * account. Answers the enterprise with its verified account and the pending change.
   */
  async setBankAccount(principal: Principal, id: string, dto: BankAccountDto): Promise<EnterpriseView> {
    const { enterprise, change } = await this.dataSource.transaction(async (m) => {
      const current = await this.lockVisible(m, principal, id);
      if (principal.role !== 'enterprise') {
        throw new DomainError(DomainErrorCode.Forbidden, text('error.bank-account-owner-only'));
      }
      await this.bankAccounts.request(m, current, dto, principal);
      return { enterprise: current, change: await this.bankAccounts.latestOpen(m, id) };
    });
    return {
      ...toEnterpriseView(enterprise, (await this.zones.codeOf(enterprise.zoneId)) ?? '', true),
      bankAccountChange: change,
    };
  }

  async history(principal: Principal, id: string): Promise<EnterpriseHistoryEventView[]> {
    await this.findVisible(principal, id);
    const events = await this.audit.list(this.dataSource.manager, enterpriseStream(id));
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((a): a is string => !!a))];
    const names = new Map<string, string>(
      actorIds.length
        ? (
            (await this.dataSource.query('SELECT id, display_name FROM users WHERE id = ANY($1)', [
              actorIds,
            ])) as { id: string; display_name: string }[]
          ).map((u) => [u.id, u.display_name])
        : [],
    );
    const staff = principal.role !== 'enterprise';
    return events.map((e) =>
      toEnterpriseHistoryView(e, e.actorId ? (names.get(e.actorId) ?? null) : null, staff),
    );
  }

  async listUsers(principal: Principal, id: string): Promise<UserView[]> {
    const enterprise = await this.findVisible(principal, id);
    const zoneCode = await this.zones.codeOf(enterprise.zoneId);
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { enterpriseId: id }, order: { createdAt: 'ASC' } });
    return users.map((u) => toUserView(u, zoneCode));
  }

  /** The owner (the enterprise's first user) invites colleagues, who then work on its applications. */
  async inviteUser(principal: Principal, id: string, dto: NewCredentialsDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password, this.config.auth.passwordHashing);
    const user = await this.dataSource.transaction(async (m) => {
      const enterprise = await this.lockVisible(m, principal, id);
      this.requireOwner(principal);
      const user = await m.save(
        m.create(UserEntity, {
          username: dto.username,
          passwordHash,
          role: 'enterprise',
          zoneId: enterprise.zoneId,
          enterpriseId: id,
          isEnterpriseOwner: false,
          displayName: dto.displayName ?? dto.username,
          email: dto.email ?? null,
          locale: dto.locale ?? 'zh-CN',
        }),
      );
      await this.audit.append(m, {
        stream: enterpriseStream(id),
        zoneId: enterprise.zoneId,
        enterpriseId: id,
        actorId: principal.userId,
        actorRole: principal.role,
        action: 'enterprise.user-invited',
        data: { userId: user.id, username: user.username },
      });
      return user;
    });
    return toUserView(user, await this.zones.codeOf(user.zoneId));
  }

  /** Deactivates a colleague and revokes their tokens at once; their past actions stay in history. */
  async removeUser(principal: Principal, id: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const enterprise = await this.lockVisible(m, principal, id);
      this.requireOwner(principal);
      const user = await m.findOne(UserEntity, { where: { id: userId, enterpriseId: id } });
      if (!user) throw DomainError.notFound('user');
      if (user.id === principal.userId) {
        throw new DomainError(DomainErrorCode.Conflict, text('error.owner-cannot-remove-self'));
      }
      if (!user.isActive) return;
      user.isActive = false;
      user.tokenVersion += 1;
      await m.save(user);
      await this.audit.append(m, {
        stream: enterpriseStream(id),
        zoneId: enterprise.zoneId,
        enterpriseId: id,
        actorId: principal.userId,
        actorRole: principal.role,
        action: 'enterprise.user-removed',
        data: { userId: user.id, username: user.username },
      });
    });
  }

  private requireOwner(principal: Principal): void {
    if (principal.role !== 'enterprise' || !principal.isEnterpriseOwner) {
      throw new DomainError(DomainErrorCode.Forbidden, text('error.owner-manages-users'));
    }
  }

  private seesFullAccount(principal: Principal, e: EnterpriseEntity): boolean {
    return principal.enterpriseId === e.id || principal.role === 'finance' || principal.role === 'admin';
  }

  private async findVisible(principal: Principal, id: string): Promise<EnterpriseEntity> {
    const row = await this.dataSource.getRepository(EnterpriseEntity).findOne({ where: { id } });
    inScopeOr404(principal, row && { zoneId: row.zoneId, enterpriseId: row.id }, 'enterprise');
    return row as EnterpriseEntity;
  }

  private async lockVisible(m: EntityManager, principal: Principal, id: string): Promise<EnterpriseEntity> {
    const row = await m.findOne(EnterpriseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    inScopeOr404(principal, row && { zoneId: row.zoneId, enterpriseId: row.id }, 'enterprise');
    return row as EnterpriseEntity;
  }
}
