import { AxiosError, AxiosResponse } from 'axios';
import {
  BearerTokenCache,
  IssuedToken,
  RequestAuth,
  TokenRequestError,
} from './bearer-token.cache';

const refused = () =>
  new AxiosError('refused', 'ERR_BAD_REQUEST', undefined, undefined, {
    status: 401,
  } as AxiosResponse);

/** A cache over a token endpoint that issues `token-1`, `token-2`, … living `lifetimeMs`. */
function cacheIssuing(lifetimeMs = 3_600_000) {
  let issued = 0;
  const fetchToken = jest.fn(async (): Promise<IssuedToken> => ({
    accessToken: `token-${++issued}`,
    expiresInMs: lifetimeMs,
  }));
  return { cache: new BearerTokenCache(fetchToken), fetchToken };
}

const authorization = (auth: RequestAuth) => auth.headers?.Authorization;

describe('BearerTokenCache', () => {
  afterEach(() => jest.restoreAllMocks());

  it('signs requests in; concurrent first callers share one token request', async () => {
    const { cache, fetchToken } = cacheIssuing();

    const sent = await Promise.all([1, 2, 3].map(() => cache.send(async (auth) => auth)));
    await cache.send(async (auth) => auth);

    expect(sent.map(authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes a tenth of the lifetime before expiry, at most a minute before', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    const short = cacheIssuing(2_000);
    const long = cacheIssuing(3_600_000);
    await short.cache.send(async () => undefined);
    await long.cache.send(async () => undefined);

    clock.mockReturnValue(start + 1_799);
    await short.cache.send(async () => undefined);
    clock.mockReturnValue(start + 3_540_000 - 1);
    await long.cache.send(async () => undefined);
    expect([short.fetchToken, long.fetchToken].map((f) => f.mock.calls.length)).toEqual([1, 1]);

    clock.mockReturnValue(start + 1_800);
    await short.cache.send(async () => undefined);
    clock.mockReturnValue(start + 3_540_000);
    await long.cache.send(async () => undefined);
    expect([short.fetchToken, long.fetchToken].map((f) => f.mock.calls.length)).toEqual([2, 2]);
  });

  it('after a 401, sends once more with a new token; a second 401 reaches the caller', async () => {
    const { cache } = cacheIssuing();
    const seen: unknown[] = [];

    const failure = cache.send(async (auth) => {
      seen.push(authorization(auth));
      throw refused();
    });

    await expect(failure).rejects.toBeInstanceOf(AxiosError);
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('keeps the token on any other failure', async () => {
    const { cache, fetchToken } = cacheIssuing();
    const boom = new Error('boom');

    await expect(cache.send(() => Promise.reject(boom))).rejects.toBe(boom);
    await cache.send(async () => undefined);

    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('reports a failed token request as TokenRequestError, and asks again next time', async () => {
    const down = new Error('ECONNREFUSED');
    const fetchToken = jest
      .fn<Promise<IssuedToken>, []>()
      .mockRejectedValueOnce(down)
      .mockResolvedValue({ accessToken: 'token-1', expiresInMs: 60_000 });
    const cache = new BearerTokenCache(fetchToken);
    const request = jest.fn(async (auth: RequestAuth) => authorization(auth));

    const failure = await cache.send(request).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TokenRequestError);
    expect((failure as TokenRequestError).failure).toBe(down);
    expect(request).not.toHaveBeenCalled();
    expect(await cache.send(request)).toBe('Bearer token-1');
  });
});
