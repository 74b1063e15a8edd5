import { isFormulaError } from '../../errors';
import { compareValues, isDate, type Scalar } from '../../values';
import { matches, parseCriterion, wildcardRegex } from '../criteria';

// Where a key matches in a list of values, as the scalar forms search: findMatch (XLOOKUP, XMATCH) and classicMatch.

/**
 * Which value of `values` matches `key`: -1 next smaller, 0 exact, 1 next larger, 2 wildcard text;
 * searching from the first (or the last, `reverse`). `binary`: as Excel's binary search finds it in
 * sorted data, which differs only in the next smaller value's ties: the last of them in search order.
 */
export function findMatch(values: readonly Scalar[], key: Scalar, matchMode: number, reverse = false, binary = false): number {
  const order = values.map((_, i) => i);
  if (reverse) order.reverse();
  if (matchMode === 2) {
    const c = parseCriterion(typeof key === 'string' ? `=${key}` : key);
    return order.find((i) => matches(c, values[i]!)) ?? -1;
  }
  let best = -1;
  for (const i of order) {
    const v = values[i]!;
    // An empty key finds an empty cell in an exact match, as Excel's XLOOKUP does; otherwise blanks are skipped.
    if (isFormulaError(v) || (v === null && (key !== null || matchMode !== 0))) continue;
    const cmp = compareValues(v, key);
    if (cmp === 0 && !isFormulaError(key)) return i;
    if (matchMode === -1 && cmp < 0 && (best < 0 || compareValues(v, values[best]!) >= (binary ? 0 : 1))) best = i;
    if (matchMode === 1 && cmp > 0 && (best < 0 || compareValues(v, values[best]!) < 0)) best = i;
  }
  return best;
}

// ---- the classic match (VLOOKUP, HLOOKUP, MATCH, LOOKUP)

export type MatchClass = 'number' | 'text' | 'boolean';

/** What a value compares as in a lookup: dates are numbers; empty and errors match nothing. */
function classOf(v: Scalar): MatchClass | undefined {
  if (typeof v === 'number' || isDate(v)) return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'boolean') return 'boolean';
  return undefined;
}

/** A lookup key with `*`, `?` or `~` is a wildcard pattern in an exact match. */
export const isPattern = (key: string) => /[*?~]/.test(key);



/**
 * Where VLOOKUP, HLOOKUP, MATCH and LOOKUP find `key`, as Excel does on sorted data: mode 0 the
 * first equal value (text case-insensitively, wildcards allowed); 1 the largest value ≤ key; -1
 * the smallest value ≥ key. Only values of the key's own type count (numbers and dates together).
 * Among equal values the approximate modes take the last, as Excel's search of sorted data does;
 * on unsorted data they still take the largest ≤ (smallest ≥) value, wherever it is. -1: none.
 */
export function classicMatch(values: readonly Scalar[], key: Scalar, mode: 0 | 1 | -1): number {
  const cls = classOf(key);
  if (!cls) return -1;
  if (mode === 0 && typeof key === 'string' && isPattern(key)) {
    const re = wildcardRegex(key);
    return values.findIndex((v) => typeof v === 'string' && re.test(v));
  }
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (classOf(v) !== cls) continue;
    const cmp = compareValues(v, key);
    if (mode === 0) {
      if (cmp === 0) return i;
      continue;
    }
    if (mode === 1 ? cmp > 0 : cmp < 0) continue;
    const than = best < 0 ? 0 : compareValues(v, values[best]!);
    if (best < 0 || (mode === 1 ? than >= 0 : than <= 0)) best = i;
  }
  return best;
}
