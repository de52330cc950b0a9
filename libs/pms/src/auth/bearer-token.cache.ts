import { AxiosRequestConfig, isAxiosError } from 'axios';

/** What signs one request in: the Authorization header, spread into the request's config. */
export type RequestAuth = Pick<AxiosRequestConfig, 'headers'>;

/** A token as the PMS issued it. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInMs: number;
}

/** Any failure to get a token: the call that needed it was never sent. */
export class TokenRequestError extends Error {
  constructor(readonly failure: unknown) {
    super('token request failed');
    this.name = 'TokenRequestError';
  }
}

// Refresh when a tenth of the lifetime is left, at most a minute before expiry, so a token never
// expires between our check and the PMS's.
const REFRESH_SHARE = 0.1;
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * One office's bearer token: fetched on first use and replaced shortly before it expires;
 * concurrent callers share one token request. A failed token request reaches every waiting caller
 * as a TokenRequestError, which each names after its own operation.
 */
export class BearerTokenCache {
  private cached?: { readonly token: string; readonly refreshAt: number };
  private pending?: Promise<string>;

  constructor(private readonly fetchToken: () => Promise<IssuedToken>) {}

  /**
   * Sends with the current token and, after a 401, once more with a new one: a 401 means the PMS
   * refused before doing anything, so even a write is safe to send again.
   */
  async send<T>(request: (auth: RequestAuth) => Promise<T>): Promise<T> {
    const token = await this.current();
    try {
      return await request(bearer(token));
    } catch (error) {
      if (!isAxiosError(error) || error.response?.status !== 401) throw error;
      this.discard(token);
    }
    return request(bearer(await this.current()));
  }

  private current(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) {
      return Promise.resolve(this.cached.token);
    }
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** After the PMS refused `token`; a newer token fetched meanwhile is kept. */
  private discard(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async refresh(): Promise<string> {
    // The lifetime runs from when the PMS issued the token: count it from before we asked.
    const requestedAt = Date.now();
    let issued: IssuedToken;
    try {
      issued = await this.fetchToken();
    } catch (error) {
      throw new TokenRequestError(error);
    }
    const { accessToken, expiresInMs } = issued;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, expiresInMs * REFRESH_SHARE);
    this.cached = { token: accessToken, refreshAt: requestedAt + expiresInMs - margin };
    return accessToken;
  }
}

function bearer(token: string): RequestAuth {
  return { headers: { Authorization: `Bearer ${token}` } };
}
