import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { data } from './cellar';

/** One bad (or surprising) file and what the app must make of it. */
export interface Probe {
  /** The file name; its table is named after it (so unique within a batch). */
  name: string;
  bytes: Buffer;
  /**
   * `error`: the block fails with a message matching `says`; `ok`: the file is fine after all;
   * `either`: bytes changed where the format keeps no checksum, so the values may just differ.
   */
  expect: 'error' | 'ok' | 'either';
  says?: RegExp;
  /** The fixes the error offers (the buttons' test ids). */
  offers?: string[];
}

const text = (s: string) => Buffer.from(s, 'utf8');
const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** Copies `bytes` with the bytes at each fraction of its length inverted. */
function flip(bytes: Buffer, ...at: number[]): Buffer {
  const out = Buffer.from(bytes);
  for (const f of at) {
    const i = Math.min(out.length - 1, Math.floor(out.length * f));
    for (let k = i; k < Math.min(out.length, i + 16); k++) out[k] = out[k]! ^ 0xff;
  }
  return out;
}

/** Deterministic junk (an LCG), so a failure can be reproduced. */
function junk(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff;
  }
  return out;
}

/** Small Parquet files made by native DuckDB from seattle-weather.csv: many row groups, and none. */
export async function makeParquet(): Promise<{ weather: Buffer; empty: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'cellar-bad-files-'));
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const csv = data('seattle-weather.csv');
    await conn.run(`COPY (SELECT w.* FROM read_csv('${csv}') w, range(10)) TO '${dir}/w.parquet' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    await conn.run(`COPY (SELECT * FROM read_csv('${csv}') LIMIT 0) TO '${dir}/e.parquet' (FORMAT parquet)`);
    conn.closeSync();
    instance.closeSync();
    return { weather: readFileSync(`${dir}/w.parquet`), empty: readFileSync(`${dir}/e.parquet`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DAMAGED = /could not be read: the file is damaged/;

export function parquetProbes(weather: Buffer, empty: Buffer): Probe[] {
  const half = Math.floor(weather.length / 2);
  const head = Buffer.from(weather);
  head.fill(0x41, 4, 200); // the marker kept, the first page's header gone
  const footerLength = Buffer.from(weather);
  footerLength.writeUInt32LE(0x7fffffff, weather.length - 8);
  const footer = Buffer.from(weather);
  const footerStart = weather.length - 8 - weather.readUInt32LE(weather.length - 8);
  footer.fill(0xff, footerStart, footerStart + 64);
  const par = (body: Buffer) => Buffer.concat([text('PAR1'), body, Buffer.from([body.length & 0xff, 0, 0, 0]), text('PAR1')]);
  return [
    { name: 'pq-head-damaged.parquet', bytes: head, expect: 'error', says: DAMAGED },
    { name: 'pq-cut-middle.parquet', bytes: weather.subarray(0, half), expect: 'error', says: /cut short/ },
    { name: 'pq-cut-footer.parquet', bytes: weather.subarray(0, weather.length - 4), expect: 'error', says: /cut short/ },
    { name: 'pq-cut-to-marker.parquet', bytes: weather.subarray(0, 4), expect: 'error', says: /too short for Parquet/ },
    { name: 'pq-footer-length.parquet', bytes: footerLength, expect: 'error', says: /footer claims/ },
    { name: 'pq-footer-damaged.parquet', bytes: footer, expect: 'error', says: DAMAGED },
    { name: 'pq-flip-10.parquet', bytes: flip(weather, 0.1), expect: 'error', says: DAMAGED },
    { name: 'pq-flip-50.parquet', bytes: flip(weather, 0.5), expect: 'error', says: DAMAGED },
    { name: 'pq-flip-90.parquet', bytes: flip(weather, 0.9), expect: 'error', says: DAMAGED },
    { name: 'pq-flip-many.parquet', bytes: flip(weather, 0.05, 0.25, 0.45, 0.65, 0.85), expect: 'error', says: DAMAGED },
    { name: 'pq-junk-between-markers.parquet', bytes: par(junk(200)), expect: 'error', says: DAMAGED },
    { name: 'pq-zeros-between-markers.parquet', bytes: par(Buffer.alloc(200)), expect: 'error', says: DAMAGED },
    { name: 'pq-junk.parquet', bytes: junk(5000), expect: 'error', says: /not a valid PARQUET file/ },
    { name: 'pq-csv-inside.parquet', bytes: readFileSync(data('seattle-weather.csv')), expect: 'error', says: /not a valid PARQUET file/ },
    { name: 'pq-zero-bytes.parquet', bytes: Buffer.alloc(0), expect: 'error', says: /is empty/ },
    { name: 'pq-no-rows.parquet', bytes: empty, expect: 'ok' },
  ];
}

const ARROW_BAD = /could not be read as Arrow: the Arrow file is damaged/;

export function arrowProbes(): Probe[] {
  const flights = readFileSync(data('flights-200k.arrow'));
  return [
    { name: 'ar-cut-middle.arrow', bytes: flights.subarray(0, Math.floor(flights.length / 2)), expect: 'error', says: ARROW_BAD },
    { name: 'ar-cut-head.arrow', bytes: flights.subarray(0, 64), expect: 'error', says: ARROW_BAD },
    { name: 'ar-flip-10.arrow', bytes: flip(flights, 0.1), expect: 'either', says: ARROW_BAD },
    { name: 'ar-flip-head.arrow', bytes: flip(flights, 0.001), expect: 'either', says: ARROW_BAD },
    { name: 'ar-file-magic-junk.arrow', bytes: Buffer.concat([text('ARROW1\0\0'), junk(3000)]), expect: 'error', says: ARROW_BAD },
    { name: 'ar-stream-marker-junk.arrows', bytes: Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), junk(3000)]), expect: 'error', says: ARROW_BAD },
    { name: 'ar-junk.arrow', bytes: junk(3000, 11), expect: 'error', says: /not a valid ARROW file/ },
    { name: 'ar-zero-bytes.arrow', bytes: Buffer.alloc(0), expect: 'error', says: /is empty/ },
    { name: 'ar-csv-inside.feather', bytes: readFileSync(data('seattle-weather.csv')), expect: 'error', says: /not a valid ARROW file/ },
  ];
}

const weatherLines = () => readFileSync(data('seattle-weather.csv'), 'utf8').trim().split('\n');

/** seattle-weather.csv with an accented word in the weather column of every fifth line. */
function accented(encode: (s: string, i: number) => Buffer): Buffer {
  return Buffer.concat(weatherLines().map((l, i) => encode((i > 0 && i % 5 === 0 ? l.replace(/,(\w+)$/, ',ensoleillé') : l) + '\n', i)));
}

export function csvProbes(): Probe[] {
  const lines = weatherLines();
  const utf16 = (le: boolean) => {
    const body = Buffer.from(lines.join('\n') + '\n', 'utf16le');
    if (!le) body.swap16();
    return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
  };
  // 30,000 lines of numbers, then text in the same column: past what DuckDB's sniffer samples.
  const late = ['id,amount', ...Array.from({ length: 30_000 }, (_, i) => `${i},${i * 2}`), '30000,n/a', '30001,7'].join('\n') + '\n';
  const hugeField = Buffer.concat([text('a,b\n1,"'), Buffer.alloc(50 * 1024 * 1024, 0x78), text('"\n2,3\n')]);
  const longLine = text(`a,b\n1,2\n${'x,'.repeat(1024 * 1024)}y\n3,4\n`);
  const invalidUtf8 = Buffer.concat([text(lines.slice(0, 10).join('\n') + '\n2015-01-01,0,1,1,1,'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), text('\n')]);
  return [
    { name: 'csv-latin1.csv', bytes: accented((s) => latin1(s)), expect: 'error', says: /not UTF-8/, offers: ['read-as-latin-1', 'read-leniently'] },
    { name: 'csv-mixed-encodings.csv', bytes: accented((s, i) => (i % 2 ? latin1(s) : text(s))), expect: 'error', says: /not UTF-8/, offers: ['read-as-latin-1', 'read-leniently'] },
    { name: 'csv-invalid-utf8.csv', bytes: invalidUtf8, expect: 'error', says: /not UTF-8/, offers: ['read-as-latin-1', 'read-leniently'] },
    { name: 'tsv-latin1.tsv', bytes: latin1('name\tcity\nJosé\tMálaga\nRenée\tNîmes\n'), expect: 'error', says: /not UTF-8/, offers: ['read-as-latin-1', 'read-leniently'] },
    { name: 'csv-utf16le.csv', bytes: utf16(true), expect: 'error', says: /UTF-16/, offers: ['read-as-utf-16'] },
    { name: 'csv-utf16be.csv', bytes: utf16(false), expect: 'error', says: /UTF-16 big-endian.*save it again as UTF-8/, offers: [] },
    { name: 'csv-utf8-bom.csv', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(lines.join('\n'))]), expect: 'ok' },
    { name: 'csv-ragged.csv', bytes: text(`${lines.slice(0, 50).join('\n')}\n2015-01-01,1,2\n${lines.slice(50, 60).join('\n')}\n`), expect: 'error', says: /line 51/, offers: ['read-leniently'] },
    { name: 'csv-unclosed-quote.csv', bytes: text(`a,b\n1,"open\n2,3\n4,5\n`), expect: 'ok' },
    { name: 'csv-zero-bytes.csv', bytes: Buffer.alloc(0), expect: 'error', says: /is empty/ },
    { name: 'csv-only-bom.csv', bytes: Buffer.from([0xef, 0xbb, 0xbf]), expect: 'error', says: /is empty/, offers: [] },
    { name: 'csv-only-newlines.csv', bytes: text('\n\n\n'), expect: 'error', says: /is empty/, offers: [] },
    { name: 'csv-header-only.csv', bytes: text('a,b,c\n'), expect: 'ok' },
    { name: 'csv-junk.csv', bytes: junk(4000, 3), expect: 'error', says: /looks binary/ },
    { name: 'tsv-junk.tsv', bytes: junk(4000, 5), expect: 'error', says: /looks binary/ },
    { name: 'txt-junk.txt', bytes: junk(4000, 9), expect: 'error', says: /looks binary/ },
    { name: 'csv-png-inside.csv', bytes: readFileSync(data('7zip.png')), expect: 'error', says: /looks binary/ },
    { name: 'csv-nul-after-head.csv', bytes: Buffer.concat([text(lines.slice(0, 200).join('\n') + '\n'), Buffer.alloc(64), text('\n')]), expect: 'error', says: /csv-nul-after-head\.csv/ },
    { name: 'csv-parquet-inside.csv', bytes: Buffer.concat([text('PAR1'), junk(3000, 4)]), expect: 'error', says: /looks binary/ },
    { name: 'csv-json-inside.csv', bytes: readFileSync(data('cars.json')), expect: 'ok' },
    { name: 'tsv-csv-inside.tsv', bytes: readFileSync(data('seattle-weather.csv')), expect: 'ok' },
    { name: 'csv-field-50mb.csv', bytes: hugeField, expect: 'error', says: /longer than the 2\.0 MB DuckDB reads as one line/, offers: [] },
    { name: 'csv-line-2mb.csv', bytes: longLine, expect: 'error', says: /longer than the 2\.0 MB DuckDB reads as one line/, offers: [] },
    { name: 'csv-late-type-change.csv', bytes: text(late), expect: 'error', says: /column amount.*n\/a/, offers: ['read-as-text', 'read-leniently'] },
  ];
}

