import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvError, explainCsvReason, reasonOf } from './csv-errors';

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

let dir: string;
let conn: DuckDBConnection;

/** The error real DuckDB gives reading `bytes` as CSV. */
async function duckdbError(name: string, bytes: Buffer | string, options = ''): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  try {
    await conn.run(`SELECT count(*) FROM read_csv('${path}'${options})`);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} was read`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellar-csv-errors-'));
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});

afterAll(() => {
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('csvError', () => {
  test('a Latin-1 file is said to be not UTF-8, and offers Latin-1 and a lenient read', async () => {
    const lines = readFileSync(SEATTLE_WEATHER, 'utf8').trim().split('\n');
    lines[5] = lines[5]!.replace(/,(\w+)$/, ',ensoleillé');
    const error = csvError(new Error(await duckdbError('latin.csv', Buffer.from(lines.join('\n'), 'latin1'))), 'latin.csv');
    expect(error.message).toMatch(/^latin\.csv, line 6: it is not UTF-8 text .* read it as Latin-1/);
    expect(error.context.line).toBe(6);
    expect(error.context.fixes?.map((f) => f.id)).toEqual(['read-as-latin-1', 'read-leniently']);
  });

  test('a line over DuckDB’s line size says how long, never quotes the line, and offers no lenient read', async () => {
    const message = await duckdbError('long.csv', `a,b\n1,2\n${'x,'.repeat(1024 * 1024)}y\n`);
    const error = csvError(new Error(message), 'long.csv');
    expect(error.message).toMatch(/^long\.csv, line \d+: this line is longer than the 2\.0 MB DuckDB reads as one line \(it had read 2\.1 MB of it\)/);
    expect(error.message.length).toBeLessThan(400);
    expect(error.context.fixes).toEqual([]);
  });

  test('a ragged line (as DuckDB stores it among its rejects) says how many fields it has against the lines before it', async () => {
    const path = join(dir, 'ragged.csv');
    writeFileSync(path, 'a,b,c\n1,2,3\n4,5\n');
    await conn.run(`SELECT count(*) FROM read_csv('${path}', delim = ',', ignore_errors = true, store_rejects = true)`);
    const rejects = await conn.runAndReadAll('SELECT error_message FROM reject_errors');
    const said = explainCsvReason(String(rejects.getRows()[0]?.[0]), {});
    expect(said.why).toMatch(/^this line has 2 fields where the lines before it have 3/);
    expect(said.fixes.map((f) => f.id)).toEqual(['read-leniently']);
  });

  test('once read leniently, lenient is not offered again', () => {
    const said = explainCsvReason('CSV Error on Line: 2\nOriginal Line: x\nExpected Number of Columns: 3 Found: 2\n', { lenient: true });
    expect(said.fixes).toEqual([]);
  });
});

describe('a late type change', () => {
  // DuckDB-WASM 1.4's words (native 1.5 samples further and reads this file whole).
  const WASM = [
    'Conversion Error: CSV Error on Line: 30002',
    'Original Line: 30000,n/a',
    'Error when converting column "amount". Could not convert string "n/a" to \'BIGINT\'',
    '',
    'Column amount is being converted as type BIGINT',
    'This type was auto-detected from the CSV file.',
    'Possible solutions:',
    "* Override the type for this column manually by setting the type explicitly, e.g., types={'amount': 'VARCHAR'}",
  ].join('\n');

  test('names the column, the value and the detected type, and offers the column as text', () => {
    const error = csvError(new Error(WASM), 'late.csv');
    expect(error.message).toMatch(/^late\.csv, line 30002: column amount holds "n\/a" here, but DuckDB read the rows before it as BIGINT/);
    expect(error.context.fixes?.map((f) => f.id)).toEqual(['read-as-text', 'read-leniently']);
    expect(error.context.fixes?.[0]?.options).toEqual({ textColumns: ['amount'] });
  });

  test('a column already read as text is not offered again', () => {
    expect(explainCsvReason(WASM, { textColumns: ['amount'] }).fixes.map((f) => f.id)).toEqual(['read-leniently']);
  });
});

describe('reasonOf', () => {
  test('takes the lines after the quoted line, up to the solutions', () => {
    expect(reasonOf('Invalid Input Error: CSV Error on Line: 2\nOriginal Line: a\nValue with unterminated quote found.\n\nPossible Solution: x\n  file = y')).toBe(
      'Value with unterminated quote found.',
    );
  });

  test('without a quoted line, takes the first line without its error type', () => {
    expect(reasonOf('Invalid Input Error: something odd\nmore')).toBe('something odd');
  });
});
