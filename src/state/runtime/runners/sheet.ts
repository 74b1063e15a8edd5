import { Bool, Float64, makeData, makeVector, Table, tableToIPC, Utf8, type Vector } from 'apache-arrow';
import type { ColumnInfo } from '../../../engine';
import { INTERNAL_PREFIX, quoteIdent } from '../../../sql';
import { createTableAsSql, evaluateSheet, fromScalar, sheetTable, sheetTableSql, tableUpdates, typedValue, type SheetBlock, type SheetData, type SheetDataRef, type SheetTable } from '../../../workbook';
import { displayValue, isDate, isFormulaError, type Scalar } from '../../../workbook/formula';
import { BlockFailure } from '../../block-runs';
import { importWorkbookFile } from '../../xlsx/client';
import type { RunContext } from '../context';
import { formulaWorld, sqlRunner } from './formula';
import { sheetDataAfter } from './sheet-data';

/** How a sheet cell shows: its text, and what kind of value it is. */
export interface SheetCellView {
  text: string;
  kind: 'number' | 'text' | 'boolean' | 'date' | 'error' | 'empty';
  message?: string;
}

export interface SheetResult {
  values: Map<string, Scalar>;
  view: Record<string, SheetCellView>;
  columns: ColumnInfo[];
  rows: number;
}

/** Past this many rows a sheet's table goes to DuckDB as Arrow rather than as a VALUES list. */
const ARROW_ROWS = 2_000;

/** Evaluates a sheet and makes its used range the table SQL reads by the sheet's name. */
export async function runSheet(ctx: RunContext, b: SheetBlock): Promise<SheetResult> {
  const node = ctx.node(b.id);
  const data = await sheetDataOf(ctx, b);
  // A big sheet's cells just moved (sorted, a row inserted): the grid shows them before the run recomputes and makes its table again.
  if (data && data !== node.sheetTable?.data) await nextFrame();
  const values = await evaluateSheet(b.name, b.cells, formulaWorld(ctx), sqlRunner(ctx), undefined, data);
  const view: Record<string, SheetCellView> = {};
  for (const [key, v] of values) view[key] = cellView(v);
  const sheet = { cells: b.cells, data };
  // The shape is kept only while the table is known to hold the last values: a run stopped halfway forgets it.
  const shape = node.sheetTable;
  node.sheetTable = undefined;
  if (shape && shape.table === b.name && shape.data === data && node.sheetValues && (await updateInPlace(ctx, tableUpdates(sheet, node.sheetValues, values, shape)))) {
    // The table now holds these values, whether or not this run is stopped before it ends.
    node.sheetValues = values;
    node.sheetTable = shape;
    const { r0, r1 } = shape.bounds;
    return { values, view, columns: await ctx.engine.catalog.describe(b.name), rows: r1 - r0 };
  }
  const table = sheetTable(sheet, values);
  if (table && table.rows > ARROW_ROWS) await loadArrow(ctx, b, table);
  else await ctx.engine.query(createTableAsSql(b.name, sheetTableSql(table)), {}, { signal: ctx.signal });
  if (table && !ctx.signal.aborted) {
    node.sheetValues = values;
    node.sheetTable = { table: b.name, data, bounds: table.bounds, types: table.columns.map((c) => c.type), names: table.columns.map((c) => c.name) };
  }
  return { values, view, columns: await ctx.engine.catalog.describe(b.name), rows: table?.rows ?? 0 };
}

/** Resolves after the page has painted a frame (at once where there are no frames, as in tests). */
const nextFrame = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(resolve, 0)) : resolve()));

/** Runs an edit's UPDATEs on the sheet's table; false when there are none to run or one fails (the table is then made again). */
async function updateInPlace(ctx: RunContext, statements: string[] | undefined): Promise<boolean> {
  if (!statements) return false;
  try {
    for (const sql of statements) await ctx.engine.query(sql, {}, { signal: ctx.signal });
    return true;
  } catch {
    return false;
  }
}

/** How a stored cell's raw text shows (a big sheet's constants are not in the run's view). */
export const sheetCellView = (raw: string): SheetCellView => cellView(typedValue(raw));

export function cellView(v: Scalar): SheetCellView {
  const c = fromScalar(v);
  return { text: displayValue(v), kind: c.type, ...(c.type === 'error' ? { message: c.message } : {}) };
}

/**
 * A big sheet's stored cells after the operations its document logs: the runtime's copy (brought
 * up to those operations), else read again from the workbook file kept with the workbook (after a
 * reload) and the operations replayed, else a failure that says which file to drop.
 */
