import { AxiosError, AxiosResponse } from 'axios';
import { classifyHttpError, parseRetryAfter } from './http-error.classifier';
import { PmsErrorKind } from './pms-adapter.port';
import { MalformedResponseError } from './vendor-response.reader';

// Codes that real sockets cannot produce on demand in a test; the HTTP contract test covers the rest.
const read = {
  pmsType: 'dentrix' as const,
  officeId: 'o-1',
  operation: 'listProviders',
  write: false,
};
const write = { ...read, operation: 'bookAppointment', write: true };

const withStatus = (status: number, headers: Record<string, string> = {}) =>
  new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, {
    status,
    headers,
  } as unknown as AxiosResponse);

describe('classifyHttpError', () => {
  it.each<[string, unknown, PmsErrorKind]>([
    ['403', withStatus(403), 'auth'],
    ['422', withStatus(422), 'invalid'],
    ['408', withStatus(408), 'invalid'],
    ['429', withStatus(429), 'invalid'],
    ['500', withStatus(500), 'unknown-outcome'],
    ['ETIMEDOUT', new AxiosError('timeout', 'ETIMEDOUT'), 'unknown-outcome'],
    ['ECONNABORTED', new AxiosError('timeout', 'ECONNABORTED'), 'unknown-outcome'],
    ['ENOTFOUND', new AxiosError('dns', 'ENOTFOUND'), 'unreachable'],
    ['EAI_AGAIN', new AxiosError('dns', 'EAI_AGAIN'), 'unreachable'],
    ['an error without code', new AxiosError('odd'), 'unknown-outcome'],
    ['a non-HTTP error', new TypeError('boom'), 'unknown-outcome'],
  ])('classifies %s', (_label, error, kind) => {
    expect(classifyHttpError(error, read).kind).toBe(kind);
  });

  it('treats an unreadable answer as invalid for a read, unknown outcome for a write', () => {
    const unreadable = new MalformedResponseError('missing ID');
    expect(classifyHttpError(unreadable, read).kind).toBe('invalid');
    expect(classifyHttpError(unreadable, write).kind).toBe('unknown-outcome');
  });

  it('never repeats the underlying error text', () => {
    const error = new AxiosError('connect to Basic c2VjcmV0 failed', 'ENOTFOUND');
    expect(classifyHttpError(error, read).message).toBe(
      'dentrix listProviders for office o-1: unreachable (ENOTFOUND)',
    );
  });

  it('keeps 408 and 429 apart from other refusals by their status, for reads and writes', () => {
    for (const call of [read, write]) {
      expect(classifyHttpError(withStatus(408), call)).toMatchObject({
        statusCode: 408,
        message: `dentrix ${call.operation} for office o-1: request timeout (408)`,
      });
      expect(classifyHttpError(withStatus(429), call)).toMatchObject({
        statusCode: 429,
        retryAfterMs: undefined,
        message: `dentrix ${call.operation} for office o-1: rate limited (429)`,
      });
    }
  });

  it("carries a 429's Retry-After in seconds as retryAfterMs", () => {
    const error = classifyHttpError(withStatus(429, { 'retry-after': '2' }), write);
    expect(error).toMatchObject({
      kind: 'invalid',
      statusCode: 429,
      retryAfterMs: 2000,
      message: 'dentrix bookAppointment for office o-1: rate limited (429, retry after 2000 ms)',
    });
  });

  it("carries a 429's Retry-After as an HTTP date, relative to now", () => {
    const now = Date.parse('2030-01-07T10:00:00Z');
    const error = withStatus(429, { 'retry-after': 'Mon, 07 Jan 2030 10:00:30 GMT' });
    expect(classifyHttpError(error, read, now).retryAfterMs).toBe(30_000);
  });

  it('ignores Retry-After on other statuses', () => {
    expect(classifyHttpError(withStatus(503, { 'retry-after': '2' }), read).retryAfterMs).toBe(
      undefined,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-07T10:00:00Z');
  it.each<[string, unknown, number | undefined]>([
    ['delay-seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['seconds with spaces', ' 3 ', 3000],
    ['an IMF-fixdate', 'Mon, 07 Jan 2030 10:01:00 GMT', 60_000],
    ['an RFC 850 date', 'Monday, 07-Jan-30 10:00:05 GMT', 5000],
    ['an asctime date', 'Mon Jan  7 10:00:10 2030', 10_000],
    ['a date already past', 'Mon, 07 Jan 2030 09:00:00 GMT', 0],
    ['a negative number', '-5', undefined],
    ['a fraction', '1.5', undefined],
    ['garbage', 'soon', undefined],
    ['no header', undefined, undefined],
    ['a list of values', ['1', '2'], undefined],
  ])('reads %s', (_label, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
