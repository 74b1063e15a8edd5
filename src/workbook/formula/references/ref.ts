import type { CellAddress, FormulaNode } from '../ast';
import type { EvalContext } from '../evaluate';
import { FormulaError, isFormulaError, type Span } from '../errors';
import { columnLetters } from '../lexer';
import type { Scalar, Value } from '../values';

/** Excel's grid: A1:XFD1048576. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, 0-based and inclusive; `sheet` undefined is the formula's own sheet. */
export interface Ref {
  sheet?: string;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const refRows = (r: Ref) => r.r1 - r.r0 + 1;
export const refCols = (r: Ref) => r.c1 - r.c0 + 1;

/** A rectangle from two corners in any order; #REF! when it leaves the sheet. */
export function makeRef(sheet: string | undefined, ra: number, ca: number, rb: number, cb: number, what = 'The reference'): Ref | FormulaError {
  const [r0, r1] = ra <= rb ? [ra, rb] : [rb, ra];
  const [c0, c1] = ca <= cb ? [ca, cb] : [cb, ca];
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS) return new FormulaError('#REF!', `${what} leaves the sheet (A1:XFD1048576).`);
  return { sheet, r0, c0, r1, c1 };
}

/** A cell or range node as a rectangle (whole columns and rows reach the sheet's edge). */
export function nodeRef(node: Extract<FormulaNode, { type: 'cell' | 'range' }>): Ref | FormulaError {
  if (node.type === 'cell') return makeRef(node.sheet, node.address.row, node.address.col, node.address.row, node.address.col);
  const end = { row: node.end.row < 0 ? MAX_ROWS - 1 : node.end.row, col: node.end.col < 0 ? MAX_COLS - 1 : node.end.col };
  return makeRef(node.sheet, node.start.row, node.start.col, end.row, end.col);
}

/** `B2`, `B2:C9`, `A:A`, `1:1`, with the sheet when it is not the formula's own. */
export function refText(r: Ref, withSheet = true): string {
  const prefix = withSheet && r.sheet ? `${r.sheet}!` : '';
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${prefix}${columnLetters(r.c0)}:${columnLetters(r.c1)}`;
  if (r.c0 === 0 && r.c1 === MAX_COLS - 1) return `${prefix}${r.r0 + 1}:${r.r1 + 1}`;
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? prefix + a : `${prefix}${a}:${columnLetters(r.c1)}${r.r1 + 1}`;
}

const address = (row: number, col: number): CellAddress => ({ row, col, rowAbs: false, colAbs: false });

/**
 * The values a reference holds. A reference to the sheet's last row or column is read as a whole
 * column or row, which the sheet ends at its last used cell (A:A is not a million values).
 */
export function readRef(r: Ref, ctx: EvalContext, span?: Span): Value {
  if (r.r0 === r.r1 && r.c0 === r.c1) {
    return ctx.cell ? ctx.cell(r.sheet, address(r.r0, r.c0), span ?? { start: 0, end: 0 }) : noSheet(span);
  }
  if (!ctx.range) return noSheet(span);
  const end = address(r.r1 === MAX_ROWS - 1 ? -1 : r.r1, r.c1 === MAX_COLS - 1 ? -1 : r.c1);
  return ctx.range(r.sheet, address(r.r0, r.c0), end, span ?? { start: 0, end: 0 });
}

function noSheet(span?: Span): FormulaError {
  return new FormulaError('#REF!', 'References only work inside a sheet.', span);
}

/**
 * Implicit intersection (`@`): a reference gives the cell in the formula's own row (a one-row
 * reference: its own column); an array gives its top-left value.
 */
export function intersect(r: Ref, ctx: EvalContext, span?: Span): Scalar {
  const o = ctx.origin;
  let row = r.r0;
  let col = r.c0;
  if (r.r0 !== r.r1) {
    if (!o || o.row < r.r0 || o.row > r.r1) return new FormulaError('#VALUE!', `${refText(r)} has several rows and none is the formula's own row, so it cannot give one value here.`, span);
    row = o.row;
  }
  if (r.c0 !== r.c1) {
    if (!o || o.col < r.c0 || o.col > r.c1) return new FormulaError('#VALUE!', `${refText(r)} has several columns and none is the formula's own column, so it cannot give one value here.`, span);
    col = o.col;
  }
  const v = readRef({ sheet: r.sheet, r0: row, c0: col, r1: row, c1: col }, ctx, span);
  return isFormulaError(v) || typeof v !== 'object' || v === null || v.kind !== 'range' ? (v as Scalar) : v.at(0, 0);
}
