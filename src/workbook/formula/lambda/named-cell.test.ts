import { expect, test } from 'vitest';
import { fromScalar, toScalar } from '../../cells';
import { evaluateFormulaCell, type FormulaWorld } from '../../formula-eval';
import { formulaRefs } from '../../formula-refs';
import { displayValue, type Scalar } from '../values';

/** Named cells by name, as the workbook gives them to formulas. */
function world(cells: Record<string, Scalar>): FormulaWorld {
  return { cell: (n) => cells[n.toLowerCase()], relation: () => undefined, names: () => Object.keys(cells) };
}
const noSql = () => Promise.reject(new Error('no tables here'));

test('a named cell holding a LAMBDA shows #CALC! and is called by its name from another cell (=MYFN(2))', async () => {
  // Through the cell value a run keeps, as the app stores it.
  const myfn = toScalar(fromScalar(await evaluateFormulaCell('=LAMBDA(x, x * rate)', world({ rate: 3 }), noSql)));
  expect(displayValue(myfn)).toBe('#CALC!');
  expect(await evaluateFormulaCell('=MYFN(2) + 1', world({ myfn }), noSql)).toBe(7);
  expect(displayValue(await evaluateFormulaCell('=MYFN(1, 2)', world({ myfn }), noSql))).toBe('#VALUE!');
});

test('a call of no known function reads the named cell of that name, so it reruns when the LAMBDA changes', () => {
  expect(formulaRefs('=MYFN(2) + SUM(1)').names).toEqual(['MYFN']);
});
