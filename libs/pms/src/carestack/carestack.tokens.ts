import { AxiosInstance, isAxiosError } from 'axios';
import { classifyHttpError, describeCall, PmsCall } from '../http-error.classifier';
import { PmsError } from '../pms-adapter.port';
import {
  asRecord,
  MalformedResponseError,
  requiredNumber,
  requiredString,
} from '../vendor-response.reader';

const TOKEN_PATH = '/connect/token';

/** OAuth2 password grant: the vendor key is the client id, the account key the client secret. */
export interface PasswordGrant {
  readonly username: string;
  readonly password: string;
  readonly vendorKey: string;
  readonly accountKey: string;
}

/** Any failure to get a token: the call that needed it was never sent. */
export class TokenRequestError extends Error {
  constructor(readonly failure: unknown) {
    super('token request failed');
    this.name = 'TokenRequestError';
  }
}

// Refresh this long before expiry (a tenth of the lifetime, at most a minute), so a token never
// expires between our check and the PMS's.
const MAX_REFRESH_MARGIN_MS = 60_000;
// RFC 6749 §5.2 codes that mean the credentials were refused.
const REFUSED = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

interface CachedToken {
  readonly value: string;
  readonly refreshAt: number;
}

/** One office's access token: cached, refreshed before it expires, one request at a time. */
export class CareStackTokens {
  private cached?: CachedToken;
  private pending?: Promise<string>;

  constructor(
    private readonly http: AxiosInstance,
    private readonly grant: PasswordGrant,
  ) {}

  /** A token fresh enough for one call; concurrent callers share one token request. */
  current(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt)
      return Promise.resolve(this.cached.value);
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets a token the PMS refused, unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async request(): Promise<string> {
    // Counted from before the request: the PMS's clock started no later than that.
    const sentAt = Date.now();
    try {
      const form = new URLSearchParams({
        grant_type: 'password',
        username: this.grant.username,
        password: this.grant.password,
        client_id: this.grant.vendorKey,
        client_secret: this.grant.accountKey,
      });
      const answer = asRecord((await this.http.post(TOKEN_PATH, form)).data, 'token answer');
      const value = requiredString(answer, 'access_token');
      if (requiredString(answer, 'token_type').toLowerCase() !== 'bearer') {
        throw new MalformedResponseError('token_type is not Bearer');
      }
      const lifetimeMs = requiredNumber(answer, 'expires_in') * 1000;
      if (lifetimeMs <= 0) throw new MalformedResponseError('expires_in is not positive');
      const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
      this.cached = { value, refreshAt: sentAt + lifetimeMs - margin };
      return value;
    } catch (error) {
      throw new TokenRequestError(error);
    }
  }
}

/**
 * A failed token request as the PmsError of the call that needed it. Refused credentials are
 * `auth`; since the call itself never went out, nothing can have been applied, so an outcome is
 * never unknown.
 */
export function classifyTokenFailure(failure: unknown, call: PmsCall): PmsError {
  const tokenCall = { ...call, operation: `${call.operation} (token request)` };
  const status = isAxiosError(failure) ? failure.response?.status : undefined;
  const code = isAxiosError(failure) ? oauthErrorCode(failure.response?.data) : undefined;
  if (status === 400 && code !== undefined && REFUSED.has(code)) {
    return new PmsError(
      'auth',
      `${describeCall(tokenCall)}: authentication failed (400 ${code})`,
      400,
    );
  }
  const classified = classifyHttpError(failure, { ...tokenCall, write: false });
  return classified.kind === 'unknown-outcome'
    ? new PmsError(
        'unreachable',
        classified.message,
        classified.statusCode,
        classified.retryAfterMs,
      )
    : classified;
}

function oauthErrorCode(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}
