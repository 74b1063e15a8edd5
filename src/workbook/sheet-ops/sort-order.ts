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

/** What the comparator compares within one kind: a date's serial, an error as 0, text folded unless matchCase. */
function plain(v: Scalar | undefined, matchCase: boolean): number | string | boolean {
  if (isDate(v)) return v.serial;
  if (isFormulaError(v) || v === null || v === undefined) return 0;
  return typeof v === 'string' && !matchCase ? v.toLowerCase() : v;
}

/**
 * The rows `top`..`bottom` in sorted order (old row numbers, first to last), as Excel sorts:
 * by each key in turn, ties kept in order. `valueAt` is read once per row and key, and each value
 * reduced to its kind and a plain value first (a sort of 200,000 rows makes millions of
 * comparisons). The one comparator for a sort made in the document and the same sort replayed
 * over a big sheet's cells.
 */
export function sortOrder(top: number, bottom: number, keys: SortKey[], valueAt: (row: number, col: number) => Scalar | undefined, matchCase = false): number[] {
  const n = bottom - top + 1;
  const columns = keys.map((k) => {
    const ranks = new Uint8Array(n);
    const plains: (number | string | boolean)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = valueAt(top + i, k.col);
      ranks[i] = rank(v);
      plains[i] = plain(v, matchCase);
    }
    return { ranks, plains, sign: k.desc ? -1 : 1 };
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    for (let k = 0; k < columns.length; k++) {
      const { ranks, plains, sign } = columns[k]!;
      const ra = ranks[i]!;
      const rb = ranks[j]!;
      // Empty cells go last whichever way the key sorts.
      if (ra === 4 || rb === 4) {
        if (ra !== rb) return ra === 4 ? 1 : -1;
        continue;
      }
      if (ra !== rb) return sign * (ra - rb);
      const x = plains[i]!;
      const y = plains[j]!;
      if (x < y) return -sign;
      if (x > y) return sign;
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
