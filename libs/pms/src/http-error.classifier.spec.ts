import { AxiosError, AxiosResponse } from 'axios';
import { classifyHttpError } from './http-error.classifier';
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

const withStatus = (status: number) =>
  new AxiosError('failed', 'ERR_BAD_RESPONSE', undefined, undefined, { status } as AxiosResponse);

describe('classifyHttpError', () => {
  it.each<[string, unknown, PmsErrorKind]>([
    ['403', withStatus(403), 'auth'],
    ['422', withStatus(422), 'invalid'],
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
});
