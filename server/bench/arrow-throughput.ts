/**
 * How long 1M rows × 7 flights-like columns take to come back from the server as Arrow.
 * `npx tsx server/bench/arrow-throughput.ts [reps]` — starts a real server on a temp folder,
 * loads flights-3m.parquet, derives the table, then times `SELECT * FROM flights_1m`.
 */
import { tableFromIPC } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
import { request } from 'node:http';
import { splitQueryBody } from '../../protocol/index.js';
import { dataset, removeDir, startServer, tempDataDir, type TestServer } from '../test/harness.js';

interface Sample {
  serverMs: number;
  clientMs: number;
  decodeMs: number;
  bytes: number;
  rows: number;
}

/** One query over node:http, which (unlike fetch) exposes the trailers of a streamed answer. */
function timedQuery(server: TestServer, sql: string): Promise<Sample> {
  const { hostname, port } = new URL(server.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: 'POST', path: '/api/query', headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const clientMs = performance.now() - started;
        const body = Buffer.concat(parts);
        const { arrow, error } = splitQueryBody(body);
        if (error || res.statusCode !== 200) return reject(new Error(error?.message ?? body.toString()));
        const t0 = performance.now();
        const table = tableFromIPC(arrow);
        const decodeMs = performance.now() - t0;
        const serverMs = Number(res.trailers['x-cellar-ms'] ?? res.headers['x-cellar-ms']);
        resolve({ serverMs, clientMs, decodeMs, bytes: body.length, rows: table.numRows });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ sql }));
  });
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 5);
  const dir = await tempDataDir();
  const server = await startServer(dir);
  try {
    const up = await server.fetch('/api/tables/flights_3m?format=parquet', { method: 'PUT', body: await openAsBlob(dataset('flights-3m.parquet')) });
    if (!up.ok) throw new Error(await up.text());
    await server.query(`CREATE TABLE flights_1m AS
      SELECT date::DATE AS day, date AS at, delay::INTEGER AS delay, distance::INTEGER AS distance,
             delay / 60.0 AS delay_hours, origin, destination
      FROM flights_3m LIMIT 1000000`);
    const schema = (await server.query('SELECT * FROM flights_1m LIMIT 0')).schema.fields.map((f) => `${f.name}:${f.metadata.get('duckdb_type')}`);
    console.log(`table flights_1m: 1,000,000 rows × ${schema.length} columns (${schema.join(', ')})`);
    const samples: Sample[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const s = await timedQuery(server, 'SELECT * FROM flights_1m');
      if (i > 0) samples.push(s); // the first run warms up the JIT and DuckDB's buffers
      console.log(
        `${i === 0 ? 'warm-up' : `run ${i}`}: server ${s.serverMs} ms, request to last byte ${s.clientMs.toFixed(0)} ms, ` +
          `decode ${s.decodeMs.toFixed(0)} ms, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.rows} rows`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `median of ${reps}: server ${median(samples.map((s) => s.serverMs))} ms, request to last byte ${median(samples.map((s) => s.clientMs)).toFixed(0)} ms`,
    );
  } finally {
    await server.stop();
    await removeDir(dir);
  }
}

await main();
