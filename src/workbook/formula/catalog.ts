import type { SqlArg, SqlExpr } from './sql/types';
import type { RangeValue, Scalar, Value } from './values';

export type Category = 'math' | 'statistics' | 'logic' | 'text' | 'date' | 'lookup' | 'information' | 'financial' | 'engineering' | 'database' | 'array';

export const CATEGORY_TITLES: Record<Category, string> = {
  math: 'Math and rounding',
  statistics: 'Statistics and conditional aggregates',
  logic: 'Logic',
  text: 'Text',
  date: 'Dates and times',
  lookup: 'Lookup',
  information: 'Information',
  financial: 'Financial',
  engineering: 'Engineering',
  database: 'Database',
  array: 'Dynamic arrays',
};

export interface ParamSpec {
  name: string;
  /**
   * `range`: takes a range (a sheet range, a table column, an array); a column there is the
   * whole column. `value` (the default): one value; a column there is this row's value.
   */
  kind?: 'value' | 'range';
  optional?: boolean;
}

/**
 * An argument as a function's scalar form receives it: one value for `value` parameters; for
 * `range` parameters a RangeValue, or a Scalar when a single value was passed directly (SUM
 * coerces a direct "3" but skips text inside a range, as Excel does). Undefined: left out.
 */
export type ScalarArg = Scalar | RangeValue | undefined;

export interface ScalarContext {
  now(): Date;
  random(): number;
}

/** What a function's SQL form may ask of the compiler. */
export interface SqlFunctionContext {
  /** A fresh table alias, for a subquery of the function's own. */
  alias(): string;
}

export interface FunctionSpec {
  /** Upper case, as a person types it: `SUMIFS`, `STDEV.S`. */
  name: string;
  category: Category;
  /** One sentence for the reference and the formula bar. */
  summary: string;
  params: ParamSpec[];
  /** The last `repeat` parameters form a group that may be given again (SUM: 1; SUMIFS: 2). */
  repeat?: number;
  /** Where Cellar differs from Excel, or what a person should know; shown in the reference. */
  notes?: string;
  /** Shown in the reference; the docs test runs it through both forms and checks `result`. */
  example: { formula: string; result: string };
  /**
   * Value arguments that are errors make the call that error without calling the function;
   * false for functions that look at errors (IFERROR, ISERROR …).
   */
  propagate?: boolean;
  /** TODAY, NOW, RAND: a new value on every recalculation. */
  volatile?: boolean;
  /** The TypeScript form: values in, a value out. */
  scalar(args: ScalarArg[], ctx: ScalarContext): Value;
  /** The DuckDB form: SQL in, SQL out. Absent: the function cannot be used where SQL computes it. */
  sql?(args: (SqlArg | undefined)[], ctx: SqlFunctionContext): SqlExpr;
}

/** How many arguments a function takes. */
export function arity(spec: FunctionSpec): { min: number; max: number } {
  const required = (params: ParamSpec[]) => params.filter((p) => !p.optional).length;
  const repeat = spec.repeat ?? 0;
  if (repeat === 0) return { min: required(spec.params), max: spec.params.length };
  const fixed = spec.params.slice(0, spec.params.length - repeat);
  const group = spec.params.slice(spec.params.length - repeat);
  return { min: fixed.length + required(group), max: Number.POSITIVE_INFINITY };
}

/** The parameter an argument at `index` fills (repeated groups wrap around). */
export function paramAt(spec: FunctionSpec, index: number): ParamSpec | undefined {
  const repeat = spec.repeat ?? 0;
  if (index < spec.params.length || repeat === 0) return spec.params[index];
  const fixed = spec.params.length - repeat;
  return spec.params[fixed + ((index - fixed) % repeat)];
}

/** Whether a call with `count` arguments fits, and if not, why in words. */
export function arityProblem(spec: FunctionSpec, count: number): string | undefined {
  const { min, max } = arity(spec);
  const repeat = spec.repeat ?? 0;
  if (count < min) return `${spec.name} needs at least ${min} argument${min === 1 ? '' : 's'}; it got ${count}.`;
  if (count > max) return `${spec.name} takes at most ${max} argument${max === 1 ? '' : 's'}; it got ${count}.`;
  if (repeat > 1) {
    const fixed = spec.params.length - repeat;
    const group = spec.params.slice(fixed);
    const optionalTail = group.filter((p) => p.optional).length;
    const extra = (count - fixed) % repeat;
    if (extra !== 0 && extra < repeat - optionalTail) {
      return `${spec.name} takes its arguments in groups of ${repeat} after the first ${fixed}: ${signature(spec)}.`;
    }
  }
  return undefined;
}

/** `SUMIFS(sum_range, criteria_range, criterion, …)`. */
export function signature(spec: FunctionSpec): string {
  const names = spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `${spec.name}(${names.join(', ')}${spec.repeat ? ', …' : ''})`;
}
