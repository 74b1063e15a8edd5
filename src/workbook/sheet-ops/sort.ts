import type { BlockId, WorkbookDocument } from '../document';
import { isDate, isFormulaError, type Scalar } from '../formula';
import { shiftFormula } from '../formula/shift';
import { addressKey } from '../sheet';
import { assertMovable, SheetOpError } from './errors';
import type { CellRect } from './move';
import { sheetOf } from './rows-cols';

/** One sort key: a column of the sheet (0-based), ascending unless `desc`. */
export interface SortKey {
  col: number;
  desc?: boolean;
}

export interface SortOptions {
  /** The range's first row is a header: it stays where it is. `guess` decides as Excel does (see guessHeader). */
  header?: boolean | 'guess';
  /** Text compared with case (Excel's "Case sensitive"); off by default, as in Excel. */
  matchCase?: boolean;
}

/** Excel's order of kinds: numbers (and dates), text, booleans, errors; empty cells always last. */
function rank(v: Scalar | undefined): number {
  if (v === null || v === undefined || v === '') return 4;
  if (typeof v === 'number' || isDate(v)) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  return 3;
}

function compare(a: Scalar | undefined, b: Scalar | undefined, desc: boolean, matchCase: boolean): number {
  const [ra, rb] = [rank(a), rank(b)];
  if (ra === 4 || rb === 4) return ra === rb ? 0 : ra === 4 ? 1 : -1;
  const sign = desc ? -1 : 1;
  if (ra !== rb) return sign * (ra - rb);
  const plain = (v: Scalar | undefined) => (isDate(v) ? v.serial : isFormulaError(v) ? 0 : typeof v === 'string' && !matchCase ? v.toLowerCase() : v);
  const [x, y] = [plain(a), plain(b)] as [number | string | boolean, number | string | boolean];
  return sign * (x < y ? -1 : x > y ? 1 : 0);
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
  for (let col = range.left; col <= range.right; col++)
    for (let row = range.top + 1; row <= range.bottom; row++) {
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
 * are left as they are (Excel leaves them too).
 */
export function sortRange(doc: WorkbookDocument, id: BlockId, range: CellRect, keys: SortKey[], valueOf: (key: string) => Scalar | undefined, options: SortOptions = {}): WorkbookDocument {
  const sheet = sheetOf(doc, id);
  assertMovable(sheet, 'sort');
  if (keys.length === 0) throw new SheetOpError('Cannot sort without a column to sort by; pick one.');
  const outside = keys.find((k) => k.col < range.left || k.col > range.right);
  if (outside) throw new SheetOpError('Cannot sort by a column outside the selected range; select the range that includes it.');
  const header = options.header === 'guess' ? guessHeader(range, valueOf) : !!options.header;
  const top = range.top + (header ? 1 : 0);
  if (top >= range.bottom) return doc;
  const rows = Array.from({ length: range.bottom - top + 1 }, (_, i) => top + i);
  // Each row's key values read once, not once per comparison.
  const keyValues = new Map(rows.map((r) => [r, keys.map((k) => valueOf(addressKey(r, k.col)))]));
  const sorted = [...rows].sort((r1, r2) => {
    const [v1, v2] = [keyValues.get(r1)!, keyValues.get(r2)!];
    for (let i = 0; i < keys.length; i++) {
      const c = compare(v1[i], v2[i], !!keys[i]!.desc, !!options.matchCase);
      if (c !== 0) return c;
    }
    return r1 - r2;
  });
  if (sorted.every((r, i) => r === rows[i])) return doc;

  const cells = { ...sheet.cells };
  // Formats and styles travel with their cells.
  const formats = sheet.formats && { ...sheet.formats };
  const styles = sheet.styles && { ...sheet.styles };
  const carry = <T>(from: Record<string, T>, to: Record<string, T>, src: string, dst: string) => {
    const v = from[src];
    if (v === undefined) delete to[dst];
    else to[dst] = v;
  };
  sorted.forEach((from, i) => {
    const to = rows[i]!;
    for (let col = range.left; col <= range.right; col++) {
      const [src, dst] = [addressKey(from, col), addressKey(to, col)];
      const text = sheet.cells[src];
      if (text === undefined) delete cells[dst];
      else cells[dst] = shiftFormula(text, to - from, 0);
      if (formats) carry(sheet.formats!, formats, src, dst);
      if (styles) carry(sheet.styles!, styles, src, dst);
    }
  });
  const next = { ...sheet, cells, ...(formats ? { formats } : {}), ...(styles ? { styles } : {}) };
  return { ...doc, blocks: doc.blocks.map((b) => (b.id === id ? next : b)) };
}
