import { randomBytes } from 'node:crypto';

export interface TokenAnswer {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  /** Seconds */
  readonly expires_in: number;
}

export interface TokenStats {
  readonly issued: number;
  /** Issued and not yet expired. */
  readonly active: number;
  /** Token requests answered 401 `invalid_client`. */
  readonly invalidClient: number;
  /** API calls answered 401 `invalid_token` (expired or unknown). */
  readonly invalidToken: number;
}

/** The bearer tokens the simulated PMS has issued; each expires a fixed time after issue. */
export class EaglesoftTokens {
  private readonly expiries = new Map<string, number>();
  private issued = 0;
  private invalidClient = 0;
  private invalidToken = 0;

  constructor(private readonly lifetimeSeconds: number) {}

  issue(): TokenAnswer {
    this.dropExpired();
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, Date.now() + this.lifetimeSeconds * 1000);
    this.issued++;
    return { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSeconds };
  }

  /** Counts a refusal, so tests can prove a client refreshed before its token ran out. */
  accepts(token: string | undefined): boolean {
    const expiry = token === undefined ? undefined : this.expiries.get(token);
    const valid = expiry !== undefined && Date.now() < expiry;
    if (!valid) this.invalidToken++;
    return valid;
  }

  refuseClient(): void {
    this.invalidClient++;
  }

  expireAll(): void {
    this.expiries.clear();
  }

  stats(): TokenStats {
    this.dropExpired();
    const { issued, invalidClient, invalidToken } = this;
    return { issued, active: this.expiries.size, invalidClient, invalidToken };
  }

  /** Sessions stay valid: a reset returns the data to the seed, not the clients to signed-out. */
  resetStats(): void {
    this.issued = 0;
    this.invalidClient = 0;
    this.invalidToken = 0;
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [token, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(token);
  }
}
