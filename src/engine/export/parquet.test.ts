import * as pq from 'parquet-wasm/esm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNodeBrowserEngine, type NodeBrowserEngine } from '../testing/node-browser-engine';
import { initParquetWasm } from '../testing/parquet-node';
import { exportQuery } from './export';
import { createParquetEncoder } from './parquet-encoder';
import { memorySink } from './sink';

describe('parquet export', () => {
  let duck: NodeBrowserEngine;
  beforeAll(async () => {
    await initParquetWasm();
    duck = await createNodeBrowserEngine();
  });
  afterAll(() => duck?.close());

  /** The encoder in-process, with row groups small enough that a test makes several. */
  const inProcess = (rowGroupRows: number) => async (onChunk: (bytes: Uint8Array) => void) => createParquetEncoder(pq, onChunk, rowGroupRows);

  const exportParquet = async (sql: string, rowGroupRows = 50_000) => {
    const sink = memorySink();
    const rows = await exportQuery(duck.engine, sql, { format: 'parquet', sink, parquet: inProcess(rowGroupRows) });
    return { rows, bytes: sink.bytes() };
  };

  /** Reads the file back with parquet-wasm into DuckDB, as the app's Parquet reader does. */
  const readBack = async (bytes: Uint8Array, table: string) => {
    const file = pq.readParquet(bytes);
    // An empty table is made from the schema, as the app's reader does (ingest/parquet-worker.ts).
    const ipc = file.numBatches > 0 ? file.intoIPCStream() : pq.readSchema(bytes).intoIPCStream();
    await duck.engine.withConnection((conn) => conn.insertArrowFromIPCStream(ipc, { name: table, create: true }));
  };

  test('writes the same rows and types, row group by row group', async () => {
    const sql = `SELECT range AS id, 'name ' || range AS name, range / 7.0 AS ratio,
      DATE '2024-01-01' + (range % 365)::INTEGER AS day, CASE WHEN range % 10 = 0 THEN NULL ELSE range % 3 = 0 END AS flag
      FROM range(120000)`;
    const { rows, bytes } = await exportParquet(sql);
    expect(rows).toBe(120_000);
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 4))).toBe('PAR1');
    await readBack(bytes, 'back_rows');
    const [diff] = (await duck.engine.query(`SELECT (SELECT count(*) FROM back_rows) AS n,
      (SELECT count(*) FROM (SELECT * FROM (${sql}) EXCEPT ALL SELECT * FROM back_rows)) AS missing`)).toArray();
    expect(Number(diff.n)).toBe(120_000);
    expect(Number(diff.missing)).toBe(0);
    const groups = await parquetRowGroups(bytes);
    expect(groups).toEqual([50_000, 50_000, 20_000]);
  });

  test('an ENUM column is written as its labels (parquet-wasm rejected the dictionary: "Value at position 0 out of bounds")', async () => {
    const { bytes } = await exportParquet(`SELECT 'b'::ENUM('a', 'b') AS e, INTERVAL 2 DAY AS i`);
    await readBack(bytes, 'back_enum');
    expect((await duck.engine.query('SELECT e, i FROM back_enum')).toArray().map((r) => ({ ...r }))).toEqual([{ e: 'b', i: '2 days' }]);
  });

  test('an empty result is a valid file with the columns', async () => {
    const { rows, bytes } = await exportParquet('SELECT 1 AS a, $$x$$ AS b WHERE false');
    expect(rows).toBe(0);
    await readBack(bytes, 'back_empty');
    const columns = (await duck.engine.query('DESCRIBE back_empty')).toArray().map((r) => r.column_name);
    expect(columns).toEqual(['a', 'b']);
  });
});

/** Rows per row group, from the file's footer. */
async function parquetRowGroups(bytes: Uint8Array): Promise<number[]> {
  const file = await pq.ParquetFile.fromFile(new Blob([bytes as BlobPart]));
  const meta = file.metadata();
  return Array.from({ length: meta.numRowGroups() }, (_, g) => meta.rowGroup(g).numRows());
}
