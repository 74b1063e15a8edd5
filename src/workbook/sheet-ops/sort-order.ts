import type { SortKeyValue } from '../document';
import { FormulaError, isDate, isFormulaError, type Scalar } from '../formula';
import { isErrorCode } from '../formula/errors';

/** One sort key: a column of the sheet (0-based), ascending unless `desc`. */
export interface SortKey {
  col: number;
  desc?: boolean;
}

/** Excel's order of kinds: numbers (and dates), text, booleans, errors; empty cells always last. */
export function rank(v: Scalar | undefined): number {
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
 * The rows `top`..`bottom` in sorted order (old row numbers, first to last), as Excel sorts:
 * by each key in turn, ties kept in order. `valueAt` is read once per row and key. The one
 * comparator for a sort made in the document and the same sort replayed over a big sheet's cells.
 */
export function sortOrder(top: number, bottom: number, keys: SortKey[], valueAt: (row: number, col: number) => Scalar | undefined, matchCase = false): number[] {
  const n = bottom - top + 1;
  const values = keys.map((k) => {
    const column: (Scalar | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) column[i] = valueAt(top + i, k.col);
    return column;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compare(values[k]![i], values[k]![j], !!keys[k]!.desc, matchCase);
      if (c !== 0) return c;
    }
    return i - j;
  });
  return order.map((i) => top + i);
}

/** A key value as the document keeps it (JSON): dates as their serials, errors by their code. */
export function toKeyValue(v: Scalar | undefined): SortKeyValue {
  if (v === undefined || v === null) return null;
  if (isDate(v)) return v.serial;
  if (isFormulaError(v)) return { error: v.code };
  return v;
}

/** A kept key value back as a value the comparator orders the same way. */
export function fromKeyValue(v: SortKeyValue): Scalar {
  if (v === null || typeof v !== 'object') return v;
  return new FormulaError(isErrorCode(v.error) ? v.error : '#VALUE!');
}
