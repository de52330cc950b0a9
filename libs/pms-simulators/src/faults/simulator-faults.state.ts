import type { Response } from 'express';
import { FaultSettings, validateFaultSettings } from './fault-settings';

/**
 * Fault state and per-route request counts of one simulator.
 *
 * A hung request ends when the faults change to no longer hang (its connection is destroyed: the
 * caller sees a reset, never a late answer) or when the simulator's server closes with
 * `closeAllConnections()`, which every simulator's `close()` calls.
 */
export class SimulatorFaults {
  /** Keyed by route as declared, e.g. `POST /api/appointments`; counts refused calls too. */
  readonly requestCounts = new Map<string, number>();
  /** Every route a `faultGate` was mounted on, so the control API can name a mistyped route. */
  readonly declaredRoutes = new Set<string>();
  private current: FaultSettings = {};
  private rateLimitedLeft = Infinity;
  private readonly hung = new Set<Response>();

  get settings(): FaultSettings {
    return this.current;
  }

  /** Assigning is the same as `set()`, so a rate-limit count restarts either way. */
  set settings(settings: FaultSettings) {
    this.set(settings);
  }

  /** Replaces every fault; throws on settings the control API would refuse with a 400. */
  set(settings: FaultSettings): void {
    validateFaultSettings(settings);
    this.current = settings;
    this.rateLimitedLeft = settings.rateLimit?.count ?? Infinity;
    if (!settings.hang) this.releaseHung();
  }

  /** Clears faults and counts. */
  reset(): void {
    this.set({});
    this.requestCounts.clear();
  }

  count(route: string): void {
    this.requestCounts.set(route, (this.requestCounts.get(route) ?? 0) + 1);
  }

  /** Whether the faults apply to a route: all vendor routes unless `routes` names some. */
  covers(route: string): boolean {
    return this.current.routes === undefined || this.current.routes.includes(route);
  }

  /** Spends one of the `count` rate-limited answers: its Retry-After, none once used up. */
  takeRateLimited(): number | undefined {
    if (!this.current.rateLimit || this.rateLimitedLeft <= 0) return undefined;
    this.rateLimitedLeft -= 1;
    return this.current.rateLimit.retryAfterSeconds;
  }

  /** Milliseconds to hold an answer: fixed, uniformly random, or none. */
  latencyMs(): number {
    const { latency, latencyMs = 0 } = this.current;
    if (!latency) return latencyMs;
    return latency.minMs + Math.random() * (latency.maxMs - latency.minMs);
  }

  hold(res: Response): void {
    this.hung.add(res);
    res.once('close', () => this.hung.delete(res));
  }

  private releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }
}
