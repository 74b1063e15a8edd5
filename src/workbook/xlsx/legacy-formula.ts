import { lookupFunction, paramAt, parseFormula, type FormulaNode } from '../formula';

/** Calls that give a reference, or an array from references: where one value is expected, a legacy formula intersects them. */
const REFERENCE_CALLS = new Set([':', 'OFFSET', 'INDIRECT', 'INDEX', 'ANCHORARRAY']);
/** Functions that give arrays: at the top of a legacy formula, Excel shows their first value. */
const ARRAY_RESULTS = new Set(['ROW', 'COLUMN', 'TRANSPOSE', 'MMULT', 'MINVERSE', 'MUNIT', 'FREQUENCY', 'LINEST', 'LOGEST', 'TREND', 'GROWTH', 'MODE.MULT']);
/** Arguments a function passes on as they are (IF's branches, CHOOSE's choices): they take the call's own place. */
const PASS_ON: Record<string, (i: number) => boolean> = { IF: (i) => i > 0, CHOOSE: (i) => i > 0 };

/** Functions whose ranges are arrays in Excel (not references): an expression there computes as an array, as in SUMPRODUCT(A1:A3*B1:B3). */
const ARRAY_PARAMS = new Set([
  'SUMPRODUCT', 'MMULT', 'TRANSPOSE', 'MDETERM', 'MINVERSE', 'FREQUENCY', 'LINEST', 'LOGEST', 'TREND', 'GROWTH', 'LOOKUP', 'MATCH', 'INDEX',
  'CORREL', 'PEARSON', 'RSQ', 'SLOPE', 'INTERCEPT', 'STEYX', 'COVAR', 'COVARIANCE.P', 'COVARIANCE.S', 'FORECAST', 'FORECAST.LINEAR',
  'SUMX2MY2', 'SUMX2PY2', 'SUMXMY2', 'PROB', 'TTEST', 'T.TEST', 'CHITEST', 'CHISQ.TEST', 'FTEST', 'F.TEST', 'PERCENTILE', 'PERCENTILE.INC',
  'PERCENTILE.EXC', 'QUARTILE', 'QUARTILE.INC', 'QUARTILE.EXC', 'PERCENTRANK', 'PERCENTRANK.INC', 'PERCENTRANK.EXC', 'MODE.MULT', 'XLOOKUP', 'XMATCH',
]);

function isReference(node: FormulaNode): boolean {
  return node.type === 'cell' || node.type === 'name' || node.type === 'column' || isMultiCell(node);
}

function isMultiCell(node: FormulaNode): boolean {
  if (node.type === 'range') return true;
  return node.type === 'call' && REFERENCE_CALLS.has(node.name);
}

/**
 * A formula from an .xlsx that is not an array formula, as Excel 365 shows it: with `@` (implicit
 * intersection) where a range is given for one value, so that it computes as Excel computed it
 * (the value in the formula's own row or column), not as an array that spills. `text` is Cellar's
 * text, with its `=`; a text that does not parse comes back as it is.
 */
export function legacyFormula(text: string): string {
  let root: FormulaNode;
  try {
    root = parseFormula(text, { sheet: true });
  } catch {
    return text;
  }
  const at: number[] = [];
  const visit = (node: FormulaNode, wantsValue: boolean): void => {
    if (wantsValue && isMultiCell(node)) {
      at.push(node.span.start);
      wantsValue = false;
    }
    switch (node.type) {
      case 'unary':
      case 'percent':
        visit(node.arg, wantsValue);
        return;
      case 'binary':
        visit(node.left, wantsValue);
        visit(node.right, wantsValue);
        return;
      case 'call': {
        if (node.name === 'SINGLE') return node.args.forEach((a) => visit(a, false));
        const spec = lookupFunction(node.name);
        const passOn = PASS_ON[node.name];
        node.args.forEach((a, i) => {
          if (passOn?.(i)) visit(a, wantsValue);
          else if (!spec) visit(a, false);
          else if ((paramAt(spec, i)?.kind ?? 'value') === 'value') visit(a, true);
          // A range argument: a reference (or IF / CHOOSE giving one) stays whole; an expression there computes value by value, unless the function takes arrays.
          else visit(a, !isReference(a) && !(a.type === 'call' && PASS_ON[a.name]) && !ARRAY_PARAMS.has(node.name) && spec.category !== 'array');
        });
        return;
      }
      default:
        return;
    }
  };
  visit(root, true);
  if (root.type === 'call' && !at.includes(root.span.start)) {
    const spec = lookupFunction(root.name);
    const arrayResult = ARRAY_RESULTS.has(root.name) || spec?.category === 'array';
    const multi = root.name !== 'ROW' && root.name !== 'COLUMN' ? true : root.args.some(isMultiCell);
    if (arrayResult && multi && root.name !== 'SINGLE') at.push(root.span.start);
  }
  if (at.length === 0) return text;
  let out = '';
  let from = 0;
  for (const i of [...new Set(at)].sort((a, b) => a - b)) {
    out += `${text.slice(from, i)}@`;
    from = i;
  }
  return out + text.slice(from);
}
