import { TokenRegistry } from '../shared';

export type { TokenAnswer } from '../shared';

export interface TokenStats {
  readonly issued: number;
  /** Issued and not yet expired. */
  readonly active: number;
  /** Token requests answered 401 `invalid_client`. */
  readonly invalidClient: number;
  /** API calls answered 401 `invalid_token` (expired or unknown). */
  readonly invalidToken: number;
}

/** The shared token registry, counting what Eaglesoft's `/_control/tokens` reports. */
export class EaglesoftTokens extends TokenRegistry {
  private issued = 0;
  private invalidClient = 0;
  private invalidToken = 0;

  override issue() {
    const answer = super.issue();
    this.issued++;
    return answer;
  }

  /** Counts a refusal, so tests can prove a client refreshed before its token ran out. */
  accepts(token: string | undefined): boolean {
    const live = this.isLive(token);
    if (!live) this.invalidToken++;
    return live;
  }

  refuseClient(): void {
    this.invalidClient++;
  }

  stats(): TokenStats {
    const { issued, invalidClient, invalidToken } = this;
    return { issued, active: this.liveCount(), invalidClient, invalidToken };
  }

  /** Sessions stay valid: a reset returns the data to the seed, not the clients to signed-out. */
  resetStats(): void {
    this.issued = 0;
    this.invalidClient = 0;
    this.invalidToken = 0;
  }
}
