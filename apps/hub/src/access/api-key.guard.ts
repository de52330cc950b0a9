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
  OfficeSource,
  PUBLIC_ROUTE,
  REQUIRED_SCOPE,
  RequiredScope,
} from '../platform/http/requires-scope.decorator';

const ADMIN_ONLY: RequiredScope = { scope: 'admin', narrowed: false };

/**
 * Every route needs a key (`Authorization: Bearer <key>` or `X-API-Key`) with the route's scope,
 * and, when the route acts on an office, a key covering it (see OfficeSource).
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
    const required =
      this.reflector.getAllAndOverride<RequiredScope>(REQUIRED_SCOPE, targets) ?? ADMIN_ONLY;
    const { scope, narrowed } = required;
    const officeId = officeOf(request, required.office);
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

/**
 * The office the route acts on, from the one place it takes it. Not a string (absent, an array):
 * none, so a route that is not `narrowed` refuses an office-limited key, and a narrowed one lets
 * validation refuse the request.
 */
function officeOf(
  request: AuthenticatedRequest,
  source: OfficeSource | undefined,
): string | undefined {
  const value =
    source === 'path'
      ? request.params?.officeId
      : source === 'query'
        ? request.query?.officeId
        : source === 'body'
          ? (request.body as { officeId?: unknown } | undefined)?.officeId
          : undefined;
  return typeof value === 'string' ? value : undefined;
}
