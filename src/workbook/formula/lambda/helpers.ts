import type { FormulaNode, NodeOf } from '../ast';
import { FormulaError, isFormulaError } from '../errors';
import { single, type EvalContext } from '../evaluate';
import { lookupFunction } from '../functions';
import type { Evaluate } from '../special';
import { isRange, RangeValue, toNumber, type Scalar, type Value } from '../values';
import { LambdaValue, type LambdaArg } from './closure';
import { bindingOf } from './scope';

/** Excel's grid, the largest array MAKEARRAY makes. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Past this many values an array would take the page's memory; Excel itself has no smaller limit. */
const MAX_CELLS = 10_000_000;

/** A value as a rectangle: a single value is 1×1. */
function asRange(v: Value): RangeValue {
  return isRange(v) ? v : RangeValue.of(v);
}

/**
 * The LAMBDA a helper calls with `arity` arguments. A function's bare name stands for itself
 * (`BYROW(A1:C3, SUM)`, as Excel allows): it becomes a LAMBDA that calls it.
 */
function lambdaArg(node: FormulaNode, arity: number, fn: string, ctx: EvalContext, evaluate: Evaluate): LambdaValue | FormulaError {
  if (node.type === 'name' && !bindingOf(ctx, node.name) && ctx.name(node.name) === undefined) {
    const spec = lookupFunction(node.name);
    if (spec) return builtinLambda(spec.name, arity, node, ctx, evaluate);
  }
  const v = evaluate(node, ctx);
  if (v instanceof LambdaValue) {
    const problem = v.arityProblem(arity);
    return problem ? new FormulaError('#VALUE!', `Incorrect parameters: ${fn} calls its LAMBDA with ${arity} argument${arity === 1 ? '' : 's'}. ${problem}`, node.span) : v;
  }
  if (isFormulaError(v)) return v;
  return new FormulaError('#VALUE!', `Incorrect parameters: ${fn} needs a LAMBDA of ${arity} parameter${arity === 1 ? '' : 's'} here, as in ${fn}(…, LAMBDA(x, …)).`, node.span);
}

/** A LAMBDA of `arity` parameters that calls the function `name` with them. */
function builtinLambda(name: string, arity: number, at: FormulaNode, ctx: EvalContext, evaluate: Evaluate): LambdaValue {
  // Names no formula can type (they start with a space), so they never clash with the person's own.
  const params = Array.from({ length: arity }, (_, i) => ({ name: ` arg${i}`, optional: false }));
  const body: FormulaNode = { type: 'call', name, args: params.map((p) => ({ type: 'name', name: p.name, span: at.span })), span: at.span, nameSpan: at.span };
  return new LambdaValue(params, body, ctx, evaluate);
}

/** One value from a LAMBDA that must give one (MAP, SCAN, BYROW …): an array of several is #CALC!. */
function oneValue(v: Value, fn: string): Scalar {
  if (!isRange(v)) return v;
  if (v.rows * v.cols === 1) return v.at(0, 0);
  return new FormulaError('#CALC!', `${fn}'s LAMBDA gave ${v.rows}×${v.cols} values where one is needed: arrays cannot be nested. Reduce them to one, as with SUM or INDEX.`);
}

/** The value at (r, c) of an array stretched to a larger one: a single row or column repeats, beyond it is #N/A. */
function stretched(a: RangeValue, r: number, c: number): Scalar {
  const row = a.rows === 1 ? 0 : r;
  const col = a.cols === 1 ? 0 : c;
  if (row >= a.rows || col >= a.cols) return new FormulaError('#N/A', 'This array is smaller than the others MAP reads: there is no value here.');
  return a.at(row, col);
}

function arityError(node: NodeOf<'call'>, fn: string, usage: string): FormulaError {
  return new FormulaError('#N/A', `${fn} takes ${usage}; it was given ${node.args.length} argument${node.args.length === 1 ? '' : 's'}.`, node.nameSpan);
}

/** `MAP(array1, [array2, …], lambda)`: the LAMBDA applied to the arrays' values, place by place. */
export function mapForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  if (node.args.length < 2) return arityError(node, 'MAP', 'one or more arrays and then a LAMBDA, as in MAP(A1:A3, LAMBDA(x, x * 2))');
  const arrays = node.args.slice(0, -1).map((a) => asRange(evaluate(a, ctx)));
  const f = lambdaArg(node.args[node.args.length - 1]!, arrays.length, 'MAP', ctx, evaluate);
  if (!(f instanceof LambdaValue)) return f;
  const rows = Math.max(...arrays.map((a) => a.rows));
  const cols = Math.max(...arrays.map((a) => a.cols));
  const out: Scalar[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(oneValue(f.call(arrays.map((a) => stretched(a, r, c))), 'MAP'));
  return new RangeValue(rows, cols, out);
}

