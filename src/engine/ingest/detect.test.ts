import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EngineError } from '../errors';
import type { FileFormat } from '../types';
import { ACCEPTED_EXTENSIONS, checkMagic, formatFromName, looksBinary, utf16Order } from './detect';

const SEATTLE_WEATHER = decodeURIComponent(new URL('../../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url).pathname);

/** The first bytes of a file, as the ingest code reads them. */
const head = (bytes: Uint8Array) => bytes.subarray(0, 4096);
const text = (s: string) => new TextEncoder().encode(s);

/** The EngineError `fn` throws. */
function thrown(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

let csvBytes: Uint8Array;
let parquetBytes: Uint8Array;
let workDir: string;

beforeAll(async () => {
  csvBytes = new Uint8Array(readFileSync(SEATTLE_WEATHER));
  workDir = mkdtempSync(join(tmpdir(), 'cellar-detect-'));
  const parquetPath = join(workDir, 'weather.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`COPY (SELECT * FROM read_csv('${SEATTLE_WEATHER}')) TO '${parquetPath}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
  parquetBytes = new Uint8Array(readFileSync(parquetPath));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('formatFromName', () => {
  test.each<[string, FileFormat]>([
    ['weather.csv', 'csv'],
    ['notes.txt', 'csv'],
    ['weather.tsv', 'tsv'],
    ['weather.tab', 'tsv'],
    ['flights.parquet', 'parquet'],
    ['flights.pq', 'parquet'],
    ['rows.json', 'json'],
    ['rows.jsonl', 'json'],
    ['rows.ndjson', 'json'],
    ['table.arrow', 'arrow'],
    ['table.feather', 'arrow'],
    ['table.arrows', 'arrow'],
    ['table.ipc', 'arrow'],
  ])('reads %s as %s', (name, format) => {
    expect(formatFromName(name)).toBe(format);
  });

  test('ignores the case of the extension', () => {
    expect(formatFromName('WEATHER.CSV')).toBe('csv');
    expect(formatFromName('Flights.Parquet')).toBe('parquet');
  });

  test('looks only at the last extension', () => {
    expect(formatFromName('weather.2015.csv')).toBe('csv');
    expect(formatFromName('my.data.parquet')).toBe('parquet');
  });

  test('reads the extension of a URL path, ignoring its query string and fragment', () => {
    expect(formatFromName('https://example.com/data/flights.parquet?X-Amz-Signature=ab.cd&v=1.2')).toBe('parquet');
    expect(formatFromName('https://example.com/weather.csv#row=3.5')).toBe('csv');
    expect(formatFromName('https://example.com/weather.json?download=true#top')).toBe('json');
  });

  test('recognizes every extension the file picker accepts', () => {
    expect(ACCEPTED_EXTENSIONS).toEqual(expect.arrayContaining(['.csv', '.tsv', '.parquet', '.json', '.arrow']));
    for (const ext of ACCEPTED_EXTENSIONS) expect(() => formatFromName(`file${ext}`)).not.toThrow();
  });

  test('rejects an unsupported type with a file error naming the extension and what is supported', () => {
    const error = thrown(() => formatFromName('budget.docx'));
    expect(error.kind).toBe('file');
    expect(error.context.file).toBe('budget.docx');
    expect(error.message).toBe('budget.docx: unsupported file type .docx. Cellar reads CSV, TSV, Parquet, JSON and Arrow files, and Excel workbooks (.xlsx, .xlsm).');
  });

  test('rejects a compressed file by its outer extension', () => {
    expect(thrown(() => formatFromName('weather.csv.gz')).message).toContain('unsupported file type .gz.');
  });

  test('rejects a URL with an unsupported extension behind a query string', () => {
    const error = thrown(() => formatFromName('https://example.com/report.pdf?page=2.5'));
    expect(error.message).toContain('unsupported file type .pdf.');
  });

  test('rejects a name without an extension without inventing one', () => {
    expect(thrown(() => formatFromName('README')).message).toBe(
      'README: unsupported file type. Cellar reads CSV, TSV, Parquet, JSON and Arrow files, and Excel workbooks (.xlsx, .xlsm).',
    );
  });

  test('rejects a URL whose path has no extension without taking part of the host name for one', () => {
    const url = 'https://data.example.com/export';
    expect(thrown(() => formatFromName(url)).message).toBe(
      `${url}: unsupported file type. Cellar reads CSV, TSV, Parquet, JSON and Arrow files, and Excel workbooks (.xlsx, .xlsm).`,
    );
  });
});

describe('checkMagic', () => {
  test('accepts a real CSV file', () => {
    expect(() => checkMagic('weather.csv', 'csv', head(csvBytes), csvBytes.length)).not.toThrow();
    expect(() => checkMagic('weather.tsv', 'tsv', text('a\tb\r\n1\t2\r\n'), 12)).not.toThrow();
    expect(() => checkMagic('rows.json', 'json', text('[{"a": 1}]'), 10)).not.toThrow();
  });

  test('rejects an empty file, whatever its format', () => {
    for (const format of ['csv', 'tsv', 'json', 'parquet', 'arrow'] as const) {
      const error = thrown(() => checkMagic('empty', format, new Uint8Array(), 0));
      expect(error.kind).toBe('file');
      expect(error.message).toBe('empty is empty: there is nothing to read.');
      expect(error.context.file).toBe('empty');
    }
  });

  test('rejects a Parquet file named .csv as binary', () => {
    const error = thrown(() => checkMagic('weather.csv', 'csv', head(parquetBytes), parquetBytes.length));
    expect(error.kind).toBe('file');
    expect(error.message).toBe('weather.csv is not a valid CSV file: it looks binary, not text.');
  });

  test('rejects a gzipped CSV named .csv as binary', () => {
    const gz = new Uint8Array(gzipSync(csvBytes));
    expect(thrown(() => checkMagic('weather.csv', 'csv', head(gz), gz.length)).message).toContain('looks binary');
    expect(thrown(() => checkMagic('rows.json', 'json', head(gz), gz.length)).message).toContain('not a valid JSON file');
  });

  test('accepts a real Parquet file, which starts with PAR1', () => {
    expect([...parquetBytes.subarray(0, 4)]).toEqual([...text('PAR1')]);
    expect(() => checkMagic('weather.parquet', 'parquet', head(parquetBytes), parquetBytes.length)).not.toThrow();
  });

  test('rejects a CSV file named .parquet', () => {
    const error = thrown(() => checkMagic('weather.parquet', 'parquet', head(csvBytes), csvBytes.length));
    expect(error.message).toBe('weather.parquet is not a valid PARQUET file: it does not start with the Parquet marker PAR1.');
  });

  test('rejects a file cut off inside the PAR1 marker', () => {
    expect(() => checkMagic('cut.parquet', 'parquet', text('PAR'), 3)).toThrow(/Parquet marker PAR1/);
  });

  test('accepts an Arrow IPC file (ARROW1) and an Arrow IPC stream (0xFFFFFFFF continuation marker)', () => {
    const table = tableFromArrays({ n: Int32Array.from([1, 2, 3]), s: ['a', 'b', 'c'] });
    const file = tableToIPC(table, 'file');
    const stream = tableToIPC(table, 'stream');
    expect(new TextDecoder().decode(file.subarray(0, 6))).toBe('ARROW1');
    expect([...stream.subarray(0, 4)]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(() => checkMagic('t.arrow', 'arrow', head(file), file.length)).not.toThrow();
    expect(() => checkMagic('t.arrows', 'arrow', head(stream), stream.length)).not.toThrow();
  });

  test('rejects a Parquet or CSV file named .arrow', () => {
    for (const bytes of [parquetBytes, csvBytes]) {
      expect(thrown(() => checkMagic('t.arrow', 'arrow', head(bytes), bytes.length)).message).toBe(
        't.arrow is not a valid ARROW file: it is neither an Arrow IPC file nor an Arrow IPC stream.',
      );
    }
  });

  test('rejects a stream that has only part of the continuation marker', () => {
    expect(() => checkMagic('t.arrows', 'arrow', new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x10]), 5)).toThrow(EngineError);
  });
});

describe('looksBinary', () => {
  test('an empty head is not binary', () => {
    expect(looksBinary(new Uint8Array())).toBe(false);
  });

  test('UTF-8 text, with accents, a BOM, tabs and CRLF line ends, is text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...text('città\tprezzo\r\nZürich\t12,5 €\r\n')]);
    expect(looksBinary(bytes)).toBe(false);
    expect(looksBinary(head(csvBytes))).toBe(false);
  });

  test('a single NUL byte makes it binary', () => {
    expect(looksBinary(new Uint8Array([...text('a,b\n1,2\n'), 0]))).toBe(true);
  });

  test('UTF-16 text is binary (its ASCII characters carry NUL bytes)', () => {
    const utf16le = new Uint8Array([0xff, 0xfe, ...[...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(looksBinary(utf16le)).toBe(true);
  });

  test('more than 5% control characters make it binary; 5% or fewer do not', () => {
    const withControls = (n: number) => new Uint8Array(Array.from({ length: 100 }, (_, i) => (i < n ? 0x1b : 0x61)));
    expect(looksBinary(withControls(5))).toBe(false);
    expect(looksBinary(withControls(6))).toBe(true);
  });

  test('the whitespace controls (tab, newline, vertical tab, form feed, carriage return) do not count', () => {
    expect(looksBinary(new Uint8Array([9, 10, 11, 12, 13, 9, 10, 11, 12, 13]))).toBe(false);
  });

  test('real Parquet bytes are binary', () => {
    expect(looksBinary(head(parquetBytes))).toBe(true);
  });
});

describe('UTF-16 and blank text files', () => {
  const utf16 = (s: string, order: 'little' | 'big', bom = true) => {
    const units = [...s].flatMap((c) => (order === 'little' ? [c.charCodeAt(0), 0] : [0, c.charCodeAt(0)]));
    return new Uint8Array([...(bom ? (order === 'little' ? [0xff, 0xfe] : [0xfe, 0xff]) : []), ...units]);
  };

  test('UTF-16 is told by its byte order mark, or without one by the zero byte beside each ASCII character', () => {
    expect(utf16Order(utf16('a,b\n1,2\n', 'little'))).toBe('little');
    expect(utf16Order(utf16('a,b\n1,2\n', 'big'))).toBe('big');
    expect(utf16Order(utf16('a,b\n1,2\n', 'little', false))).toBe('little');
    expect(utf16Order(utf16('a,b\n1,2\n', 'big', false))).toBe('big');
    expect(utf16Order(head(csvBytes))).toBeUndefined();
    expect(utf16Order(head(parquetBytes))).toBeUndefined();
  });

  test('a UTF-16 CSV is said to be UTF-16 and offers to read it so; once asked for, it passes', () => {
    const bytes = utf16('a,b\n1,2\n', 'little');
    const error = thrown(() => checkMagic('wide.csv', 'csv', bytes, bytes.length));
    expect(error.message).toBe('wide.csv is UTF-16 text, not UTF-8: read it as UTF-16.');
    expect(error.context.fixes?.map((f) => f.id)).toEqual(['read-as-utf-16']);
    expect(() => checkMagic('wide.csv', 'csv', bytes, bytes.length, { encoding: 'utf-16' })).not.toThrow();
  });

  test('big-endian UTF-16 and UTF-16 JSON are refused in words, with nothing offered', () => {
    const big = utf16('a,b\n', 'big');
    expect(thrown(() => checkMagic('big.csv', 'csv', big, big.length, { encoding: 'utf-16' })).message).toBe(
      'big.csv is UTF-16 big-endian text, which Cellar cannot read: save it again as UTF-8.',
    );
    const json = utf16('[{"a": 1}]', 'little');
    const error = thrown(() => checkMagic('wide.json', 'json', json, json.length));
    expect(error.message).toBe('wide.json is UTF-16 text, which Cellar cannot read: save it again as UTF-8.');
    expect(error.context.fixes).toEqual([]);
  });

  test('a text file of only a byte order mark and blank lines is empty', () => {
    for (const bytes of [new Uint8Array([0xef, 0xbb, 0xbf]), text('\n\r\n  \n'), new Uint8Array([0xef, 0xbb, 0xbf, 10, 10])]) {
      expect(thrown(() => checkMagic('blank.csv', 'csv', bytes, bytes.length)).message).toBe('blank.csv is empty: there is nothing to read.');
    }
    expect(() => checkMagic('header.csv', 'csv', text('a,b\n'), 4)).not.toThrow();
  });
});