async function sheetDataOf(ctx: RunContext, b: SheetBlock): Promise<SheetData | undefined> {
  if (!b.data) return undefined;
  const node = ctx.node(b.id);
  if (node.sheetData) return (node.sheetData = replayed(node.sheetData, b));
  const { file: fileName, sheet, rows, cols } = b.data;
  node.file ??= await ctx.keptFile(b.id, fileName);
  const size = `${rows.toLocaleString('en-US')} rows × ${cols.toLocaleString('en-US')} columns`;
  if (!node.file)
    throw new BlockFailure({ kind: 'file', message: `This sheet's cells (${size}) stay in ${fileName}, which is not here (a link carries only the sheet's edits and formulas). Drop ${fileName} on the page to fill the sheet.` });
  let found: SheetData | undefined;
  try {
    found = (await importWorkbookFile(node.file, [])).sheets.find((s) => s.name === sheet)?.data;
  } catch (e) {
    throw new BlockFailure({ kind: 'file', message: `${fileName} could not be read again: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (!found) throw new BlockFailure({ kind: 'file', message: `${fileName} has no worksheet ${sheet} of ${size} any more. Drop the workbook this sheet came from.` });
  return (node.sheetData = replayed(found, b));
}

/** sheetDataAfter, its failure (a bug, or a document edited by hand) said on the block. */
function replayed(data: SheetData, b: SheetBlock): SheetData {
  const ref: SheetDataRef = b.data!;
  try {
    return sheetDataAfter(data, ref, b.name);
  } catch (e) {
    throw new BlockFailure({ kind: 'file', message: `The operations made on ${b.name} could not be replayed over ${ref.file}: ${e instanceof Error ? e.message : String(e)}. Undo the last one, or drop ${ref.file} again.` });
  }
}

/** Excel's serial day 0 (1899-12-30) in Unix milliseconds. */
const EPOCH_OFFSET_DAYS = 25_569;

/**
 * One column as an Arrow vector: numbers, booleans, text; dates as Unix milliseconds, typed back in
 * SQL. Built from typed arrays with makeData: Arrow's builders compile a null check with
 * `new Function`, which the page's CSP (no unsafe-eval) refuses.
 */
function vectorOf(c: SheetTable['columns'][number]): Vector {
  const n = c.data.length;
  const valid = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  const present = (v: Scalar, i: number) => {
    if (v === null || isFormulaError(v)) return (nulls++, false);
    valid[i >> 3]! |= 1 << (i & 7);
    return true;
  };
  switch (c.type) {
    case 'DOUBLE':
    case 'DATE':
    case 'TIMESTAMP': {
      const out = new Float64Array(n);
      c.data.forEach((v, i) => {
        if (!present(isDate(v) || typeof v === 'number' ? v : null, i)) return;
        out[i] = isDate(v) ? Math.round((v.serial - EPOCH_OFFSET_DAYS) * 86_400_000) : (v as number);
      });
      return makeVector(makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: valid, data: out }));
    }
    case 'BOOLEAN': {
      const bits = new Uint8Array((n + 7) >> 3);
      c.data.forEach((v, i) => {
        if (present(typeof v === 'boolean' ? v : null, i) && v) bits[i >> 3]! |= 1 << (i & 7);
      });
      return makeVector(makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: valid, data: bits }));
    }
    case 'VARCHAR': {
      const encoder = new TextEncoder();
      const parts: Uint8Array[] = [];
      const offsets = new Int32Array(n + 1);
      let size = 0;
      c.data.forEach((v, i) => {
        if (present(v, i)) {
          const bytes = encoder.encode(displayValue(v));
          parts.push(bytes);
          size += bytes.length;
        }
        offsets[i + 1] = size;
      });
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const p of parts) (bytes.set(p, at), (at += p.length));
      return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: valid, valueOffsets: offsets, data: bytes }));
    }
  }
}

let stagingSeq = 0;

/** A big sheet's table, handed to DuckDB as Arrow (SQL text of 2 million literals would take longer to parse than to compute). */
async function loadArrow(ctx: RunContext, b: SheetBlock, table: SheetTable): Promise<void> {
  // One staging table per load: a run stopped by the next one (a sort, then Redo) drops its own, not the next run's.
  const staging = `${INTERNAL_PREFIX}sheet_${b.id}_${++stagingSeq}`;
  const vectors: Record<string, Vector> = {};
  table.columns.forEach((c, i) => (vectors[`c${i}`] = vectorOf(c)));
  const bytes = tableToIPC(new Table(vectors), 'stream');
  const select = table.columns.map((c, i) => {
    const v = `c${i}`;
    const typed = c.type === 'DATE' ? `CAST(epoch_ms(CAST(${v} AS BIGINT)) AS DATE)` : c.type === 'TIMESTAMP' ? `epoch_ms(CAST(${v} AS BIGINT))` : v;
    return `${typed} AS ${quoteIdent(c.name)}`;
  });
  try {
    await ctx.engine.ingest({ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], `${staging}.arrow`) }, staging, { format: 'arrow', signal: ctx.signal });
    await ctx.engine.query(createTableAsSql(b.name, `SELECT ${select.join(', ')} FROM ${quoteIdent(staging)}`), {}, { signal: ctx.signal });
  } finally {
    await ctx.engine.catalog.drop(staging, 'table');
  }
}
