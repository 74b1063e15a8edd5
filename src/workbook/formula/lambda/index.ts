import type { FormulaNode, NodeOf } from '../ast';
import type { EvalContext } from '../evaluate';
import type { Evaluate } from '../special';
import type { Value } from '../values';
import { applyForm, isOmittedForm, lambdaValue, letForm, namedCall } from './forms';
import { byForm, makeArrayForm, mapForm, reduceForm, scanForm } from './helpers';

export { LambdaValue } from './closure';

type Form = (node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate) => Value;

const FORMS: Record<string, Form> = {
  LET: letForm,
  LAMBDA: lambdaValue,
  ISOMITTED: (node, ctx) => isOmittedForm(node, ctx),
  MAP: mapForm,
  REDUCE: reduceForm,
  SCAN: scanForm,
  BYROW: (node, ctx, evaluate) => byForm(node, ctx, evaluate, 'BYROW'),
  BYCOL: (node, ctx, evaluate) => byForm(node, ctx, evaluate, 'BYCOL'),
  MAKEARRAY: makeArrayForm,
};

/** Prefixes Excel's files put before newer functions' names. */
const FILE_PREFIX = /^(_XLFN\.|_XLWS\.)+/;

/**
 * LET, LAMBDA, MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY, ISOMITTED, a LAMBDA called in place
 * (`LAMBDA(x, x+1)(5)`) and a LAMBDA called by its name: undefined for any other call.
 */
export function lambdaForm(node: NodeOf<'call'>, ctx: EvalContext, evaluate: Evaluate): Value | undefined {
  if (node.callee) return applyForm(node as NodeOf<'call'> & { callee: FormulaNode }, ctx, evaluate);
  const form = FORMS[node.name.toUpperCase().replace(FILE_PREFIX, '')];
  return form ? form(node, ctx, evaluate) : namedCall(node, ctx, evaluate);
}
