import { describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import { normalizeUrl } from './client';
import { bareStatusError, fromServerError, parseErrorBody, unreachable } from './errors';
import { toServerParams } from './params';
import { exportSelectList, retypeStatements, travelsNatively } from './push-types';

const URL_ = 'http://127.0.0.1:4180';

describe('server errors become EngineErrors', () => {
  test("an sql error keeps DuckDB's message and finds its position", () => {
    const sql = 'SELECT *\nFROM nowhere';
    const message = 'Catalog Error: Table with name nowhere does not exist!\n\nLINE 2: FROM nowhere\n             ^';
    const error = fromServerError({ kind: 'sql', message }, { url: URL_, purpose: 'query', sql });
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe('sql');
    expect(error.message).toBe(message);
    expect(error.context).toMatchObject({ sql, position: sql.indexOf('nowhere') });
  });

  test.each([
    ['cancelled', 'query', 'cancelled'],
    ['out-of-memory', 'query', 'memory'],
    ['timeout', 'query', 'sql'],
    ['too-large', 'query', 'sql'],
    ['forbidden', 'query', 'sql'],
    ['bad-request', 'query', 'sql'],
    ['bad-request', 'upload', 'file'],
    ['too-large', 'upload', 'file'],
    ['conflict', 'upload', 'file'],
    ['auth', 'query', 'network'],
    ['internal', 'query', 'internal'],
    ['some-future-kind', 'query', 'internal'],
  ] as const)('%s on a %s is %s', (kind, purpose, expected) => {
    expect(fromServerError({ kind, message: 'm' }, { url: URL_, purpose }).kind).toBe(expected);
  });

  test("an upload's error names the file; a refused token names the server", () => {
    expect(fromServerError({ kind: 'bad-request', message: 'CSV Error on Line: 3' }, { url: URL_, purpose: 'upload', file: 'a.csv' }).message).toBe(
      'a.csv: CSV Error on Line: 3',
    );
    expect(fromServerError({ kind: 'auth', message: 'A valid token is needed' }, { url: URL_, purpose: 'query' }).message).toBe(
      `The server at ${URL_} refused the token: A valid token is needed`,
    );
  });

  test('reads an error body, and nothing else as one', () => {
    expect(parseErrorBody('{"error":{"kind":"sql","message":"x"}}')).toEqual({ kind: 'sql', message: 'x' });
    expect(parseErrorBody('<html>502</html>')).toBeNull();
    expect(parseErrorBody('{"error":"x"}')).toBeNull();
    expect(parseErrorBody('null')).toBeNull();
  });

  test('a gateway error is unreachable; another bare status is not a Cellar server', () => {
    expect(bareStatusError(504, 'Gateway Timeout', { url: URL_, purpose: 'query' }).kind).toBe('unreachable');
    expect(bareStatusError(404, 'Not Found', { url: URL_, purpose: 'query' }).kind).toBe('network');
  });

  test("unreachable uses fetch's cause when it has one", () => {
    const e = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4180') });
    expect(unreachable(URL_, e).message).toBe(`The server at ${URL_} is unreachable: connect ECONNREFUSED 127.0.0.1:4180`);
    expect(unreachable(URL_, new TypeError('Failed to fetch')).message).toBe(`The server at ${URL_} is unreachable: Failed to fetch`);
  });
});

describe('normalizeUrl', () => {
  test('drops trailing slashes and keeps a path prefix', () => {
    expect(normalizeUrl('http://127.0.0.1:4180/')).toBe(URL_);
    expect(normalizeUrl(' https://example.com/cellar// ')).toBe('https://example.com/cellar');
  });

  test('refuses what is not an http(s) address', () => {
    expect(() => normalizeUrl('localhost:4180')).toThrow(/must start with http/);
    expect(() => normalizeUrl('not a url')).toThrow(/is not a server address/);
  });
});

describe('toServerParams', () => {
  test('passes JSON values through and turns bigints into numbers or, when too large, digits', () => {
    const params = toServerParams({ s: 'x', n: 1, f: 1.5, b: true, z: null, d: { date: '2024-02-29' }, big: 2n ** 40n, huge: 2n ** 70n }, 'SELECT 1');
    expect(params).toEqual({ s: 'x', n: 1, f: 1.5, b: true, z: null, d: { date: '2024-02-29' }, big: 2 ** 40, huge: (2n ** 70n).toString() });
  });

  test('refuses NaN and Infinity, which JSON cannot carry', () => {
    expect(() => toServerParams({ x: Number.NaN }, 'SELECT $x')).toThrow('$x is NaN, which cannot be sent to the server.');
  });
});

describe('push types', () => {
  test.each([
    'INTEGER',
    'DECIMAL(10,2)',
    'TIMESTAMP WITH TIME ZONE',
    'INTEGER[]',
    'DOUBLE[3]',
    'STRUCT(a INTEGER, b VARCHAR)',
    'STRUCT("odd, name" INTEGER, "x" STRUCT(y DECIMAL(18,3))[])',
    'MAP(VARCHAR, BIGINT)',
    'UUID',
    'HUGEINT',
  ])(
    '%s goes to Parquet as it is',
    (type) => expect(travelsNatively(type)).toBe(true),
  );

  test.each([
    'INTERVAL',
    "ENUM('a', 'b')",
    'UNION(num INTEGER, str VARCHAR)',
    'BIT',
    'TIME WITH TIME ZONE',
    'INTERVAL[]',
    'STRUCT(a INTEGER, b INTERVAL)',
    'MAP(VARCHAR, UNION(a INTEGER))',
    'VARINT',
  ])(
    '%s goes as text',
    (type) => expect(travelsNatively(type)).toBe(false),
  );

  test('the export casts what cannot travel, and the server casts it back', () => {
    const local = [
      { name: 'id', type: 'INTEGER' },
      { name: 'span', type: 'INTERVAL' },
      { name: 'big', type: 'HUGEINT' },
    ];
    expect(exportSelectList(local)).toBe('"id", CAST("span" AS VARCHAR) AS "span", "big"');
    const arrived = [
      { name: 'id', type: 'INTEGER' },
      { name: 'span', type: 'VARCHAR' },
      { name: 'big', type: 'DECIMAL(38,0)' },
    ];
    expect(retypeStatements('t', local, arrived)).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "span" TYPE INTERVAL',
      'ALTER TABLE "t" ALTER COLUMN "big" TYPE HUGEINT',
    ]);
  });
});