export function jsonProbes(): Probe[] {
  const deep = 100_000;
  return [
    { name: 'js-broken.json', bytes: text('[{"a": 1}, {"a": '), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-deep-array.json', bytes: text('['.repeat(deep) + ']'.repeat(deep)), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-deep-object.json', bytes: text('{"a":'.repeat(deep) + '1' + '}'.repeat(deep)), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-huge-string.json', bytes: text(`[{"s": "${'y'.repeat(20 * 1024 * 1024)}"}]`), expect: 'ok' },
    { name: 'js-scalar.json', bytes: text('42'), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-null.json', bytes: text('null'), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-empty-array.json', bytes: text('[]'), expect: 'error', says: /holds no columns/ },
    { name: 'js-zero-bytes.json', bytes: Buffer.alloc(0), expect: 'error', says: /is empty/ },
    { name: 'js-junk.json', bytes: junk(4000, 13), expect: 'error', says: /not a valid JSON file/ },
    { name: 'js-csv-inside.json', bytes: readFileSync(data('seattle-weather.csv')), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-bom.json', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text('[{"a": 1}, {"a": 2}]')]), expect: 'ok' },
    { name: 'js-latin1.json', bytes: latin1('[{"city": "Málaga"}]'), expect: 'error', says: /not UTF-8 text/ },
    { name: 'js-ndjson-bad-line.jsonl', bytes: text('{"a": 1}\n{"a": 2}\n{"a": \n{"a": 4}\n'), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
    { name: 'js-ndjson-cut.ndjson', bytes: text('{"a": 1}\n{"a": 2}\n{"a": 3'), expect: 'error', says: /could not be read as JSON: it (is not valid JSON|holds no)/ },
  ];
}
