import { DateDay, Table, tableFromArrays, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TableInfo, UploadResponse } from '../../protocol/index.js';
import { dataset, rawRequest, removeDir, startServer, tempDataDir, type TestServer } from './harness.js';

let server: TestServer;
let small: TestServer;
let dir: string;
let smallDir: string;

beforeAll(async () => {
  [dir, smallDir] = await Promise.all([tempDataDir(), tempDataDir()]);
  [server, small] = await Promise.all([startServer(dir), startServer(smallDir, ['--max-upload', '100kB'])]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), small?.stop()]);
  await Promise.all([removeDir(dir), removeDir(smallDir)]);
});

/** Uploads a file from disk as a stream (never read whole into this process either). */
async function upload(target: TestServer, name: string, file: string | Blob, query = ''): Promise<Response> {
  const body = typeof file === 'string' ? await openAsBlob(file) : file;
  return target.fetch(`/api/tables/${name}${query}`, { method: 'PUT', body });
}

async function uploaded(res: Response): Promise<UploadResponse> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as UploadResponse;
}

const uploadsOf = (d: string) => readdir(path.join(d, 'uploads'));

describe('PUT /api/tables/:name', () => {
  it('makes a table from a CSV file, typed by DuckDB', async () => {
    const body = await uploaded(await upload(server, 'seattle_weather', dataset('seattle-weather.csv'), '?format=csv'));
    expect(body.table).toBe('seattle_weather');
    expect(body.rows).toBe(1461);
    expect(body.columns).toEqual([
      { name: 'date', type: 'DATE' },
      { name: 'precipitation', type: 'DOUBLE' },
      { name: 'temp_max', type: 'DOUBLE' },
      { name: 'temp_min', type: 'DOUBLE' },
      { name: 'wind', type: 'DOUBLE' },
      { name: 'weather', type: 'VARCHAR' },
    ]);
    const sunny = (await readFile(dataset('seattle-weather.csv'), 'utf8')).split('\n').filter((l) => l.endsWith(',sun')).length;
    const t = await server.query("SELECT count(*) AS n FROM seattle_weather WHERE weather = 'sun'");
    expect(t.get(0)?.n).toBe(BigInt(sunny));
  });

  it('makes a table from a Parquet file of 3 million rows', async () => {
    const body = await uploaded(await upload(server, 'flights-3m', dataset('flights-3m.parquet'), '?format=parquet'));
    expect(body.table).toBe('flights_3m'); // sanitised like a dropped file's name
    expect(body.rows).toBe(3_000_000);
    expect(body.columns.map((c) => c.name)).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
  });

  it('makes a table from an Arrow IPC file, values and types intact', async () => {
    const body = await uploaded(await upload(server, 'flights_200k', dataset('flights-200k.arrow'), '?format=arrow'));
    expect(body.rows).toBe(200_000);
    expect(body.columns).toEqual([
      { name: 'delay', type: 'SMALLINT' },
      { name: 'distance', type: 'SMALLINT' },
      { name: 'time', type: 'FLOAT' },
    ]);
    const source = tableFromIPC(await readFile(dataset('flights-200k.arrow')));
    let delay = 0;
    let distance = 0;
    for (const v of source.getChild('delay')!) delay += v ?? 0;
    for (const v of source.getChild('distance')!) distance += v ?? 0;
    const t = await server.query('SELECT sum(delay)::BIGINT AS delay, sum(distance)::BIGINT AS distance, count(time) AS times FROM flights_200k');
    expect(t.get(0)?.toJSON()).toEqual({ delay: BigInt(delay), distance: BigInt(distance), times: 200_000n });
  });

  it('reads the Arrow stream format too, with nulls, text, booleans, dates and timestamps', async () => {
    const n = 5000;
    const source = tableFromArrays({
      id: Int32Array.from({ length: n }, (_, i) => i),
      name: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : `name ${i} ${'x'.repeat(i % 20)}`)),
      flag: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0)),
      score: Float64Array.from({ length: n }, (_, i) => i / 4),
    });
    const extra = new Table({ day: vectorFromArray([new Date(Date.UTC(2024, 1, 29)), null], new DateDay()) });
    const body = await uploaded(await upload(server, 'from_stream', new Blob([tableToIPC(source, 'stream')]), '?format=arrow'));
    expect(body.rows).toBe(n);
    expect(body.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'score', type: 'DOUBLE' },
    ]);
    const t = await server.query('SELECT * FROM from_stream ORDER BY id');
    for (const i of [0, 1, 2, 3, 10, 2047, 2048, 2049, 4999]) {
      expect(t.get(i)?.toJSON(), `row ${i}`).toEqual(source.get(i)?.toJSON());
    }
    const days = await uploaded(await upload(server, 'days', new Blob([tableToIPC(extra, 'file')]), '?format=arrow'));
    expect(days.columns).toEqual([{ name: 'day', type: 'DATE' }]);
    const d = await server.query('SELECT day::VARCHAR AS day FROM days');
    expect(d.toArray().map((r) => r.day)).toEqual(['2024-02-29', null]);
  });

  it('makes tables from TSV and JSON', async () => {
    const tsv = (await readFile(dataset('seattle-weather.csv'), 'utf8')).replaceAll(',', '\t');
    expect((await uploaded(await upload(server, 'weather_tsv', new Blob([tsv]), '?format=tsv'))).rows).toBe(1461);
    const cars = await uploaded(await upload(server, 'cars', dataset('cars.json'), '?format=json'));
    expect(cars.rows).toBe(406);
    expect(cars.columns.find((c) => c.name === 'Horsepower')?.type).toBe('BIGINT');
  });

  it('lists tables with columns and row counts', async () => {
    const tables = (await (await server.fetch('/api/tables')).json()) as TableInfo[];
    const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
    expect(byName.flights_3m).toMatchObject({ kind: 'table', rows: 3_000_000 });
    expect(byName.seattle_weather?.columns[0]).toEqual({ name: 'date', type: 'DATE' });
  });

  it('replaces a table only when asked', async () => {
    const again = await upload(server, 'seattle_weather', dataset('seattle-weather.csv'), '?format=csv');
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.kind).toBe('conflict');
    const csv = 'a,b\n1,x\n2,y\n';
    expect((await uploaded(await upload(server, 'seattle_weather', new Blob([csv]), '?format=csv&replace=1'))).rows).toBe(2);
  });

  it('refuses a file DuckDB cannot read, changing nothing and leaving nothing behind', async () => {
    const res = await upload(server, 'broken', new Blob(['this is not parquet']), '?format=parquet');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.kind).toBe('bad-request');
    expect(error.message).not.toContain(dir); // the server's paths stay its own
    const arrow = await upload(server, 'broken', new Blob(['not arrow either']), '?format=arrow');
    expect(arrow.status).toBe(400);
    const tables = (await (await server.fetch('/api/tables')).json()) as TableInfo[];
    expect(tables.map((t) => t.name)).not.toContain('broken');
    expect(tables.some((t) => t.name.startsWith('__cellar'))).toBe(false);
    expect(await uploadsOf(dir)).toEqual([]);
  });

  it('skips the lines DuckDB cannot parse only when asked to read leniently', async () => {
    // The bad line comes after the lines DuckDB's sniffer samples.
    const csv = `a,b\n${'1,x\n'.repeat(30_000)}2,y,extra\n3,z\n`;
    const strict = await upload(server, 'ragged', new Blob([csv]), '?format=csv');
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as ErrorBody).error.message).toContain('Line: 30002');
    const lenient = await uploaded(await upload(server, 'ragged', new Blob([csv]), '?format=csv&lenient=1'));
    expect(lenient.rows).toBe(30_001);
    expect(lenient.columns).toEqual([
      { name: 'a', type: 'BIGINT' },
      { name: 'b', type: 'VARCHAR' },
    ]);
  });

  it('asks for a format it knows', async () => {
    const res = await upload(server, 'x', new Blob(['a\n1\n']), '?format=xlsx');
    expect(res.status).toBe(400);
  });

  it('drops a table', async () => {
    expect((await server.fetch('/api/tables/weather_tsv', { method: 'DELETE' })).status).toBe(200);
    expect((await server.fetch('/api/tables/weather_tsv', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('an upload cut off', () => {
  it('leaves no file and no table when the client goes away mid-body', async () => {
    const reply = await rawRequest(server, 'PUT', '/api/tables/cut_off?format=csv', {
      headers: { 'Content-Length': '1000000' },
      chunks: [Buffer.from('a,b\n1,2\n')],
      destroyAfterMs: 200,
    });
    expect(reply).toHaveProperty('error');
    for (let i = 0; i < 20 && (await uploadsOf(dir)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await uploadsOf(dir)).toEqual([]);
    const tables = (await (await server.fetch('/api/tables')).json()) as TableInfo[];
    expect(tables.map((t) => t.name)).not.toContain('cut_off');
  });
});

describe('upload size limit', () => {
  it('refuses a declared length over the limit at once, before the body arrives', async () => {
    const reply = await rawRequest(small, 'PUT', '/api/tables/big?format=csv', {
      headers: { 'Content-Length': String(10 * 1024 ** 3) },
      chunks: [Buffer.from('a,b\n')],
      end: false,
    });
    expect(reply).toMatchObject({ status: 413 });
    expect('body' in reply && (JSON.parse(reply.body) as ErrorBody).error.kind).toBe('too-large');
  });

  it('stops a streamed body at the limit, deletes what it wrote and makes no table', async () => {
    const row = Buffer.from('1,2,3,4,5,6,7,8,9,10\n');
    const chunks = Array.from({ length: 10_000 }, () => row); // 210 kB, sent without a length
    const reply = await rawRequest(small, 'PUT', '/api/tables/big?format=csv', { headers: { 'Transfer-Encoding': 'chunked' }, chunks });
    expect(reply).toMatchObject({ status: 413 });
    expect(await uploadsOf(smallDir)).toEqual([]);
    const tables = (await (await small.fetch('/api/tables')).json()) as TableInfo[];
    expect(tables).toEqual([]);
    expect((await uploaded(await upload(small, 'fits', new Blob(['a\n1\n']), '?format=csv'))).rows).toBe(1);
  });
});

describe('restart', () => {
  it('keeps tables and the admin token', async () => {
    const token = server.token;
    const before = (await (await server.fetch('/api/tables')).json()) as TableInfo[];
    await server.stop();
    const mode = (await import('node:fs')).statSync(path.join(dir, 'secrets', 'admin-token')).mode & 0o777;
    expect(mode).toBe(0o600);
    server = await startServer(dir);
    expect(server.token).toBe(token);
    const after = (await (await server.fetch('/api/tables')).json()) as TableInfo[];
    expect(after).toEqual(before);
    expect((await server.query('SELECT count(*) AS n FROM flights_3m')).get(0)?.n).toBe(3_000_000n);
  });
});
