import { isEngineError, pullResult, pushTable, quoteIdent, type BrowserEngine, type QueryStats, type RemoteEngine, type SqlAnalysis, type SqlParams } from '../engine';
import { blockStatement, findBlock, isRelationBlock, placeBlock, type BlockId, type Graph, type PlacedInput, type Placement, type SqlBlock, type WorkbookDocument } from '../workbook';
import { BlockFailure, toBlockError, type BlockRun } from './block-runs';
import { useServer } from './server';

/** A server result with more rows than this stays on the server; the browser keeps its first rows. */
export const PULL_ROWS = 1_000_000;

/** What placing and running a SQL block on either side reads of the store. */
export interface PlacedSqlDeps {
  doc: WorkbookDocument;
  graph: Graph;
  analyses: ReadonlyMap<string, SqlAnalysis>;
  runOf(id: BlockId): BlockRun;
  patchRun(id: BlockId, patch: Partial<BlockRun>): void;
  local: BrowserEngine;
  remote: RemoteEngine | undefined;
  /** Blocks whose table the server has a copy of, at the revision it was pushed. */
  pushed: Map<BlockId, number>;
}

/** Where a relation block's rows are, from its run (a block never run on the server is in the browser). */
function whereOf(deps: PlacedSqlDeps, id: BlockId): BlockRun['where'] {
  const run = deps.runOf(id);
  if (run.where) return run.where;
  return { browser: 'full', server: deps.pushed.get(id) === run.revision };
}

/** The tables a SQL block reads, with where each is: its input blocks, and server tables it names. */
export function placedInputs(deps: PlacedSqlDeps, b: SqlBlock): PlacedInput[] {
  const inputs: PlacedInput[] = [];
  for (const id of deps.graph.upstream.get(b.id) ?? []) {
    const input = findBlock(deps.doc, id);
    if (!input || !isRelationBlock(input)) continue;
    const where = whereOf(deps, id)!;
    inputs.push({ name: input.name, browser: where.browser, server: where.server, rows: where.serverRows ?? deps.runOf(id).rows });
  }
  const blockNames = new Set(deps.doc.blocks.map((x) => x.name.toLowerCase()));
  const serverTables = new Map(useServer.getState().tables.map((t) => [t.name.toLowerCase(), t]));
  for (const name of deps.analyses.get(b.sql)?.tables ?? []) {
    const table = serverTables.get(name.toLowerCase());
    if (table && !blockNames.has(name.toLowerCase())) inputs.push({ name: table.name, browser: 'none', server: true, rows: table.rows ?? undefined });
  }
  return inputs;
}

/** Copies the inputs a placement moves: pushed as Parquet to the server, or pulled as Arrow to the browser. */
export async function moveInputs(deps: PlacedSqlDeps, placement: Placement, signal: AbortSignal): Promise<void> {
  const { local, remote } = deps;
  if (!remote) return;
  const byName = new Map(deps.doc.blocks.map((x) => [x.name, x]));
  for (const name of placement.push) {
    await pushTable(local, remote, name, { replace: true, signal });
    const block = byName.get(name);
    if (block) deps.pushed.set(block.id, deps.runOf(block.id).revision);
  }
  for (const name of placement.pull) {
    await pullResult(remote, local, `SELECT * FROM ${quoteIdent(name)}`, name, { replace: true, signal });
  }
}

/** What a run on the server brought back, for the block to show. */
export interface ServerRun {
  rows: number;
  /** Rows the browser holds (the first PULL_ROWS of a bigger result). */
  local: number;
  stats: QueryStats[];
}

/**
 * Runs a SQL block on the server: its result becomes a server table named after the block, and
 * the browser gets a copy (`target`) of it, whole up to PULL_ROWS rows.
 */
export async function runOnServer(deps: PlacedSqlDeps, b: SqlBlock, target: string, params: SqlParams, signal: AbortSignal): Promise<ServerRun | undefined> {
  const remote = deps.remote!;
  const stats: QueryStats[] = [];
  const onStats = (s: QueryStats) => stats.push(s);
  const statement = blockStatement(b.name, b.sql);
  const result = await remote.query(statement.sql, params, { signal, onStats });
  if (!statement.materializes) return undefined;
  const rows = Number(result.getChildAt(0)?.get(0) ?? 0);
  const limit = rows > PULL_ROWS ? ` LIMIT ${PULL_ROWS}` : '';
  const pulled = await pullResult(remote, deps.local, `SELECT * FROM ${quoteIdent(b.name)}${limit}`, target, { replace: true, signal, onStats });
  return { rows, local: pulled.rows, stats };
}

/** Places a block, in words when it cannot run where it asks. */
export function place(deps: PlacedSqlDeps, b: SqlBlock): Placement {
  try {
    return placeBlock(b.runOn ?? 'auto', placedInputs(deps, b), deps.remote !== undefined);
  } catch (e) {
    throw new BlockFailure({ kind: 'sql', message: (e as Error).message });
  }
}

/** A server that cannot be reached says so on the block, and the server store starts retrying. */
export function serverFailure(e: unknown): unknown {
  if (isEngineError(e) && e.kind === 'unreachable') {
    useServer.getState().reportUnreachable(e.message);
    const said = e.message.replace(/\.?$/, '.');
    return new BlockFailure({ ...toBlockError(e), message: `Server unreachable: ${said} It runs again when the server answers.` });
  }
  return e;
}
