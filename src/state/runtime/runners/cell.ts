import { cellValue, distinctValuesSql, findBlock, isFormulaCell, type CellBlock, type PivotBlock, type SheetBlock } from '../../../workbook';
import { BlockFailure, sameColumns, toBlockError } from '../../block-runs';
import type { RunContext } from '../context';
import { runFormulaCell, runPivot } from './formula';
import { runSheet } from './sheet';

/** A cell: a formula's value, a typed value, or a dropdown's options from a column. */
export async function evaluateCell(ctx: RunContext, b: CellBlock): Promise<void> {
  const { signal } = ctx;
  if (isFormulaCell(b)) {
    const value = await runFormulaCell(ctx, b);
    if (!signal.aborted) ctx.patchRun(b.id, { value, options: undefined });
    return;
  }
  let options: string[] | undefined;
  if (b.control.type === 'dropdown' && 'from' in b.control) {
    const source = findBlock(ctx.doc(), b.control.from.block);
    if (!source) throw new BlockFailure({ kind: 'sql', message: 'The block this dropdown takes its options from is gone.' });
    const table = await ctx.engine.query(distinctValuesSql(source.name, b.control.from.column), {}, { signal }).catch((e: unknown) => {
      throw new BlockFailure(toBlockError(e));
    });
    options = table.toArray().map((r) => String(r.v));
  }
  if (!signal.aborted) ctx.patchRun(b.id, { value: cellValue(b), options });
}

/** A sheet: its cells computed, its used range the table SQL reads by its name. */
export async function evaluateSheetBlock(ctx: RunContext, b: SheetBlock): Promise<void> {
  const result = await runSheet(ctx, b).catch((e: unknown) => {
    throw new BlockFailure(toBlockError(e));
  });
  if (ctx.signal.aborted) return;
  ctx.node(b.id).sheetValues = result.values;
  ctx.patchRun(b.id, { sheet: result.view, rows: result.rows, columns: sameColumns(ctx.runOf(b.id).columns, result.columns), revision: ctx.runOf(b.id).revision + 1 });
}

/** A pivot: its source grouped into a table of its name. */
export async function buildPivot(ctx: RunContext, b: PivotBlock): Promise<void> {
  const result = await runPivot(ctx, b).catch((e: unknown) => {
    throw new BlockFailure({ ...toBlockError(e), kind: 'sql' });
  });
  if (!ctx.signal.aborted) ctx.patchRun(b.id, { sql: result.sql, rows: result.rows, columns: sameColumns(ctx.runOf(b.id).columns, result.columns), revision: ctx.runOf(b.id).revision + 1 });
}
