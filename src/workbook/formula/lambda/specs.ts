import type { FunctionSpec, ParamSpec } from '../catalog';
import { FormulaError } from '../errors';

/**
 * Catalog entries for the names the evaluator works out itself (lambda/index.ts), so completion,
 * the reference and "unknown function" know them. Their arguments are names and formulas, not
 * values, so the scalar form is never the one that runs; SQL has no form of them.
 */
function special(name: string, summary: string, params: ParamSpec[], example: FunctionSpec['example'], extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    name,
    category: 'logic',
    summary,
    params,
    example,
    propagate: false,
    ...extra,
    scalar: () => new FormulaError('#VALUE!', `${name} reads the names and formulas inside it, so it cannot be computed from values alone here.`),
  };
}

const NAMES_NOTE = 'Excel\'s files write parameters as _xlpm.x (and optional ones as _xlop.x); Cellar reads both. Not computed by SQL: in a column formula it says so.';

export const LAMBDA_FUNCTIONS: FunctionSpec[] = [
  special(
    'LET',
    'Names values inside one formula: each name can be used by the values after it and by the calculation.',
    [{ name: 'name1' }, { name: 'value1' }, { name: 'calculation_or_name2' }, { name: 'value2', optional: true }],
    { formula: '=LET(x, 2, y, 3, x * y)', result: '6' },
    { repeat: 2, notes: 'A name given by LET hides a named cell, table or defined name of the same name inside the formula. ' + NAMES_NOTE },
  ),
  special(
    'LAMBDA',
    'A function made of a formula: its parameters, then the calculation. Call it in place, LAMBDA(x, x + 1)(5), or name it and call it by its name.',
    [{ name: 'parameter_or_calculation' }],
    { formula: '=LAMBDA(x, x + 1)(5)', result: '6' },
    {
      repeat: 1,
      notes:
        'A LAMBDA left uncalled in a cell shows #CALC!, as in Excel. A call with too few or too many arguments is #VALUE!; a LAMBDA that calls itself without end is #NUM!. A named cell holding =LAMBDA(…), or a defined name holding one in an .xlsx, is called by its name: =MYFN(2). A LET or LAMBDA name given a cell or range stays a reference (ROW, OFFSET read it). ' +
        NAMES_NOTE,
    },
  ),
  special('ISOMITTED', 'TRUE when a LAMBDA\'s parameter was left out of the call, as in f(1, ).', [{ name: 'argument' }], { formula: '=LAMBDA(x, y, IF(ISOMITTED(y), x, x + y))(1, )', result: '1' }),
  special(
    'MAP',
    'Applies a LAMBDA to every value of one or more arrays (one parameter per array), giving an array of the results.',
    [{ name: 'array', kind: 'range' }, { name: 'array_or_lambda', kind: 'range' }],
    { formula: '=SUM(MAP({1, 2, 3}, LAMBDA(x, x * x)))', result: '14' },
    { repeat: 1, notes: 'Arrays of different sizes: a single row or column repeats; elsewhere beyond the smaller array the value is #N/A. A LAMBDA that gives several values for one place is #CALC!.' },
  ),
  special(
    'REDUCE',
    'Runs a LAMBDA(accumulator, value) over an array, row by row, and gives the accumulator at the end.',
    [{ name: 'initial_value', optional: true }, { name: 'array', kind: 'range' }, { name: 'lambda' }],
    { formula: '=REDUCE(0, {1, 2, 3}, LAMBDA(acc, x, acc + x * x))', result: '14' },
    { notes: 'The accumulator may become an array (as with VSTACK). Left out, the initial value is empty.' },
  ),
  special(
    'SCAN',
    'Runs a LAMBDA(accumulator, value) over an array, row by row, and gives every accumulator on the way, in the array\'s shape.',
    [{ name: 'initial_value', optional: true }, { name: 'array', kind: 'range' }, { name: 'lambda' }],
    { formula: '=SUM(SCAN(0, {1, 2, 3}, LAMBDA(acc, x, acc + x)))', result: '10' },
  ),
  special('BYROW', 'Applies a LAMBDA to each row of an array, giving one value per row (a column).', [{ name: 'array', kind: 'range' }, { name: 'lambda' }], {
    formula: '=SUM(BYROW({1, 2; 3, 4}, LAMBDA(row, MAX(row))))',
    result: '6',
  }, { notes: 'A function\'s name alone works as the LAMBDA: BYROW(A1:C3, SUM).' }),
  special('BYCOL', 'Applies a LAMBDA to each column of an array, giving one value per column (a row).', [{ name: 'array', kind: 'range' }, { name: 'lambda' }], {
    formula: '=SUM(BYCOL({1, 2; 3, 4}, LAMBDA(col, MIN(col))))',
    result: '3',
  }),
  special(
    'MAKEARRAY',
    'An array of rows × cols values, each computed by a LAMBDA(row, col) from its position (counted from 1).',
    [{ name: 'rows' }, { name: 'cols' }, { name: 'lambda' }],
    { formula: '=SUM(MAKEARRAY(2, 3, LAMBDA(r, c, r * c)))', result: '18' },
    { notes: 'rows or cols below 1, or not a number, is #VALUE!.' },
  ),
];
