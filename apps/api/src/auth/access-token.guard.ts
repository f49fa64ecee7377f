import { UserEntity } from '@huiqi/database';
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import { IS_PUBLIC } from './decorators';
import type { AccessTokenClaims, Principal } from './principal';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    req.principal = await this.authenticate(req.headers.authorization);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '');
    if (!match) throw new UnauthorizedException('A bearer token is required');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(match[1], { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('The bearer token is invalid or expired');
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(claims.sub)) {
      throw new UnauthorizedException('The bearer token is invalid or expired');
    }
    const user = await this.users.findOne({ where: { id: claims.sub } });
    if (!user || !user.isActive || user.tokenVersion !== claims.tv) {
      throw new UnauthorizedException('The bearer token is no longer valid');
    }
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      zoneId: user.zoneId,
      enterpriseId: user.enterpriseId,
      isEnterpriseOwner: user.isEnterpriseOwner,
      displayName: user.displayName,
      language: user.languagePreference,
    };
  }
}
