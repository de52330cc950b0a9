import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOfficesFile } from './offices-file';

describe('the offices file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pms-hub-offices-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: string) => {
    const path = join(dir, `${Math.random()}.json`);
    writeFileSync(path, content);
    return path;
  };
  const dentrix = {
    pmsType: 'dentrix',
    baseUrl: 'http://pms',
    username: 'u',
    password: 'hunter2-secret',
    database: 'd',
    apiKey: 'k',
  };

  it('reads offices of every PMS, with their time zones', () => {
    const offices = readOfficesFile(
      file(
        JSON.stringify([
          { officeId: 'a', timeZone: 'America/New_York', connection: dentrix },
          {
            officeId: 'b',
            connection: {
              pmsType: 'eaglesoft',
              baseUrl: 'http://e',
              username: 'u',
              password: 'p',
              database: 'd',
              clientId: 'c',
              clientSecret: 's',
            },
          },
          {
            officeId: 'c',
            connection: {
              pmsType: 'carestack',
              baseUrl: 'http://c',
              username: 'u',
              password: 'p',
              vendorKey: 'v',
              accountKey: 'a',
              accountId: '1',
            },
          },
          { officeId: 'd', connection: { pmsType: 'dummy' } },
        ]),
      ),
    );
    expect(offices.map((o) => [o.officeId, o.connection.pmsType, o.timeZone])).toEqual([
      ['a', 'dentrix', 'America/New_York'],
      ['b', 'eaglesoft', undefined],
      ['c', 'carestack', undefined],
      ['d', 'dummy', undefined],
    ]);
  });

  it.each([
    ['{"officeId": "a", "password": "hunter2-secret"', /is missing or not valid JSON$/],
    ['{}', /must hold a JSON array/],
    ['[{"connection": {}}]', /entry 0: officeId must be/],
    [
      '[{"officeId": "a", "connection": {"pmsType": "opendental"}}]',
      /pmsType must be one of dentrix, eaglesoft, carestack, dummy/,
    ],
    [
      JSON.stringify([{ officeId: 'a', connection: { ...dentrix, apiKey: undefined } }]),
      /\(a\): connection.apiKey is missing/,
    ],
    [
      JSON.stringify([{ officeId: 'a', timeZone: 'Mars/Olympus', connection: dentrix }]),
      /timeZone must be an IANA zone/,
    ],
    [
      JSON.stringify([
        { officeId: 'a', connection: dentrix },
        { officeId: 'a', connection: dentrix },
      ]),
      /entry 1: office a is listed twice/,
    ],
    [
      JSON.stringify([
        { officeId: 'a', connection: { ...dentrix, baseUrl: 'http://u:hunter2-secret@pms' } },
      ]),
      /baseUrl must not hold credentials/,
    ],
  ])('refuses %s, naming the problem and no secret', (content, message) => {
    let error: Error | undefined;
    try {
      readOfficesFile(file(content));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('hunter2');
  });
});
