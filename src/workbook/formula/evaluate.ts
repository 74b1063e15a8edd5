import { some, type CellAddress, type FormulaNode, type NodeOf } from './ast';
import { arityProblem, paramAt, type ScalarArg, type ScalarContext } from './catalog';
import { FormulaError, isFormulaError, type Span } from './errors';
import { functionNames, lookupFunction } from './functions';
import { binaryOp, percentOp, unaryOp } from './operators';
import { specialForm } from './special';
import { withSuggestion } from './suggest';
import { isRange, RangeValue, type Scalar, type Value } from './values';

/** What a formula outside a table's rows can read: named cells, sheet cells, and SQL's answers. */
export interface EvalContext extends ScalarContext {
  /** A named cell's value; undefined when no cell has that name. */
  name(name: string): Value | undefined;
  /** Whether a name is a table (a table, SQL block or sheet), for errors that say so. */
  isTable(name: string): boolean;
  /** Every name a formula may use, for "did you mean". */
  names(): Iterable<string>;
  /** A sheet's cell; `sheet` undefined is the formula's own sheet. */
  cell?(sheet: string | undefined, address: CellAddress, span: Span): Scalar;
  range?(sheet: string | undefined, start: CellAddress, end: CellAddress, span: Span): RangeValue | FormulaError;
  /** The value of a call that reads tables, computed in SQL (see tableCalls). */
  pushdown?(call: NodeOf<'call'>): Scalar;
  /** The sheet cell the formula is in (0-based): ROW(), COLUMN(), `@`, R1C1 in INDIRECT. */
  origin?: { sheet: string; row: number; col: number };
  /** The size of the array that spills from a cell (for `A1#`); undefined when none does. */
  spill?(sheet: string | undefined, row: number, col: number): { rows: number; cols: number } | undefined;
  /** The formula a cell holds, as typed; undefined when it holds none (ISFORMULA, FORMULATEXT). */
  formula?(sheet: string | undefined, row: number, col: number): string | undefined;
  /** The workbook's sheets in order (SHEET, SHEETS). */
  sheetNames?(): string[];
  /** Whether a sheet of that name exists (INDIRECT). */
  sheetExists?(sheet: string): boolean;
}

/**
 * Whether a call reads a table through a range argument (`SUM(sales[amount])`,
 * `XLOOKUP("LAX", airports[iata], airports[city])`): such a call runs in SQL as a whole.
 */
export function readsTables(call: NodeOf<'call'>, isTable: (name: string) => boolean): boolean {
  const spec = lookupFunction(call.name);
  if (!spec) return false;
  return call.args.some((arg, i) => paramAt(spec, i)?.kind === 'range' && some(arg, (n) => (n.type === 'column' && !n.thisRow) || (n.type === 'name' && isTable(n.name))));
}

/** The outermost calls of a formula that read tables: what a cell or sheet runs in SQL. */
export function tableCalls(node: FormulaNode, isTable: (name: string) => boolean): NodeOf<'call'>[] {
  const found: NodeOf<'call'>[] = [];
  const visit = (n: FormulaNode): void => {
    if (n.type === 'call' && readsTables(n, isTable)) {
      found.push(n);
      return;
    }
    if (n.type === 'call') n.args.forEach(visit);
    else if (n.type === 'unary' || n.type === 'percent') visit(n.arg);
    else if (n.type === 'binary') {
      visit(n.left);
      visit(n.right);
    } else if (n.type === 'array') n.rows.forEach((r) => r.forEach(visit));
  };
  visit(node);
  return found;
}

/** Computes a formula's value in TypeScript. Never throws for anything a person typed: errors are values. */
export function evaluate(node: FormulaNode, ctx: EvalContext): Value {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'error':
      return new FormulaError(node.code, undefined, node.span);
    case 'empty':
      return null;
    case 'name': {
      const v = ctx.name(node.name);
      if (v !== undefined) return v;
      if (ctx.isTable(node.name)) return new FormulaError('#VALUE!', `${node.name} is a table; use it in a function that takes a range, as in ROWS(${node.name}).`, node.span);
      return new FormulaError('#NAME?', withSuggestion(`Unknown name ${node.name}: no cell is called that`, node.name, ctx.names()), node.span);
    }
    case 'column':
      if (node.thisRow || !node.table) {
        const ref = node.thisRow ? `[@${node.column}]` : `[${node.column}]`;
        return new FormulaError('#REF!', `${ref} needs a table row; outside a table's column formula, write table[${node.column}].`, node.span);
      }
      return new FormulaError('#VALUE!', `${node.table}[${node.column}] is a whole column; use it inside a function such as SUM(${node.table}[${node.column}]).`, node.span);
    case 'cell':
      return ctx.cell ? ctx.cell(node.sheet, node.address, node.span) : new FormulaError('#REF!', 'Cell addresses only work inside a sheet, or as sheet!A1.', node.span);
    case 'range':
      return ctx.range ? ctx.range(node.sheet, node.start, node.end, node.span) : new FormulaError('#REF!', 'Ranges only work inside a sheet, or as sheet!A1:B2.', node.span);
    case 'array':
      return new RangeValue(node.rows.length, node.rows[0]?.length ?? 0, node.rows.flatMap((r) => r.map((v) => single(evaluate(v, ctx), v.span))));
    case 'unary':
      return elementwise((a) => unaryOp(node.op, a), evaluate(node.arg, ctx));
    case 'percent':
      return elementwise(percentOp, evaluate(node.arg, ctx));
    case 'binary':
      return elementwise2((a, b) => binaryOp(node.op, a, b), evaluate(node.left, ctx), evaluate(node.right, ctx));
    case 'call':
      return call(node, ctx);
  }
}

