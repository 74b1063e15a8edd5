import type { FormulaNode, NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import { FormulaError, isFormulaError } from '../errors';
import type { Evaluate } from '../special';
import { isRange, RangeValue, type Value } from '../values';
import { cell, formulaText, sheetForm, sheetsForm } from './info';
import { intersect, readRef, refCols, refRows } from './ref';
import { resolveRef } from './resolve';

export { REFERENCE_FUNCTIONS } from './catalog';

type Form = (node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate) => Value | undefined;

/** A call's one argument as a reference, or the error to show when it is not one. */
function refArg(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate, arg: FormulaNode | undefined) {
  const r = arg ? resolveRef(arg, ctx, evaluate) : undefined;
  if (r === undefined) return new FormulaError('#VALUE!', `${node.name} needs a reference (a cell or a range, as in ${node.name}(B2)), not a value.`, arg?.span ?? node.span);
  return r;
}

/** ROW and COLUMN: of the formula's own cell, or of each row (column) of a reference, as an array. */
function position(which: 'row' | 'col'): Form {
  return (node, ctx, evaluate) => {
    if (node.args.length > 1) return new FormulaError('#N/A', `${node.name} takes at most 1 argument; it got ${node.args.length}.`, node.nameSpan);
    const arg = node.args[0];
    if (!arg || arg.type === 'empty') {
      const o = ctx.origin;
      if (!o) return new FormulaError('#VALUE!', `${node.name}() is the formula's own ${which === 'row' ? 'row' : 'column'}, which only a sheet cell has.`, node.span);
      return (which === 'row' ? o.row : o.col) + 1;
    }
    const r = refArg(node, ctx, evaluate, arg);
    if (isFormulaError(r)) return r;
    const [from, count] = which === 'row' ? [r.r0, refRows(r)] : [r.c0, refCols(r)];
    if (count === 1) return from + 1;
    const values = Array.from({ length: count }, (_, i) => from + i + 1);
    return which === 'row' ? RangeValue.column(values) : new RangeValue(1, count, values);
  };
}

/** ROWS and COLUMNS of a reference, whole columns and rows included (ROWS(C:C) is 1048576); other arguments go to the catalog's ROWS. */
function size(which: 'rows' | 'cols'): Form {
  return (node, ctx, evaluate) => {
    if (node.args.length !== 1) return undefined;
    const r = resolveRef(node.args[0]!, ctx, evaluate);
    if (r === undefined) return undefined;
    if (isFormulaError(r)) return r;
    return which === 'rows' ? refRows(r) : refCols(r);
  };
}

/** OFFSET, INDIRECT, `x:y` and `A1#`: the values of the reference they make. */
const asValues: Form = (node, ctx, evaluate) => {
  const r = resolveRef(node, ctx, evaluate);
  if (r === undefined) return new FormulaError('#VALUE!', `${node.name === ':' ? 'The range operator :' : node.name} needs references.`, node.span);
  return isFormulaError(r) ? r : readRef(r, ctx, node.span);
};

/** `@x` and SINGLE(x): one value, the reference's cell in the formula's row or column, an array's first. */
const single: Form = (node, ctx, evaluate) => {
  if (node.args.length !== 1) return new FormulaError('#N/A', `SINGLE (@) takes 1 argument; it got ${node.args.length}.`, node.nameSpan);
  const arg = node.args[0]!;
  const r = resolveRef(arg, ctx, evaluate);
  if (isFormulaError(r)) return r;
  if (r) return intersect(r, ctx, node.span);
  const v = evaluate(arg, ctx);
  return isRange(v) ? v.at(0, 0) : v;
};

const isRef: Form = (node, ctx, evaluate) => {
  if (node.args.length !== 1) return new FormulaError('#N/A', `ISREF takes 1 argument; it got ${node.args.length}.`, node.nameSpan);
  const r = resolveRef(node.args[0]!, ctx, evaluate);
  return r !== undefined && !isFormulaError(r);
};

const isFormula: Form = (node, ctx, evaluate) => {
  if (node.args.length !== 1) return new FormulaError('#N/A', `ISFORMULA takes 1 argument; it got ${node.args.length}.`, node.nameSpan);
  const r = refArg(node, ctx, evaluate, node.args[0]);
  if (isFormulaError(r)) return r;
  return ctx.formula?.(r.sheet, r.r0, r.c0) !== undefined;
};

/** Whether a formula part gives a reference, by its form alone (no evaluation). */
function refShaped(node: FormulaNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'cell' || node.type === 'range') return true;
  return node.type === 'call' && ['OFFSET', 'INDIRECT', 'INDEX', ':', 'ANCHORARRAY', 'CHOOSE', 'IF'].includes(node.name) && (node.name !== 'IF' && node.name !== 'CHOOSE' ? true : node.args.slice(1).some(refShaped));
}

/**
 * IF and CHOOSE whose chosen argument is a reference give that reference's values whole (Excel
 * passes references through them: SUM(CHOOSE(2, A1:A2, A1:A3))), not lifted value by value;
 * anything else is the catalog's IF and CHOOSE.
 */
const passReference: Form = (node, ctx, evaluate) => {
  if (!node.args.slice(1).some(refShaped)) return undefined;
  const r = resolveRef(node, ctx, evaluate);
  return r === undefined || isFormulaError(r) ? undefined : readRef(r, ctx, node.span);
};

const FORMS: Record<string, Form> = {
  IF: passReference,
  CHOOSE: passReference,
  ROW: position('row'),
  COLUMN: position('col'),
  ROWS: size('rows'),
  COLUMNS: size('cols'),
  OFFSET: asValues,
  INDIRECT: asValues,
  ':': asValues,
  ANCHORARRAY: asValues,
  SINGLE: single,
  ISREF: isRef,
  ISFORMULA: isFormula,
  FORMULATEXT: (node, ctx, evaluate) => {
    if (node.args.length !== 1) return new FormulaError('#N/A', `FORMULATEXT takes 1 argument; it got ${node.args.length}.`, node.nameSpan);
    const r = refArg(node, ctx, evaluate, node.args[0]);
    return isFormulaError(r) ? r : formulaText(r, ctx);
  },
  SHEET: sheetForm,
  SHEETS: sheetsForm,
  CELL: cell,
};

/** Calls that read references rather than values (ROW, COLUMN, OFFSET, INDIRECT, ISREF, FORMULATEXT, SHEET …): undefined for any other call. */
export function referenceForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value | undefined {
  const form = FORMS[node.name.replace(/^_XLFN\./, '')];
  return form ? form(node, ctx, evaluate) : undefined;
}
