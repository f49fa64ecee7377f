import { text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { hashPassword } from '@huiqi/core/identity/password';
import { UserEntity, ZoneEntity } from '@huiqi/database';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { toUserView, UserView } from '../enterprises/enterprise.views';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { ZonesService } from '../zones/zones.service';
import { CreateUserDto, UserListQueryDto } from './users.dto';

const userStream = (id: string) => `user:${id}`;

/** Staff accounts, created by admins and bound to one zone (admins to none). */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zones: ZonesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(userId: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(UserEntity).findOneOrFail({ where: { id: userId } });
    return toUserView(user, await this.zones.codeOf(user.zoneId));
  }

  async create(admin: Principal, dto: CreateUserDto): Promise<UserView> {
    if (dto.role !== 'admin' && !dto.zoneCode) {
      throw DomainError.invalid('zoneCode', text('error.zone-required-for-role', { role: dto.role }));
    }
    if (dto.role === 'admin' && dto.zoneCode) {
      throw DomainError.invalid('zoneCode', text('error.admin-no-zone'));
    }
    const passwordHash = await hashPassword(dto.password, this.config.auth.passwordHashing);
    const { user, zone } = await this.dataSource.transaction(async (m) => {
      const zone = dto.zoneCode ? await this.zones.requireByCode(dto.zoneCode, 'zoneCode', m) : null;
      const user = await m.save(
        m.create(UserEntity, {
          username: dto.username,
          passwordHash,
          role: dto.role,
          zoneId: zone?.id ?? null,
          enterpriseId: null,
          displayName: dto.displayName ?? dto.username,
          email: dto.email ?? null,
          locale: dto.locale ?? 'zh-CN',
        }),
      );
      await this.audit.append(m, {
        stream: userStream(user.id),
        zoneId: zone?.id ?? null,
        enterpriseId: null,
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'user.created',
        data: { username: user.username, role: user.role, zoneCode: zone?.code ?? null },
      });
      return { user, zone };
    });
    return toUserView(user, zone?.code ?? null);
  }

  async list(query: UserListQueryDto): Promise<Page<UserView>> {
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .leftJoin(ZoneEntity, 'z', 'z.id = u.zone_id')
      .addSelect('z.code', 'zone_code')
      .orderBy('u.username', 'ASC')
      .offset(offsetOf(query))
      .limit(query.pageSize);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.zoneCode) qb.andWhere('z.code = :zoneCode', { zoneCode: query.zoneCode });
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    return pageOf(
      entities.map((u, i) => toUserView(u, (raw[i] as { zone_code: string | null }).zone_code)),
      total,
      query,
    );
  }

  /** Deactivates a staff user and revokes their tokens immediately. */
  async deactivate(admin: Principal, userId: string): Promise<UserView> {
    const user = await this.dataSource.transaction(async (m) => {
      const user = await m.findOne(UserEntity, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw DomainError.notFound('user');
      if (user.id === admin.userId)
        throw new DomainError(DomainErrorCode.Conflict, text('error.cannot-deactivate-self'));
      if (user.isActive) {
        user.isActive = false;
        user.tokenVersion += 1;
        await m.save(user);
        await this.audit.append(m, {
          stream: userStream(user.id),
          zoneId: user.zoneId,
          enterpriseId: user.enterpriseId,
          actorId: admin.userId,
          actorRole: admin.role,
          action: 'user.deactivated',
        });
      }
      return user;
    });
    return toUserView(user, await this.zones.codeOf(user.zoneId));
  }
}
