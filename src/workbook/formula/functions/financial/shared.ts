import type { FunctionSpec, ParamSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { result } from '../../sql/coerce';
import { toNumber } from '../../values';
import { arg, sqlNum } from '../helpers';
import { serialOf } from '../date/shared';

// Shared pieces of the financial functions: how their arguments are read and checked.

export const NUM = (message: string) => new FormulaError('#NUM!', message);
export const DIV0 = (message: string) => new FormulaError('#DIV/0!', message);

/** A parameter of a financial function: a number, a date (whole days), or one left out with a default. */
export interface FinParam {
  name: string;
  date?: boolean;
  /** Present: the parameter is optional and this is its value when left out (or empty). */
  fallback?: number;
}

const p = (name: string, fallback?: number): FinParam => ({ name, fallback });
/** A date parameter: read as a serial, time of day dropped. */
export const d = (name: string): FinParam => ({ name, date: true });
export { p };

/** One financial argument as a number, or the error it is. */
function readArg(args: ScalarArg[], i: number, param: FinParam, fn: string): number | FormulaError {
  // Only a left-out argument takes the default: an empty cell is 0, as in Excel (DDB's factor, DB's month).
  if (param.fallback !== undefined && args[i] === undefined) return param.fallback;
  const v = arg(args, i);
  if (param.date) {
    const s = serialOf(v, fn);
    return isFormulaError(s) ? s : Math.floor(s);
  }
  return toNumber(v);
}

/**
 * A function of numbers and dates with no SQL form unless one is given: each argument coerced (dates
 * to whole-day serials), errors passed on, and a result that is not finite is #NUM!.
 */
export function financial(
  name: string,
  summary: string,
  params: FinParam[],
  example: FunctionSpec['example'],
  scalar: (...xs: number[]) => number | FormulaError,
  extra: { notes?: string; sql?: (...xs: string[]) => string | { value: string; err: string } } = {},
): FunctionSpec {
  const specs: ParamSpec[] = params.map((q) => (q.fallback === undefined ? { name: q.name } : { name: q.name, optional: true }));
  const spec: FunctionSpec = {
    name,
    category: 'financial',
    summary,
    params: specs,
    example,
    scalar(args) {
      const xs: number[] = [];
      for (let i = 0; i < params.length; i++) {
        const x = readArg(args, i, params[i]!, name);
        if (isFormulaError(x)) return x;
        xs.push(x);
      }
      const r = scalar(...xs);
      if (isFormulaError(r)) return r;
      return Number.isFinite(r) ? r : NUM(`${name}: the result is not a finite number.`);
    },
  };
  if (extra.notes) spec.notes = extra.notes;
  const sqlForm = extra.sql;
  if (sqlForm) {
    spec.sql = (args) => {
      const xs = params.map((q, i) => sqlNum(args, i, q.fallback ?? null));
      const out = sqlForm(...xs.map((x) => `(${x.sql})`));
      const [value, own] = typeof out === 'string' ? [out, null] : [out.value, out.err];
      // NULL from DuckDB (a division by zero) and NaN or ±inf are all #NUM!, as non-finite results are in the scalar form.
      return result(`CASE WHEN isfinite(${value}) THEN ${value} END`, 'number', [
        ...xs.map((x) => x.err),
        own,
        `CASE WHEN ${value} IS NULL OR NOT isfinite(${value}) THEN '#NUM!' END`,
      ]);
    };
  }
  return spec;
}

/** Excel's checks on a coupon frequency and a day-count basis (both truncated first). */
export function checkFrequencyBasis(name: string, frequency: number, basis: number): FormulaError | undefined {
  if (![1, 2, 4].includes(Math.trunc(frequency))) return NUM(`${name}: the frequency must be 1 (annual), 2 (semiannual) or 4 (quarterly).`);
  return checkBasis(name, basis);
}

export function checkBasis(name: string, basis: number): FormulaError | undefined {
  const b = Math.trunc(basis);
  return b >= 0 && b <= 4 ? undefined : NUM(`${name}: the basis must be 0, 1, 2, 3 or 4.`);
}
