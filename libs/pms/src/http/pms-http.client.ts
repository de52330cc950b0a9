import axios, { AxiosInstance, CreateAxiosDefaults } from 'axios';
import http from 'node:http';
import https from 'node:https';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Where one office's PMS answers, from its connection settings. */
export interface PmsEndpoint {
  readonly baseUrl: string;
  readonly timeoutMs?: number;
}

/** What a vendor sends with every request: basic auth, API keys, account headers. */
export type VendorDefaults = Pick<CreateAxiosDefaults, 'auth' | 'headers'>;

/** An axios instance for one office's PMS, with its own keep-alive pool (see closePmsHttp). */
export function createPmsHttp(endpoint: PmsEndpoint, vendor: VendorDefaults = {}): AxiosInstance {
  return axios.create({
    ...vendor,
    baseURL: endpoint.baseUrl,
    timeout: endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
    // A followed redirect would hand the credentials or the bearer token to wherever it points.
    maxRedirects: 0,
  });
}

/** Releases the pooled connections of an instance made by createPmsHttp. */
export function closePmsHttp(instance: AxiosInstance): void {
  (instance.defaults.httpAgent as http.Agent).destroy();
  (instance.defaults.httpsAgent as https.Agent).destroy();
}
