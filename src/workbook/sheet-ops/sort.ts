import type { BlockId, SortKeyValue, WorkbookDocument } from '../document';
import type { Scalar } from '../formula';
import { shiftFormula } from '../formula/shift';
import { addressKey, parseAddress } from '../sheet';
import { withDataOp } from './data-log';
import { SheetOpError } from './errors';
import type { CellRect } from './move';
import { sheetOf } from './rows-cols';
import { fromKeyValue, rank, sortOrder, toKeyValue, type SortKey } from './sort-order';

export type { SortKey } from './sort-order';

/** A big sheet's sort records at most this many key values it cannot read back from the file. */
export const MAX_RECORDED_KEYS = 20_000;

export interface SortOptions {
  /** The range's first row is a header: it stays where it is. `guess` decides as Excel does (see guessHeader). */
  header?: boolean | 'guess';
  /** Text compared with case (Excel's "Case sensitive"); off by default, as in Excel. */
  matchCase?: boolean;
  /**
   * A big sheet's stored value at (row, col) as its file holds it: null when empty, undefined for
   * a formula (its computed value is then recorded with the sort). Required for a big sheet.
   */
  stored?: (row: number, col: number) => Scalar | undefined;
}

/**
 * Whether the range's first row looks like a header, as Excel guesses it: every cell in it is
 * text, and some column holds something else (numbers, dates, booleans) below it.
 */
export function guessHeader(range: CellRect, valueOf: (key: string) => Scalar | undefined): boolean {
  if (range.bottom <= range.top) return false;
  let anyText = false;
  for (let col = range.left; col <= range.right; col++) {
    const v = valueOf(addressKey(range.top, col));
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string') return false;
    anyText = true;
  }
  if (!anyText) return false;
  // Row by row: on a big sheet of text and number columns the first row below answers.
  for (let row = range.top + 1; row <= range.bottom; row++)
    for (let col = range.left; col <= range.right; col++) {
      const r = rank(valueOf(addressKey(row, col)));
      if (r !== 1 && r !== 4) return true;
    }
  return false;
}

/**
 * The rows of `range` sorted by its keys' computed values (`valueOf`), as Excel sorts: numbers
 * before text before booleans before errors, empties last either way, ties kept in order. Each
 * row moves whole within the range (texts and formats); a moved formula's relative row references
 * shift by the rows it moved, as Excel's sort does. References from elsewhere to the sorted cells
 * are left as they are (Excel leaves them too). On a big sheet the sort is also logged for its
 * stored cells, with the key values the file cannot give back (formulas, edited cells).
 */
export function sortRange(doc: WorkbookDocument, id: BlockId, range: CellRect, keys: SortKey[], valueOf: (key: string) => Scalar | undefined, options: SortOptions = {}): WorkbookDocument {
  const sheet = sheetOf(doc, id);
  if (keys.length === 0) throw new SheetOpError('Cannot sort without a column to sort by; pick one.');
  const outside = keys.find((k) => k.col < range.left || k.col > range.right);
  if (outside) throw new SheetOpError('Cannot sort by a column outside the selected range; select the range that includes it.');
  if (sheet.data && !options.stored) throw new SheetOpError(`Cannot sort ${sheet.name} yet: its cells are still being read from ${sheet.data.file}. Try again when the sheet shows them.`);
  const header = options.header === 'guess' ? guessHeader(range, valueOf) : !!options.header;
  const top = range.top + (header ? 1 : 0);
  if (top >= range.bottom) return doc;

  let keyAt = (row: number, col: number) => valueOf(addressKey(row, col));
  const recorded: Record<string, SortKeyValue> = {};
  if (sheet.data) {
    const stored = options.stored!;
    let count = 0;
    const limit = () =>
      new SheetOpError(
        `Cannot sort ${sheet.name} by these columns: more than ${MAX_RECORDED_KEYS.toLocaleString('en-US')} of their cells are formulas or were edited here, and a sort of a big sheet keeps those values with the workbook. Sort by a column of plain values, or sort a smaller range.`,
      );
    for (const k of keys)
      for (let row = top; row <= range.bottom; row++) {
        const key = addressKey(row, k.col);
        if (sheet.cells[key] === undefined && stored(row, k.col) !== undefined) continue;
        if (++count > MAX_RECORDED_KEYS) throw limit();
        recorded[key] = toKeyValue(valueOf(key));
      }
    // The order from exactly what a replay over the file's cells will read (data-replay.ts).
    keyAt = (row, col) => {
      const v = recorded[addressKey(row, col)];
      return v !== undefined ? fromKeyValue(v) : stored(row, col);
    };
  }
  const sorted = sortOrder(top, range.bottom, keys, keyAt, !!options.matchCase);
  if (sorted.every((r, i) => r === top + i)) return doc;

  const destOf = new Int32Array(sorted.length);
  sorted.forEach((from, i) => (destOf[from - top] = top + i));
  const inRange = (row: number, col: number) => row >= top && row <= range.bottom && col >= range.left && col <= range.right;
  // Each row's cells, formats and styles move to its new row; what lies outside the range stays.
  const permute = <T>(record: Record<string, T>, edit: (v: T, dRow: number) => T = (v) => v): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(record)) {
      const p = parseAddress(k);
      if (!p || !inRange(p.row, p.col)) out[k] = v;
    }
    for (const [k, v] of Object.entries(record)) {
      const p = parseAddress(k);
      if (!p || !inRange(p.row, p.col)) continue;
      const to = destOf[p.row - top]!;
      out[addressKey(to, p.col)] = edit(v, to - p.row);
    }
    return out;
  };
  const cells = permute(sheet.cells, (text, dRow) => shiftFormula(text, dRow, 0));
  let next = { ...sheet, cells, ...(sheet.formats ? { formats: permute(sheet.formats) } : {}), ...(sheet.styles ? { styles: permute(sheet.styles) } : {}) };
  if (sheet.data)
    next = withDataOp(next, {
      kind: 'sort',
      range: { ...range },
      keys: keys.map((k) => ({ col: k.col, ...(k.desc ? { desc: true } : {}) })),
      header,
      ...(options.matchCase ? { matchCase: true } : {}),
      ...(Object.keys(recorded).length > 0 ? { values: recorded } : {}),
    });
  return { ...doc, blocks: doc.blocks.map((b) => (b.id === id ? next : b)) };
}
