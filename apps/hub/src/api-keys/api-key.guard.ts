import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessOf, assertNever } from '@pms-hub/domain';
import type { Response } from 'express';
import { ApiKeyRegistry } from './api-key.registry';
import {
  AuthenticatedRequest,
  PUBLIC_ROUTE,
  REQUIRED_SCOPE,
  RequiredScope,
} from './requires-scope.decorator';

const ADMIN_ONLY: RequiredScope = { scope: 'admin', narrowed: false };

/**
 * Every route needs a key (`Authorization: Bearer <key>` or `X-API-Key`) with the route's scope,
 * and, when the request names an office (path, query or body `officeId`), that office.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ApiKeyRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const presented = presentedKey(request);
    const principal = presented && (await this.registry.authenticate(presented));
    if (!principal) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="pms-hub"');
      throw new UnauthorizedException(
        presented
          ? 'the API key is not valid (unknown, revoked or mistyped)'
          : 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
      );
    }
    const { scope, narrowed } =
      this.reflector.getAllAndOverride<RequiredScope>(REQUIRED_SCOPE, targets) ?? ADMIN_ONLY;
    const officeId = officeOf(request);
    const verdict = accessOf(principal, { scope, officeId, narrowed });
    switch (verdict) {
      case 'allowed':
        request.apiKey = principal;
        return true;
      case 'scope-missing':
        throw new ForbiddenException(`this API key lacks the "${scope}" scope`);
      case 'office-not-allowed':
        throw new ForbiddenException(
          officeId === undefined
            ? 'this API key is limited to some offices; this view covers every office'
            : `this API key does not cover office "${officeId}"`,
        );
      default:
        return assertNever(verdict);
    }
  }
}

function presentedKey(request: AuthenticatedRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  const header = request.headers['x-api-key'];
  return bearer?.[1] ?? (typeof header === 'string' && header !== '' ? header : undefined);
}

/** The office a request touches, wherever the route takes it from. */
function officeOf(request: AuthenticatedRequest): string | undefined {
  const candidates: unknown[] = [
    request.params?.officeId,
    request.query?.officeId,
    (request.body as { officeId?: unknown } | undefined)?.officeId,
  ];
  return candidates.find((value): value is string => typeof value === 'string');
}
