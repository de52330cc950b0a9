import { randomBytes } from 'node:crypto';

const DEFAULT_LIFETIME_SECONDS = 3600;

export interface TokenOptions {
  /** `expires_in` of every issued access token; default 3600. */
  readonly tokenLifetimeSeconds?: number;
}

/** An OAuth2 access-token answer (RFC 6749 §5.1). */
export interface TokenAnswer {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  /** Seconds */
  readonly expires_in: number;
}

/**
 * The bearer tokens an OAuth-style simulated PMS has issued: each expires a fixed time after
 * issue, or with every other one on `expireAll()` (as a PMS restart or key rotation would).
 * Reads `Date.now()`, so tests can move the clock instead of waiting.
 */
export class TokenRegistry {
  readonly lifetimeSeconds: number;
  /** Token → expiry (epoch ms). */
  private readonly expiries = new Map<string, number>();

  /** Defaults to an hour, the usual OAuth2 access-token lifetime. */
  constructor(lifetimeSeconds?: number) {
    this.lifetimeSeconds = lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
    if (!(this.lifetimeSeconds > 0)) throw new Error('tokenLifetimeSeconds must be positive');
  }

  issue(): TokenAnswer {
    this.dropExpired();
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, Date.now() + this.lifetimeSeconds * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSeconds };
  }

  isLive(token: string | undefined): boolean {
    const expiry = token === undefined ? undefined : this.expiries.get(token);
    return expiry !== undefined && Date.now() < expiry;
  }

  liveCount(): number {
    this.dropExpired();
    return this.expiries.size;
  }

  expireAll(): void {
    this.expiries.clear();
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [token, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(token);
  }
}