/** REDUCE and SCAN: `[initial_value], array, lambda(accumulator, value)`, the array read row by row. */
function fold(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate, fn: 'REDUCE' | 'SCAN'): { steps: Value[]; array: RangeValue } | FormulaError {
  const args = node.args;
  if (args.length < 2 || args.length > 3) return arityError(node, fn, `[initial_value], array, lambda, as in ${fn}(0, A1:A3, LAMBDA(acc, x, acc + x))`);
  const initial = args.length === 3 ? evaluate(args[0]!, ctx) : null;
  const array = asRange(evaluate(args[args.length - 2]!, ctx));
  const f = lambdaArg(args[args.length - 1]!, 2, fn, ctx, evaluate);
  if (!(f instanceof LambdaValue)) return f;
  const steps: Value[] = [];
  let acc: LambdaArg = initial;
  for (const v of array.values) {
    acc = f.call([acc, v]);
    steps.push(acc);
  }
  return { steps: steps.length ? steps : [initial], array };
}

/** `REDUCE([initial_value], array, lambda(accumulator, value))`: the accumulator after the last value (an array if the LAMBDA makes one). */
export function reduceForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  const r = fold(node, ctx, evaluate, 'REDUCE');
  return isFormulaError(r) ? r : r.steps[r.steps.length - 1]!;
}

/** `SCAN([initial_value], array, lambda(accumulator, value))`: the accumulator after each value, in the array's shape. */
export function scanForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  const r = fold(node, ctx, evaluate, 'SCAN');
  if (isFormulaError(r)) return r;
  if (r.array.values.length === 0) return new FormulaError('#CALC!', 'SCAN was given an empty array.');
  return new RangeValue(r.array.rows, r.array.cols, r.steps.map((s) => oneValue(s, 'SCAN')));
}

/** `BYROW(array, lambda(row))` and `BYCOL(array, lambda(column))`: one value per row (a column) or per column (a row). */
export function byForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate, fn: 'BYROW' | 'BYCOL'): Value {
  if (node.args.length !== 2) return arityError(node, fn, `an array and a LAMBDA, as in ${fn}(A1:C3, LAMBDA(${fn === 'BYROW' ? 'row, SUM(row)' : 'col, SUM(col)'}))`);
  const array = asRange(evaluate(node.args[0]!, ctx));
  const f = lambdaArg(node.args[1]!, 1, fn, ctx, evaluate);
  if (!(f instanceof LambdaValue)) return f;
  const out: Scalar[] = [];
  if (fn === 'BYROW') {
    for (let r = 0; r < array.rows; r++) out.push(oneValue(f.call([new RangeValue(1, array.cols, array.values.slice(r * array.cols, (r + 1) * array.cols))]), fn));
    return new RangeValue(out.length, 1, out);
  }
  for (let c = 0; c < array.cols; c++) {
    const column = Array.from({ length: array.rows }, (_, r) => array.at(r, c));
    out.push(oneValue(f.call([new RangeValue(array.rows, 1, column)]), fn));
  }
  return new RangeValue(1, out.length, out);
}

/** A MAKEARRAY size: a number of at least 1 (fractions dropped), at most `max`. */
function size(node: FormulaNode, what: string, max: number, ctx: EvalContext, evaluate: Evaluate): number | FormulaError {
  const v = single(evaluate(node, ctx), node.span);
  if (isFormulaError(v)) return v;
  const n = typeof v === 'string' || v === null ? new FormulaError('#VALUE!', `MAKEARRAY's ${what} must be a number; it is ${v === null ? 'empty' : `"${v}"`}.`, node.span) : toNumber(v);
  if (isFormulaError(n)) return n;
  const whole = Math.trunc(n);
  if (whole < 1) return new FormulaError('#VALUE!', `MAKEARRAY's ${what} must be at least 1; it is ${n}.`, node.span);
  if (whole > max) return new FormulaError('#NUM!', `MAKEARRAY's ${what} can be at most ${max}, as many as a sheet has; it is ${whole}.`, node.span);
  return whole;
}

/** `MAKEARRAY(rows, cols, lambda(row, col))`: an array whose every value the LAMBDA computes from its row and column (from 1). */
export function makeArrayForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  if (node.args.length !== 3) return arityError(node, 'MAKEARRAY', 'rows, cols and a LAMBDA, as in MAKEARRAY(3, 3, LAMBDA(r, c, r * c))');
  const rows = size(node.args[0]!, 'rows', MAX_ROWS, ctx, evaluate);
  if (isFormulaError(rows)) return rows;
  const cols = size(node.args[1]!, 'cols', MAX_COLS, ctx, evaluate);
  if (isFormulaError(cols)) return cols;
  if (rows * cols > MAX_CELLS) return new FormulaError('#NUM!', `MAKEARRAY of ${rows}×${cols} values is more than Cellar computes in one formula (${MAX_CELLS.toLocaleString('en-US')}).`, node.nameSpan);
  const f = lambdaArg(node.args[2]!, 2, 'MAKEARRAY', ctx, evaluate);
  if (!(f instanceof LambdaValue)) return f;
  const out: Scalar[] = [];
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) out.push(oneValue(f.call([r, c]), 'MAKEARRAY'));
  return new RangeValue(rows, cols, out);
}
