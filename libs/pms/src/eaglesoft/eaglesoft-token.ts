import { IssuedToken } from './eaglesoft.mapping';

/** Refresh when this share of the lifetime is left… */
const REFRESH_SHARE = 0.1;
/** …or this long, whichever comes first for long-lived tokens. */
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * One office's bearer token. Fetched on first use and replaced shortly before it expires, so calls
 * never go out with a token about to run out; concurrent callers share one token request. Fetch
 * failures reach every waiting caller unclassified: each names its own operation.
 */
export class EaglesoftTokenCache {
  private current?: { readonly token: string; readonly refreshAt: number };
  private pending?: Promise<string>;

  constructor(private readonly fetchToken: () => Promise<IssuedToken>) {}

  get(): Promise<string> {
    if (this.current && Date.now() < this.current.refreshAt) {
      return Promise.resolve(this.current.token);
    }
    this.pending ??= this.refresh();
    return this.pending;
  }

  /** After the PMS refused `token`; a newer token fetched meanwhile is kept. */
  discard(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    // The lifetime runs from when the PMS issued the token: count it from before we asked.
    const requestedAt = Date.now();
    try {
      const { accessToken, expiresInMs } = await this.fetchToken();
      const margin = Math.min(MAX_REFRESH_MARGIN_MS, expiresInMs * REFRESH_SHARE);
      this.current = { token: accessToken, refreshAt: requestedAt + expiresInMs - margin };
      return accessToken;
    } finally {
      this.pending = undefined;
    }
  }
}
