import { AxiosResponse } from 'axios';
import { performance } from 'node:perf_hooks';
import { BearerTokenCache, RequestAuth, TokenRequestError } from '../auth/bearer-token.cache';
import { classifyHttpError, describeCall, PmsCall } from '../http-error.classifier';
import { EndpointHealth, PmsError, PmsHealth, PmsType } from '../pms-adapter.port';
import { PMS_OPERATIONS, PmsOperation } from '../pms.operations';

/** One call's requests; `auth` carries the bearer token where the vendor signs calls in. */
export type Send<T> = (auth: RequestAuth) => Promise<T>;

/** How a vendor signs its calls in. */
export interface BearerSignIn {
  readonly tokens: BearerTokenCache;
  /** The PmsError of the call whose token request failed with `failure`. */
  readonly classifyFailure: (failure: unknown, call: PmsCall) => PmsError;
}

/** The endpoint a vendor reports its health on. */
export interface HealthEndpoint {
  /** e.g. `GET /api/health`, as health results name it. */
  readonly endpoint: string;
  readonly request: Send<AxiosResponse>;
  /** The vendor's status word in the answer. */
  readonly readStatus: (data: unknown) => string;
  /** The status word of a healthy PMS. */
  readonly healthyStatus: string;
}

/**
 * Runs one office's calls to its PMS: signed in when the vendor uses bearer tokens, and every
 * failure turned into a PmsError that names the PMS, the office and the operation.
 */
export class PmsCallRunner {
  constructor(
    private readonly pmsType: PmsType,
    private readonly officeId: string,
    private readonly signIn?: BearerSignIn,
  ) {}

  /** `conflict`: what a 409 means for this operation, e.g. `slot not available`. */
  async run<T>(operation: PmsOperation, send: Send<T>, conflict?: string): Promise<T> {
    try {
      return await (this.signIn ? this.signIn.tokens.send(send) : send({}));
    } catch (error) {
      // Already decided, e.g. a start time the office's clock never shows: surfaces as is.
      if (error instanceof PmsError) throw error;
      const call = this.callOf(operation);
      if (this.signIn && error instanceof TokenRequestError) {
        throw this.signIn.classifyFailure(error.failure, call);
      }
      const write = PMS_OPERATIONS[operation] === 'write';
      throw classifyHttpError(error, { ...call, write, conflict });
    }
  }

  /** e.g. `dentrix bookAppointment for office demo-dentrix`, as messages name the call. */
  where(operation: PmsOperation): string {
    return describeCall(this.callOf(operation));
  }

  /** Never throws: a down PMS is a health result, not an error. */
  async probe(health: HealthEndpoint): Promise<PmsHealth> {
    const endpoint = await this.probeEndpoint(health);
    const { healthy, responseTimeMs, error } = endpoint;
    return { healthy, responseTimeMs, endpoints: [endpoint], error };
  }

  private async probeEndpoint(health: HealthEndpoint): Promise<EndpointHealth> {
    const { endpoint, request, readStatus, healthyStatus } = health;
    const operation = 'checkHealth';
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { statusCode, ok } = await this.run(operation, async (auth) => {
        const response = await request(auth);
        return { statusCode: response.status, ok: readStatus(response.data) === healthyStatus };
      });
      const error = ok ? undefined : `${this.where(operation)}: status not ${healthyStatus}`;
      return { endpoint, healthy: ok, responseTimeMs: elapsed(), statusCode, error };
    } catch (failure) {
      const { message, statusCode } = failure as PmsError;
      return { endpoint, healthy: false, responseTimeMs: elapsed(), statusCode, error: message };
    }
  }

  private callOf(operation: PmsOperation): PmsCall {
    return { pmsType: this.pmsType, officeId: this.officeId, operation };
  }
}
