import type { NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import { FormulaError, isFormulaError } from '../errors';
import { columnLetters } from '../lexer';
import type { Evaluate } from '../special';
import { isRange, type Scalar, type Value } from '../values';
import { readRef, type Ref } from './ref';
import { resolveRef, scalarArg } from './resolve';

/** The formula a reference's first cell holds, as typed; #N/A when it holds none. */
export function formulaText(r: Ref, ctx: EvalContext): Value {
  const text = ctx.formula?.(r.sheet, r.r0, r.c0);
  return text ?? new FormulaError('#N/A', `${columnLetters(r.c0)}${r.r0 + 1} holds no formula.`);
}

/** The sheets in order (the formula's own first when the workbook does not say). */
function sheetList(ctx: EvalContext): string[] {
  const names = ctx.sheetNames?.() ?? [];
  const own = ctx.origin?.sheet;
  return names.length || !own ? names : [own];
}

function sheetIndex(name: string | undefined, ctx: EvalContext): number | undefined {
  const list = sheetList(ctx);
  const wanted = (name ?? ctx.origin?.sheet)?.toLowerCase();
  if (wanted === undefined) return 1;
  const i = list.findIndex((s) => s.toLowerCase() === wanted);
  return i < 0 ? undefined : i + 1;
}

/** SHEET([value]): the number of the formula's sheet, of a reference's sheet, or of the sheet named. */
export function sheetForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  if (node.args.length > 1) return new FormulaError('#N/A', `SHEET takes at most 1 argument; it got ${node.args.length}.`, node.nameSpan);
  const arg = node.args[0];
  if (!arg || arg.type === 'empty') return sheetIndex(undefined, ctx) ?? 1;
  const r = resolveRef(arg, ctx, evaluate);
  if (isFormulaError(r)) return r;
  if (r) return sheetIndex(r.sheet, ctx) ?? new FormulaError('#REF!', `No sheet is called ${r.sheet}.`, arg.span);
  const v = scalarArg(arg, ctx, evaluate);
  if (isFormulaError(v)) return v;
  if (typeof v !== 'string' || v === '') return new FormulaError('#N/A', 'SHEET takes a reference or a sheet\'s name.', arg.span);
  return sheetIndex(v, ctx) ?? new FormulaError('#N/A', `No sheet is called ${v}.`, arg.span);
}

/** SHEETS([reference]): how many sheets the workbook has (a reference is on one sheet). */
export function sheetsForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  if (node.args.length > 1) return new FormulaError('#N/A', `SHEETS takes at most 1 argument; it got ${node.args.length}.`, node.nameSpan);
  const arg = node.args[0];
  if (!arg || arg.type === 'empty') return Math.max(1, sheetList(ctx).length);
  const r = resolveRef(arg, ctx, evaluate);
  if (isFormulaError(r)) return r;
  return r ? 1 : new FormulaError('#N/A', 'SHEETS takes a reference, or nothing for all the workbook\'s sheets.', arg.span);
}

function first(v: Value): Scalar {
  return isRange(v) ? v.at(0, 0) : v;
}

/** CELL(info_type, [reference]): address, col, row, contents, type, sheet, filename of a reference's first cell (the formula's own when left out). */
export function cell(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value {
  if (node.args.length < 1 || node.args.length > 2) return new FormulaError('#N/A', `CELL takes 1 or 2 arguments; it got ${node.args.length}.`, node.nameSpan);
  const info = scalarArg(node.args[0], ctx, evaluate);
  if (isFormulaError(info)) return info;
  let r: Ref | undefined;
  const arg = node.args[1];
  if (arg && arg.type !== 'empty') {
    const found = resolveRef(arg, ctx, evaluate);
    if (isFormulaError(found)) return found;
    if (!found) return new FormulaError('#VALUE!', 'CELL\'s second argument is a reference, as in CELL("row", B2).', arg.span);
    r = found;
  } else if (ctx.origin) r = { r0: ctx.origin.row, c0: ctx.origin.col, r1: ctx.origin.row, c1: ctx.origin.col };
  if (!r) return new FormulaError('#VALUE!', 'CELL without a reference describes the formula\'s own cell, which only a sheet cell has.', node.span);
  const one: Ref = { ...r, r1: r.r0, c1: r.c0 };
  switch (String(info).toLowerCase()) {
    case 'address': {
      const sheet = r.sheet ? `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.sheet) ? r.sheet : `'${r.sheet.replaceAll("'", "''")}'`}!` : '';
      return `${sheet}$${columnLetters(r.c0)}$${r.r0 + 1}`;
    }
    case 'col':
      return r.c0 + 1;
    case 'row':
      return r.r0 + 1;
    case 'contents':
      return first(readRef(one, ctx, node.span));
    case 'type': {
      const v = first(readRef(one, ctx, node.span));
      return v === null ? 'b' : typeof v === 'string' ? 'l' : 'v';
    }
    case 'sheet':
      return r.sheet ?? ctx.origin?.sheet ?? '';
    case 'filename':
      // A workbook in the browser has no file path; Excel gives "" for a workbook never saved.
      return '';
    default:
      return new FormulaError('#VALUE!', `CELL: "${String(info)}" is not an info type Cellar knows (address, col, row, contents, type, sheet, filename).`, node.args[0]!.span);
  }
}

