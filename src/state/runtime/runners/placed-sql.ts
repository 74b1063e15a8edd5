import { isEngineError, pullResult, pushTable, type QueryStats, type SqlParams } from '../../../engine';
import { blockStatement, findBlock, isRelationBlock, placeBlock, selectAllSql, type BlockId, type PlacedInput, type Placement, type SqlBlock } from '../../../workbook';
import { BlockFailure, toBlockError, type BlockRun } from '../../block-runs';
import type { RunContext, ServerSide } from '../context';

/** A server result with more rows than this stays on the server; the browser keeps its first rows. */
export const PULL_ROWS = 1_000_000;

/** Where a relation block's rows are, from its run (a block never run on the server is in the browser). */
function whereOf(ctx: RunContext, id: BlockId): NonNullable<BlockRun['where']> {
  const node = ctx.node(id);
  if (node.run.where) return node.run.where;
  return { browser: 'full', server: node.pushedRevision === node.run.revision };
}

/** The tables a SQL block reads, with where each is: its input blocks, and server tables it names. */
export function placedInputs(ctx: RunContext, b: SqlBlock): PlacedInput[] {
  const doc = ctx.doc();
  const inputs: PlacedInput[] = [];
  for (const id of ctx.graph().upstream.get(b.id) ?? []) {
    const input = findBlock(doc, id);
    if (!input || !isRelationBlock(input)) continue;
    const where = whereOf(ctx, id);
    inputs.push({ name: input.name, browser: where.browser, server: where.server, rows: where.serverRows ?? ctx.runOf(id).rows });
  }
  const blockNames = new Set(doc.blocks.map((x) => x.name.toLowerCase()));
  const serverTables = new Map(ctx.server.tables().map((t) => [t.name.toLowerCase(), t]));
  for (const name of ctx.node(b.id).parse?.analysis.tables ?? []) {
    const table = serverTables.get(name.toLowerCase());
    if (table && !blockNames.has(name.toLowerCase())) inputs.push({ name: table.name, browser: 'none', server: true, rows: table.rows ?? undefined });
  }
  return inputs;
}

/** Copies the inputs a placement moves: pushed as Parquet to the server, or pulled as Arrow to the browser. */
export async function moveInputs(ctx: RunContext, placement: Placement): Promise<void> {
  const { engine: local, signal } = ctx;
  const remote = ctx.server.remote();
  if (!remote) return;
  const byName = new Map(ctx.doc().blocks.map((x) => [x.name, x]));
  for (const name of placement.push) {
    await pushTable(local, remote, name, { replace: true, signal });
    const block = byName.get(name);
    if (block) ctx.node(block.id).pushedRevision = ctx.runOf(block.id).revision;
  }
  for (const name of placement.pull) {
    await pullResult(remote, local, selectAllSql(name), name, { replace: true, signal });
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
export async function runOnServer(ctx: RunContext, b: SqlBlock, target: string, params: SqlParams): Promise<ServerRun | undefined> {
  const remote = ctx.server.remote()!;
  const { signal } = ctx;
  const stats: QueryStats[] = [];
  const onStats = (s: QueryStats) => stats.push(s);
  const statement = blockStatement(b.name, b.sql);
  const result = await remote.query(statement.sql, params, { signal, onStats });
  if (!statement.materializes) return undefined;
  const rows = Number(result.getChildAt(0)?.get(0) ?? 0);
  const pulled = await pullResult(remote, ctx.engine, selectAllSql(b.name, rows > PULL_ROWS ? PULL_ROWS : undefined), target, { replace: true, signal, onStats });
  return { rows, local: pulled.rows, stats };
}

/** Places a block, in words when it cannot run where it asks. */
export function place(ctx: RunContext, b: SqlBlock): Placement {
  try {
    return placeBlock(b.runOn ?? 'auto', placedInputs(ctx, b), ctx.server.remote() !== undefined);
  } catch (e) {
    throw new BlockFailure({ kind: 'sql', message: (e as Error).message });
  }
}

/** A server that cannot be reached says so on the block, and the server connection starts retrying. */
export function serverFailure(server: ServerSide, e: unknown): unknown {
  if (isEngineError(e) && e.kind === 'unreachable') {
    server.reportUnreachable(e.message);
    const said = e.message.replace(/\.?$/, '.');
    return new BlockFailure({ ...toBlockError(e), message: `Server unreachable: ${said} It runs again when the server answers.` });
  }
  return e;
}
