import type { Role } from '@huiqi/common';
import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES } from './decorators';
import type { Principal } from './principal';

/** Global guard after AccessTokenGuard: enforces @Roles(...) on the handler or its controller. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!principal || !roles.includes(principal.role)) {
      throw new ForbiddenException(`This action is only for: ${roles.join(', ')}`);
    }
    return true;
  }
}
