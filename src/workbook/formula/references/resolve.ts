import type { FormulaNode, NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import { FormulaError, isFormulaError } from '../errors';
import { boundSource } from '../lambda/scope';
import type { Evaluate } from '../special';
import { isRange, toBoolean, toNumber, type Scalar } from '../values';
import { indirect } from './indirect';
import { makeRef, nodeRef, refText, type Ref } from './ref';

/** What an argument is as a reference: a rectangle, an error in making one, or undefined (a plain value). */
export type RefResult = Ref | FormulaError | undefined;

/** A value where one number is expected (a 1×1 array is its value). */
export function scalarArg(node: FormulaNode | undefined, ctx: EvalContext, evaluate: Evaluate): Scalar {
  if (!node || node.type === 'empty') return null;
  const v = evaluate(node, ctx);
  if (!isRange(v)) return v;
  return v.rows * v.cols === 1 ? v.at(0, 0) : new FormulaError('#VALUE!', `A range of ${v.rows}×${v.cols} cells is used where one value is expected.`, node.span);
}

function numberArg(node: FormulaNode | undefined, ctx: EvalContext, evaluate: Evaluate): number | FormulaError {
  return toNumber(scalarArg(node, ctx, evaluate));
}

/**
 * The reference a formula part stands for: cells and ranges, `x:y`, `A1#`, and the functions that
 * give references (OFFSET, INDIRECT, INDEX, CHOOSE, IF). Undefined for anything else.
 */
export function resolveRef(node: FormulaNode, ctx: EvalContext, evaluate: Evaluate): RefResult {
  switch (node.type) {
    case 'cell':
    case 'range':
      return nodeRef(node);
    case 'name': {
      // A LET or LAMBDA name stands for what it was given: a reference stays one (LET(r, A1:A3, ROW(r))).
      const source = boundSource(ctx, node.name);
      return source ? resolveRef(source.node, source.ctx, evaluate) : undefined;
    }
    case 'call':
      return callRef(node, ctx, evaluate);
    default:
      return undefined;
  }
}

function callRef(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): RefResult {
  const args = node.args;
  switch (node.name.replace(/^_XLFN\./, '')) {
    case ':':
      return rangeOperator(node, ctx, evaluate);
    case 'ANCHORARRAY':
      return spillRef(node, ctx, evaluate);
    case 'OFFSET':
      return offset(node, ctx, evaluate);
    case 'INDIRECT': {
      if (args.length < 1 || args.length > 2) return undefined;
      const text = scalarArg(args[0], ctx, evaluate);
      if (isFormulaError(text)) return text;
      const a1 = args[1] === undefined || args[1].type === 'empty' ? true : toBoolean(scalarArg(args[1], ctx, evaluate));
      if (isFormulaError(a1)) return a1;
      return indirect(String(text ?? ''), a1, ctx);
    }
    case 'INDEX':
      return indexRef(node, ctx, evaluate);
    case 'CHOOSE': {
      if (args.length < 2) return undefined;
      const n = numberArg(args[0], ctx, evaluate);
      if (isFormulaError(n)) return n;
      const chosen = args[Math.trunc(n)];
      return Math.trunc(n) >= 1 && chosen ? resolveRef(chosen, ctx, evaluate) : undefined;
    }
    case 'IF': {
      if (args.length < 2) return undefined;
      const c = toBoolean(scalarArg(args[0], ctx, evaluate));
      if (isFormulaError(c)) return undefined;
      const branch = c ? args[1] : args[2];
      return branch ? resolveRef(branch, ctx, evaluate) : undefined;
    }
    default:
      return undefined;
  }
}

/** `x:y`: the smallest rectangle holding both references. */
function rangeOperator(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Ref | FormulaError {
  const [a, b] = node.args.map((n) => resolveRef(n, ctx, evaluate));
  if (isFormulaError(a)) return a;
  if (isFormulaError(b)) return b;
  if (!a || !b) return new FormulaError('#VALUE!', 'The range operator : needs a reference on each side (a cell, a range, or OFFSET, INDEX, INDIRECT …).', node.span);
  if ((a.sheet ?? '').toLowerCase() !== (b.sheet ?? '').toLowerCase() && a.sheet !== undefined && b.sheet !== undefined)
    return new FormulaError('#VALUE!', `The range operator : cannot join ${refText(a)} and ${refText(b)}: they are on different sheets.`, node.span);
  return { sheet: a.sheet ?? b.sheet, r0: Math.min(a.r0, b.r0), c0: Math.min(a.c0, b.c0), r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1) };
}

/** `A1#`: the cells an array formula in A1 spills into. */
function spillRef(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Ref | FormulaError {
  const arg = node.args[0];
  const r = arg && node.args.length === 1 ? resolveRef(arg, ctx, evaluate) : undefined;
  if (isFormulaError(r)) return r;
  if (!r) return new FormulaError('#VALUE!', '# (a spill) follows a cell address, as in A1#.', node.span);
  const size = ctx.spill?.(r.sheet, r.r0, r.c0);
  if (!size) return new FormulaError('#REF!', `${refText({ ...r, r1: r.r0, c1: r.c0 })}# refers to a spill, but no array spills from ${refText({ ...r, r1: r.r0, c1: r.c0 })}.`, node.span);
  return { sheet: r.sheet, r0: r.r0, c0: r.c0, r1: r.r0 + size.rows - 1, c1: r.c0 + size.cols - 1 };
}

/** A height or width: truncated, but a fraction below 1 still counts one row (Excel's OFFSET(…, 0.9) is one wide). */
function extent(x: number): number {
  const t = Math.trunc(x);
  return t === 0 && x !== 0 ? Math.sign(x) : t;
}

/** OFFSET(reference, rows, cols, [height], [width]). */
function offset(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Ref | FormulaError {
  const args = node.args;
  if (args.length < 3 || args.length > 5) return new FormulaError('#N/A', `OFFSET takes 3 to 5 arguments; it got ${args.length}.`, node.nameSpan);
  const base = resolveRef(args[0]!, ctx, evaluate);
  if (isFormulaError(base)) return base;
  if (!base) return new FormulaError('#VALUE!', 'OFFSET starts from a reference (a cell or range), not a value.', args[0]!.span);
  const nums: number[] = [];
  for (const [i, a] of args.slice(1).entries()) {
    if (i >= 2 && a.type === 'empty') {
      nums.push(i === 2 ? base.r1 - base.r0 + 1 : base.c1 - base.c0 + 1);
      continue;
    }
    const n = numberArg(a, ctx, evaluate);
    if (isFormulaError(n)) return n;
    nums.push(n);
  }
  const [dr, dc, h = base.r1 - base.r0 + 1, w = base.c1 - base.c0 + 1] = nums as [number, number, number?, number?];
  const height = extent(h);
  const width = extent(w);
  if (height === 0 || width === 0) return new FormulaError('#REF!', 'OFFSET: the height and width must not be 0.', node.span);
  const r0 = base.r0 + Math.trunc(dr);
  const c0 = base.c0 + Math.trunc(dc);
  const r1 = r0 + height + (height > 0 ? -1 : 1);
  const c1 = c0 + width + (width > 0 ? -1 : 1);
  return makeRef(base.sheet, r0, c0, r1, c1, `OFFSET(${refText(base)}, ${Math.trunc(dr)}, ${Math.trunc(dc)}, ${height}, ${width})`);
}

/** INDEX over a reference, as a reference (for `INDEX(…):INDEX(…)` and ROW(INDEX(…))). */
function indexRef(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): RefResult {
  const args = node.args;
  if (args.length < 2 || args.length > 3) return undefined;
  const base = resolveRef(args[0]!, ctx, evaluate);
  if (!base || isFormulaError(base)) return base;
  const r = numberArg(args[1], ctx, evaluate);
  if (isFormulaError(r)) return r;
  const c = args[2] === undefined ? 0 : numberArg(args[2], ctx, evaluate);
  if (isFormulaError(c)) return c;
  let row = Math.trunc(r);
  let col = Math.trunc(c);
  const rows = base.r1 - base.r0 + 1;
  const cols = base.c1 - base.c0 + 1;
  if (args[2] === undefined && rows === 1 && cols > 1) [row, col] = [0, row];
  else if (args[2] === undefined && cols === 1) col = 0;
  if (row < 0 || col < 0) return new FormulaError('#VALUE!', 'INDEX: row and column numbers cannot be negative.', node.span);
  if (row > rows || col > cols) return new FormulaError('#REF!', `INDEX: ${refText(base)} has ${rows} row(s) and ${cols} column(s).`, node.span);
  return {
    sheet: base.sheet,
    r0: row === 0 ? base.r0 : base.r0 + row - 1,
    r1: row === 0 ? base.r1 : base.r0 + row - 1,
    c0: col === 0 ? base.c0 : base.c0 + col - 1,
    c1: col === 0 ? base.c1 : base.c0 + col - 1,
  };
}
