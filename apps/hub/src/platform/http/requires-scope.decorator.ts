import {
  ExecutionContext,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ApiKeyPrincipal, ApiKeyScope } from '@pms-hub/domain';
import type { Request } from 'express';

export const REQUIRED_SCOPE = 'pms-hub:required-scope';
export const PUBLIC_ROUTE = 'pms-hub:public-route';

/**
 * Where the route takes the office it acts on: the `:officeId` path parameter, or the query's or
 * the JSON body's `officeId`. The guard checks that source only, the one the handler uses; an
 * `officeId` anywhere else is not the route's and cannot vouch for it.
 */
export type OfficeSource = 'path' | 'query' | 'body';

export interface RequiredScope {
  readonly scope: ApiKeyScope;
  readonly office?: OfficeSource;
  /** The handler narrows its answer to the key's offices (lists) or checks the office itself. */
  readonly narrowed: boolean;
}

/** A route without this (or @PublicRoute) needs the admin scope: new routes fail closed. */
export const RequiresScope = (
  scope: ApiKeyScope,
  options: { readonly office?: OfficeSource; readonly narrowed?: boolean } = {},
) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPE, { scope, ...options, narrowed: options.narrowed ?? false }),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiResponse({ status: 401, description: 'No API key, or not a valid one' }),
    ApiResponse({ status: 403, description: `The key lacks the ${scope} scope or the office` }),
  );

/** Probes an orchestrator calls without credentials. */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

export type AuthenticatedRequest = Request & { apiKey?: ApiKeyPrincipal };

/** The key the guard accepted for this request. */
export const CurrentApiKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): ApiKeyPrincipal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey!,
);
