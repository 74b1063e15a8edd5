import type { ErrorCode, Span } from './errors';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

/** A cell address in a sheet: 0-based row and column, and which parts are fixed (`$`) when copied. */
export interface CellAddress {
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
}

/** A formula, read. Every node keeps its place in the text so errors can point at it. */
export type FormulaNode =
  | { type: 'number'; value: number; span: Span }
  | { type: 'string'; value: string; span: Span }
  | { type: 'boolean'; value: boolean; span: Span }
  | { type: 'error'; code: ErrorCode; span: Span }
  /** An argument left out, as in `IF(x,,1)`. */
  | { type: 'empty'; span: Span }
  /** A name: a named cell (`target`, `$target`) or a table used whole (`airports`). */
  | { type: 'name'; name: string; span: Span }
  /** A sheet cell, `B2` or `sheet1!$B$2`. */
  | { type: 'cell'; sheet?: string; address: CellAddress; span: Span }
  /** A sheet range, `B2:C20`, `sheet1!A:A`, `1:1`; whole columns have `end.row` = -1, whole rows `end.col` = -1. */
  | { type: 'range'; sheet?: string; start: CellAddress; end: CellAddress; span: Span }
  /**
   * A table's column: `[qty]` (the formula's own table), `sales[amount]`, and `[@qty]` (this
   * row, always a single value).
   */
  | { type: 'column'; table?: string; column: string; thisRow: boolean; span: Span }
  /**
   * A function call. With `callee`, the value of that expression is called (`LAMBDA(x, x+1)(5)`):
   * `name` is then the callee's function name, or LAMBDA.
   */
  /** A function call; Excel's reference operators are calls too: `x:y` is named `:`, `A1#` is ANCHORARRAY(A1), `@x` is SINGLE(x) (references/ evaluates them). */
  | { type: 'call'; name: string; args: FormulaNode[]; span: Span; nameSpan: Span; callee?: FormulaNode }
  | { type: 'unary'; op: '-' | '+'; arg: FormulaNode; span: Span }
  | { type: 'percent'; arg: FormulaNode; span: Span }
  | { type: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode; span: Span }
  /** An array constant, `{1,2;3,4}`: rows of values. */
  | { type: 'array'; rows: FormulaNode[][]; span: Span };

export type NodeOf<T extends FormulaNode['type']> = Extract<FormulaNode, { type: T }>;

/** Calls `visit` on every node, parents before children. */
export function walk(node: FormulaNode, visit: (node: FormulaNode) => void): void {
  visit(node);
  switch (node.type) {
    case 'call':
      if (node.callee) walk(node.callee, visit);
      for (const a of node.args) walk(a, visit);
      break;
    case 'unary':
    case 'percent':
      walk(node.arg, visit);
      break;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    case 'array':
      for (const row of node.rows) for (const v of row) walk(v, visit);
      break;
    default:
      break;
  }
}

/** Whether any node under `node` (itself included) passes `test`. */
export function some(node: FormulaNode, test: (node: FormulaNode) => boolean): boolean {
  let found = false;
  walk(node, (n) => {
    if (!found && test(n)) found = true;
  });
  return found;
}
