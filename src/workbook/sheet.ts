import {
  evaluate,
  FormulaError,
  FormulaSyntaxError,
  isFormulaText,
  isRange,
  parseFormula,
  RangeValue,
  type FormulaNode,
  type Scalar,
} from './formula';
import { evaluateInRounds, scalarOf, TableCalls, type RunSql } from './formula-eval';
import { addressKey, evaluationOrder, parseAddress, rawOf, sheetExtent, storedReader, typedValue, type SheetCells, type SheetWorld } from './sheet-cells';
import { recordSpills, SpillPass } from './sheet-spill';
import type { SheetData } from './sheet-data';

export { addressKey, eachStored, parseAddress, typedValue, rawText, sheetExtent, sheetReader, type SheetCells, type SheetReader, type SheetWorld } from './sheet-cells';

/** A sheet's size: Excel's, A1:XFD1048576. Cells are stored sparse (or, for a big sheet, in SheetData). */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLS = 16_384;

/** The most cells one range may materialise for a formula (Data!A:J over 200,000 rows is 2 million). */
export const MAX_RANGE_CELLS = 10_000_000;

const parsedSheetFormulas = new Map<string, FormulaNode | FormulaSyntaxError>();

function parseSheetFormula(text: string): FormulaNode | FormulaSyntaxError {
  let node = parsedSheetFormulas.get(text);
  if (!node) {
    try {
      node = parseFormula(text, { sheet: true });
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      node = e;
    }
    if (parsedSheetFormulas.size > 20_000) parsedSheetFormulas.clear();
    parsedSheetFormulas.set(text, node);
  }
  return node;
}

/** How many times a sheet is evaluated again because an array spilled into cells read before it. */
const MAX_SPILL_PASSES = 3;

/**
 * Every cell's value. Formulas read other cells of the sheet (B2, B2:B20), other sheets
 * (`plan!A1`), named cells and tables; their table calls run in SQL, in rounds. A formula whose
 * value is an array spills it into the cells below and to the right (#SPILL! when one of them holds
 * something), and the map returned holds those cells too. A big sheet's stored cells (`data`) are
 * read where the person's cells do not cover them; the map returned holds the person's cells and
 * every formula's value, not the stored constants (sheetReader adds those).
 */
