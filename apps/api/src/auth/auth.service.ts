import { text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { dummyPasswordHash, verifyPassword } from '@huiqi/core/identity/password';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { UserEntity } from '@huiqi/database';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccessTokenView, LoginDto } from './auth.dto';
import type { AccessTokenClaims } from './principal';

const INVALID = text('error.invalid-credentials');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A wrong username and a wrong password look the same to the caller, in content and in time. */
  async login(dto: LoginDto): Promise<AccessTokenView> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username: dto.username.trim().toLowerCase() })
      .getOne();
    const hash = user?.passwordHash ?? (await dummyPasswordHash(this.config.auth.passwordHashing));
    const ok = await verifyPassword(hash, dto.password);
    if (!user || !ok || !user.isActive) throw new DomainError(DomainErrorCode.InvalidCredentials, INVALID);
    return this.issueToken(user);
  }

  async issueToken(user: Pick<UserEntity, 'id' | 'tokenVersion'>): Promise<AccessTokenView> {
    const claims: AccessTokenClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.auth.jwtTtlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtTtlSeconds };
  }
}