function call(node: NodeOf<'call'>, ctx: EvalContext): Value {
  const special = specialForm(node, ctx, evaluate);
  if (special !== undefined) return special;
  const spec = lookupFunction(node.name);
  if (!spec) {
    return new FormulaError('#NAME?', withSuggestion(`Unknown function ${node.name}`, node.name, functionNames()), node.nameSpan);
  }
  const problem = arityProblem(spec, node.args.length);
  if (problem) return new FormulaError('#N/A', problem, node.nameSpan);
  if (ctx.pushdown && readsTables(node, (n) => ctx.isTable(n))) return ctx.pushdown(node);
  const args: (ScalarArg | RangeValue)[] = [];
  const lifted: number[] = [];
  for (const [i, argNode] of node.args.entries()) {
    const kind = paramAt(spec, i)?.kind ?? 'value';
    let v = evaluate(argNode, ctx);
    // A cell given where a range is taken is a range of one cell, as in Excel: SUM(A2) skips A2's text "7".
    if (kind === 'range' && !isRange(v) && !isFormulaError(v) && isCellReference(argNode)) v = RangeValue.of(v);
    // An array where one value is expected: the function applies to each of its values (Excel's lifting).
    if (kind === 'value' && isRange(v) && v.rows * v.cols > 1) lifted.push(i);
    const arg = kind === 'range' || lifted.at(-1) === i ? v : single(v, argNode.span);
    if (kind === 'value' && spec.propagate !== false && isFormulaError(arg)) return arg;
    args.push(arg);
  }
  const apply = (values: ScalarArg[]): Value => {
    try {
      return spec.scalar(values, ctx);
    } catch (e) {
      // A function's own bug must not take the workbook down; it shows on the cell.
      return new FormulaError('#VALUE!', `${spec.name} failed: ${e instanceof Error ? e.message : String(e)}`, node.span);
    }
  };
  return lifted.length ? lift(args, lifted, spec.propagate !== false, apply) : apply(args as ScalarArg[]);
}

/**
 * A function applied to each value of the arrays given where it expects one value: the result is
 * as large as the largest; an array of one row (column) repeats down (across); past the end of a
 * smaller one is #N/A, as in Excel.
 */
function lift(args: (ScalarArg | RangeValue)[], lifted: number[], propagate: boolean, apply: (values: ScalarArg[]) => Value): RangeValue {
  const arrays = lifted.map((i) => args[i] as RangeValue);
  const rows = Math.max(...arrays.map((a) => a.rows));
  const cols = Math.max(...arrays.map((a) => a.cols));
  const out: Scalar[] = new Array(rows * cols);
  const values = [...args] as ScalarArg[];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let error: FormulaError | undefined;
      for (const [k, i] of lifted.entries()) {
        const a = arrays[k]!;
        const [ar, ac] = [a.rows === 1 ? 0 : r, a.cols === 1 ? 0 : c];
        const v = ar < a.rows && ac < a.cols ? a.at(ar, ac) : new FormulaError('#N/A', `The arrays given are of different sizes: this one has ${a.rows}×${a.cols} values.`);
        if (propagate && isFormulaError(v)) error ??= v;
        values[i] = v;
      }
      out[r * cols + c] = error ?? single(apply(values));
    }
  return new RangeValue(rows, cols, out);
}

/** Whether a formula part is a reference to cells (not a value typed or computed): a cell, or OFFSET, INDIRECT, `x:y`, `A1#` of one. */
function isCellReference(node: FormulaNode): boolean {
  if (node.type === 'cell') return true;
  return node.type === 'call' && ['OFFSET', 'INDIRECT', ':', 'ANCHORARRAY', '_XLFN.ANCHORARRAY'].includes(node.name);
}

/** An operator over a range applies to each of its values, as in Excel's array formulas (`SUM(A1:A3*2)`). */
function elementwise(f: (a: Scalar) => Scalar, a: Value): Value {
  return isRange(a) ? new RangeValue(a.rows, a.cols, a.values.map(f)) : f(a);
}

/** Two operands, value by value; a side with one row or column is repeated along the other's. */
function elementwise2(f: (a: Scalar, b: Scalar) => Scalar, a: Value, b: Value): Value {
  if (!isRange(a) && !isRange(b)) return f(a, b);
  const x = isRange(a) ? a : RangeValue.of(a);
  const y = isRange(b) ? b : RangeValue.of(b);
  const fits = (m: number, n: number) => m === n || m === 1 || n === 1;
  if (!fits(x.rows, y.rows) || !fits(x.cols, y.cols)) {
    return new FormulaError('#VALUE!', `Ranges of ${x.rows}×${x.cols} and ${y.rows}×${y.cols} values cannot be combined value by value.`);
  }
  const rows = Math.max(x.rows, y.rows);
  const cols = Math.max(x.cols, y.cols);
  const out: Scalar[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(f(x.at(x.rows === 1 ? 0 : r, x.cols === 1 ? 0 : c), y.at(y.rows === 1 ? 0 : r, y.cols === 1 ? 0 : c)));
  return rows * cols === 1 ? out[0]! : new RangeValue(rows, cols, out);
}

/** One value where a single value is expected: a 1×1 range is its value, a larger one #VALUE!. */
export function single(v: Value, span?: Span): Scalar {
  if (!isRange(v)) return v;
  if (v.rows === 1 && v.cols === 1) return v.at(0, 0);
  return new FormulaError('#VALUE!', `A range of ${v.rows}×${v.cols} cells is used where one value is expected.`, span);
}
