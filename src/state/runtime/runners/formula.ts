import { toRows, type ColumnInfo } from '../../../engine';
import { quoteIdent } from '../../../sql';
import {
  baseTableName,
  cellValue,
  createTableAsSql,
  evaluateFormulaCell,
  fromScalar,
  gridViewName,
  hasFormulaColumns,
  isCellBlock,
  isFormulaCell,
  isRelationBlock,
  pivotSql,
  planFormulaColumns,
  toScalar,
  type CellBlock,
  type CellValue,
  type CompiledColumn,
  type PivotBlock,
  type RunSql,
  sheetReader,
  type SheetData,
  type SheetReader,
  type SheetWorld,
  type TableBlock,
  type SqlBlock,
} from '../../../workbook';
import type { Scalar } from '../../../workbook/formula';
import type { RunContext } from '../context';

/** Runs SQL for formulas, cancellable with the block's run. */
export function sqlRunner(ctx: RunContext): RunSql {
  return async (sql) => toRows(await ctx.engine.query(sql, {}, { signal: ctx.signal }));
}

/** A cell's value as formulas and SQL read it: a formula cell's result, or its typed value. */
export function currentCellValue(b: CellBlock, result: CellValue | undefined): CellValue {
  return isFormulaCell(b) ? (result ?? { type: 'empty', value: null }) : cellValue(b);
}

/** The workbook as formulas see it: cells by name, table-like blocks by name. */
export function formulaWorld(ctx: RunContext): SheetWorld {
  const doc = ctx.doc();
  const byName = new Map(doc.blocks.map((b) => [b.name.toLowerCase(), b] as const));
  const readers = new Map<string, { values: ReadonlyMap<string, Scalar>; data: SheetData | undefined; reader: SheetReader }>();
  return {
    cell: (name) => {
      const b = byName.get(name.toLowerCase());
      return b && isCellBlock(b) ? toScalar(currentCellValue(b, ctx.runOf(b.id).value)) : undefined;
    },
    relation: (name) => {
      const b = byName.get(name.toLowerCase());
      if (!b || !isRelationBlock(b)) return undefined;
      const columns = ctx.runOf(b.id).columns;
      // A block with formula columns is a view: it has no rowid to order "the first match" by.
      return columns ? { from: quoteIdent(b.name), columns, ordered: !hasFormulaColumns(b) } : undefined;
    },
    names: () => doc.blocks.map((b) => b.name),
    sheet: (name) => {
      const b = byName.get(name.toLowerCase());
      if (b?.kind !== 'sheet') return undefined;
      const node = ctx.node(b.id);
      if (!node.sheetValues) return undefined;
      // One reader per computed sheet: each reference to it (Data!B5, 20,000 of them) asks again, and a reader measures the sheet.
      const known = readers.get(b.id);
      if (known && known.values === node.sheetValues && known.data === node.sheetData) return known.reader;
      const reader = sheetReader({ cells: b.cells, data: node.sheetData }, node.sheetValues);
      readers.set(b.id, { values: node.sheetValues, data: node.sheetData, reader });
      return reader;
    },
  };
}

/** A formula cell's value. */
export async function runFormulaCell(ctx: RunContext, b: CellBlock & { value: string }): Promise<CellValue> {
  return fromScalar(await evaluateFormulaCell(b.value, formulaWorld(ctx), sqlRunner(ctx)));
}

export interface FormulaColumnsResult {
  columns: CompiledColumn[];
  errorColumns: Record<string, string>;
  gridTable: string;
}

/** Makes the block's views: its name with the formula columns, and the grid's view with their errors. */
export async function applyFormulaColumns(ctx: RunContext, b: TableBlock | SqlBlock): Promise<FormulaColumnsResult> {
  const base = baseTableName(b.id);
  const world = formulaWorld(ctx);
  const plan = planFormulaColumns({
    id: b.id,
    name: b.name,
    base,
    baseColumns: await ctx.engine.catalog.describe(base),
    formulaColumns: b.formulaColumns ?? [],
    scope: { table: (n) => world.relation(n), name: (n) => world.cell(n), names: () => world.names() },
  });
  // The block's name may still be its table (formula columns just added): a view takes its place.
  await ctx.engine.catalog.drop(b.name, 'table');
  for (const statement of plan.statements) await ctx.engine.query(statement, {}, { signal: ctx.signal });
  return { columns: plan.columns, errorColumns: plan.errorColumns, gridTable: gridViewName(b.id) };
}

/** Builds a pivot's table; returns the SELECT it ran, for "Show SQL". */
export async function runPivot(ctx: RunContext, b: PivotBlock): Promise<{ sql: string; rows: number; columns: ColumnInfo[] }> {
  const source = ctx.doc().blocks.find((x) => x.id === b.source);
  if (!source || !isRelationBlock(source)) throw new Error('The block this pivot groups is gone.');
  const columns = ctx.runOf(source.id).columns;
  if (!columns) throw new Error(`${source.name} has no result yet.`);
  const world = formulaWorld(ctx);
  const sql = pivotSql(b, { name: source.name, columns }, { table: (n) => world.relation(n), name: (n) => world.cell(n), names: () => world.names() });
  const result = await ctx.engine.query(createTableAsSql(b.name, sql), {}, { signal: ctx.signal });
  return { sql, rows: Number(result.getChildAt(0)?.get(0) ?? 0), columns: await ctx.engine.catalog.describe(b.name) };
}
