import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import { EngineError } from '../errors';
import type { Engine, IngestResult, QueryOptions, SqlParams } from '../types';
import type { LocalSession } from './push';

/** What pullResult needs of the browser's engine (a LocalEngine has it all). */
export type PullTarget = LocalSession;

export interface PullOptions extends QueryOptions {
  params?: SqlParams;
  /** Replace a browser table of that name instead of refusing. */
  replace?: boolean;
}

/** Rows handed to DuckDB-WASM per insert, as the Arrow file reader does. */
const ROWS_PER_INSERT = 100_000;

/**
 * Runs SQL on the server and keeps its Arrow answer as a browser table. The rows are inserted
 * under a scratch name and renamed at the end, so a failure leaves the browser as it was.
 * Types arrive as the server's Arrow carries them (an INTERVAL as a STRUCT of its parts).
 */
export async function pullResult(remote: Engine, local: PullTarget, sql: string, table: string, options: PullOptions = {}): Promise<IngestResult> {
  const { params, replace, ...queryOptions } = options;
  if (!replace && (await local.catalog.kind(table))) throw new EngineError('sql', `A table named ${table} already exists in the browser.`);
  const result = await remote.query(sql, params, queryOptions);
  const scratch = `__cellar_pull_${Math.random().toString(36).slice(2, 10)}`;
  try {
    await insertArrow(local, scratch, result);
    if (replace) await local.catalog.drop(table);
    await local.catalog.rename(scratch, table);
  } catch (e) {
    await local.catalog.drop(scratch, 'table').catch(() => undefined);
    throw e;
  }
  return { table, rows: result.numRows, columns: await local.catalog.describe(table) };
}

/** Inserts a decoded Arrow table into a new DuckDB-WASM table, a bounded number of rows at a time. */
async function insertArrow(local: LocalSession, name: string, result: Table): Promise<void> {
  let created = false;
  const insert = (table: Table) =>
    local.withConnection((conn) => conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: !created })).then(() => {
      created = true;
    });
  let pending: RecordBatch[] = [];
  let rows = 0;
  for (const batch of result.batches) {
    pending.push(batch);
    rows += batch.numRows;
    if (rows >= ROWS_PER_INSERT) {
      await insert(new Table(pending));
      pending = [];
      rows = 0;
    }
  }
  if (pending.length > 0) await insert(new Table(pending));
  // An empty answer still has columns: the table is made from the schema alone.
  if (!created) await insert(new Table(result.schema));
}
