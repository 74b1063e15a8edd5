import { baseTableName, gridViewName } from '../../../sql';
import { hasFormulaColumns, type Block, type SqlBlock, type TableBlock } from '../../../workbook';
import { sameColumns } from '../../block-runs';
import type { LocalEngine, RunContext } from '../context';
import { applyFormulaColumns } from './formula';

// A table or SQL block's rows live under its name; once it has formula columns they move to its
// base table, its name becomes a view with the formula columns, and the grid reads a view that
// adds their errors.

/** Where a block's own rows are: its name, or its base table once it has formula columns. */
export function dataTable(b: Block): string {
  return hasFormulaColumns(b) ? baseTableName(b.id) : b.name;
}

/**
 * Puts a block's rows where they belong now, without computing them again when only their place
 * changed (formula columns added or removed): true when they are there.
 */
export async function placeData(engine: LocalEngine, b: Block, reusable: boolean): Promise<boolean> {
  const target = dataTable(b);
  const other = target === b.name ? baseTableName(b.id) : b.name;
  if (!reusable) return false;
  if ((await engine.catalog.kind(target)) === 'table') return true;
  if ((await engine.catalog.kind(other)) !== 'table') return false;
  await engine.catalog.drop(target); // a view of the block's name, when formula columns were removed
  await engine.catalog.rename(other, target);
  if (target === b.name) await engine.catalog.drop(gridViewName(b.id));
  return true;
}

/** Before a table or SQL block's rows are placed: with formula columns, their relations come to exist. */
export function noteDerived(ctx: RunContext, b: TableBlock | SqlBlock): void {
  if (hasFormulaColumns(b)) ctx.node(b.id).derived = true;
}

/**
 * Clears the way for computing a block's rows into `target` (a view may hold the name). Only a
 * block whose formula-column relations may exist needs it: that saves every other run of a table
 * or SQL block three statements (each a round trip to DuckDB's worker).
 */
export async function clearTarget(ctx: RunContext, b: TableBlock | SqlBlock, target: string): Promise<void> {
  const node = ctx.node(b.id);
  if (target !== b.name || !node.derived) return;
  // Formula columns were removed: their views go, and the rows they read (not reused) too.
  await ctx.engine.catalog.drop(b.name, 'view');
  await ctx.engine.catalog.drop(gridViewName(b.id), 'view');
  await ctx.engine.catalog.drop(baseTableName(b.id), 'table');
  node.derived = false;
}

/**
 * After a table-like block's rows are in place: its formula columns' views (or none), its
 * columns as SQL reads them, and a new revision so views over it fetch again.
 */
export async function finishRelation(ctx: RunContext, b: TableBlock | SqlBlock, rows: number | undefined): Promise<void> {
  const { engine, signal } = ctx;
  if (hasFormulaColumns(b)) {
    const applied = await applyFormulaColumns(ctx, b);
    const columns = sameColumns(ctx.runOf(b.id).columns, await engine.catalog.describe(b.name));
    if (!signal.aborted) {
      ctx.patchRun(b.id, { formulaColumns: applied.columns, errorColumns: applied.errorColumns, gridTable: applied.gridTable, columns, rows: rows ?? ctx.runOf(b.id).rows, revision: ctx.runOf(b.id).revision + 1 });
    }
    return;
  }
  const columns = sameColumns(ctx.runOf(b.id).columns, await engine.catalog.describe(b.name));
  if (!signal.aborted) ctx.patchRun(b.id, { columns, rows: rows ?? ctx.runOf(b.id).rows, revision: ctx.runOf(b.id).revision + 1, formulaColumns: undefined, errorColumns: undefined, gridTable: undefined });
}