export async function evaluateSheet(
  name: string,
  cells: Record<string, string>,
  world: SheetWorld,
  runSql: RunSql,
  clock?: () => Date,
  data?: SheetData,
): Promise<Map<string, Scalar>> {
  const calls = new TableCalls(world, runSql, clock);
  const sheet: SheetCells = { cells, data };
  const keys = evaluationOrder(sheet);
  const extent = sheetExtent(sheet);
  const stored = storedReader(sheet);
  const own = (other: string | undefined) => other === undefined || other.toLowerCase() === name.toLowerCase();
  const readerOf = (other: string | undefined) => (own(other) ? undefined : world.sheet(other!));
  const sheetNames = () => world.names().filter((n) => own(n) || world.sheet(n) !== undefined);
  const pass = (spills: SpillPass) => {
    const values = new Map<string, Scalar>();
    const visiting = new Set<string>();
    const ranges = new Map<string, RangeValue>();
    const occupied = (row: number, col: number) => rawOf(sheet, addressKey(row, col)) !== undefined;
    const valueAt = (key: string, row: number, col: number, noteEmpty = true): Scalar => {
      const known = values.get(key);
      if (known !== undefined || values.has(key)) return known ?? null;
      const raw = rawOf(sheet, key);
      if (raw === undefined) {
        const anchor = spills.anchorOf(row, col);
        if (anchor === undefined || visiting.has(anchor)) {
          if (noteEmpty) spills.noteEmptyRead(row, col);
          return null;
        }
        const a = parseAddress(anchor)!;
        valueAt(anchor, a.row, a.col);
        return values.get(key) ?? null;
      }
      if (typeof raw === 'number') return raw;
      if (!isFormulaText(raw)) {
        const v = typedValue(raw);
        values.set(key, v);
        return v;
      }
      if (visiting.has(key)) return new FormulaError('#REF!', `Circular reference: ${key} depends on itself.`);
      visiting.add(key);
      const node = parseSheetFormula(raw);
      let v: Scalar;
      if (node instanceof FormulaSyntaxError) v = node.toValue();
      else {
        // The formula's own cell, for ROW(), @ and R1C1; saved and put back around cells computed on the way.
        const outer = ctx.origin;
        ctx.origin = { sheet: name, row, col };
        const result = evaluate(node, ctx);
        ctx.origin = outer;
        v = isRange(result) && result.rows * result.cols > 1 ? spills.place({ key, row, col }, result, occupied, (k, x) => values.set(k, x)) : scalarOf(result);
      }
      visiting.delete(key);
      values.set(key, v);
      return v;
    };
    const ctx = calls.context(
      {
        cell: (other, a) => {
          const key = addressKey(a.row, a.col);
          if (own(other)) return valueAt(key, a.row, a.col);
          const reader = readerOf(other);
          return reader ? reader.value(key) : new FormulaError('#REF!', `No sheet is called ${other}.`);
        },
        range: (other, start, end) => {
          const reader = readerOf(other);
          if (!own(other) && !reader) return new FormulaError('#REF!', `No sheet is called ${other}.`);
          // A whole column (A:A) or row (1:1) ends at the sheet's last used row or column: past it every cell is empty.
          const size = reader ?? { rows: Math.max(extent.rows, spills.reach.rows), cols: Math.max(extent.cols, spills.reach.cols) };
          const endRow = end.row < 0 ? Math.max(start.row, size.rows - 1) : end.row;
          const endCol = end.col < 0 ? Math.max(start.col, size.cols - 1) : end.col;
          const [r0, r1] = [Math.min(start.row, endRow), Math.max(start.row, endRow)];
          const [c0, c1] = [Math.min(start.col, endCol), Math.max(start.col, endCol)];
          if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_RANGE_CELLS)
            return new FormulaError('#VALUE!', `The range is too large for a formula (${MAX_RANGE_CELLS.toLocaleString('en-US')} cells at most): use the sheet as a table in SQL instead.`);
          // The same range read by many formulas (SUMIFS over Data!C:C) is built once per pass.
          const id = `${own(other) ? '' : other!.toLowerCase()}!${r0}:${c0}:${r1}:${c1}`;
          const cached = ranges.get(id);
          if (cached) return cached;
          // A whole column or row is noted whole: an array spilling past the used range later still makes the pass run again.
          if (!reader) spills.noteRangeRead(r0, c0, end.row < 0 ? SHEET_ROWS - 1 : r1, end.col < 0 ? SHEET_COLS - 1 : c1);
          const out: Scalar[] = new Array((r1 - r0 + 1) * (c1 - c0 + 1));
          let i = 0;
          for (let r = r0; r <= r1; r++)
            for (let c = c0; c <= c1; c++) out[i++] = reader ? reader.at(r, c) : (stored(r, c) ?? valueAt(addressKey(r, c), r, c, false));
          const range = new RangeValue(r1 - r0 + 1, c1 - c0 + 1, out);
          ranges.set(id, range);
          return range;
        },
      },
      {
        spill: (other, row, col) => {
          const key = addressKey(row, col);
          if (!own(other)) return readerOf(other)?.spill?.(key);
          valueAt(key, row, col);
          const s = spills.placed.get(key);
          return s && { rows: s.rows, cols: s.cols };
        },
        formula: (other, row, col) => {
          const key = addressKey(row, col);
          const raw = own(other) ? rawOf(sheet, key) : readerOf(other)?.formula?.(key);
          return typeof raw === 'string' && isFormulaText(raw) ? raw : undefined;
        },
        sheetNames,
        sheetExists: (other) => own(other) || world.sheet(other) !== undefined,
      },
    );
    for (const key of keys) {
      const a = parseAddress(key)!;
      valueAt(key, a.row, a.col);
    }
    return { values, spills };
  };
  const settled = () => {
    let result = pass(new SpillPass());
    for (let i = 1; i < MAX_SPILL_PASSES && result.spills.needsAnotherPass; i++) result = pass(new SpillPass(result.spills.layout(), result.spills.reach));
    recordSpills(result.values, result.spills.placed);
    return result.values;
  };
  return evaluateInRounds(calls, settled);
}

