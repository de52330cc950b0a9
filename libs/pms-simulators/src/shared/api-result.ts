export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });

/**
 * A refusal a vendor route answers with `status` and the vendor's own error `body`. Thrown from a
 * route's work (see vendor-routes.ts), so a check deep in a parser can end the request.
 */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}
