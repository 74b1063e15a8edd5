import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { numberArg } from '../helpers';
import { build, emptyArray, intArg, omitted, sizeProblem } from './shape';

// SEQUENCE: an array of numbers counted from a start by a step.

export const SEQUENCE: FunctionSpec = {
  name: 'SEQUENCE',
  category: 'array',
  summary: 'An array of numbers in rows and columns, from start (1) by step (1), filled row by row.',
  params: [{ name: 'rows' }, { name: 'columns', optional: true }, { name: 'start', optional: true }, { name: 'step', optional: true }],
  notes: 'rows and columns are truncated to whole numbers; 0 is #CALC! (an empty array), below 0 #VALUE!. An argument left empty takes its default, as in SEQUENCE(,5).',
  example: { formula: '=SUM(SEQUENCE(2, 3))', result: '21' },
  scalar(args) {
    const rows = intArg('SEQUENCE', 'rows', args, 0, 1);
    if (isFormulaError(rows)) return rows;
    const cols = intArg('SEQUENCE', 'columns', args, 1, 1);
    if (isFormulaError(cols)) return cols;
    const start = omitted(args, 2) ? 1 : numberArg(args, 2);
    if (isFormulaError(start)) return start;
    const step = omitted(args, 3) ? 1 : numberArg(args, 3);
    if (isFormulaError(step)) return step;
    if (rows < 0 || cols < 0) return new FormulaError('#VALUE!', 'SEQUENCE: rows and columns cannot be negative.');
    if (rows === 0 || cols === 0) return emptyArray('SEQUENCE', 'rows or columns is 0');
    const problem = sizeProblem('SEQUENCE', rows, cols);
    if (problem) return problem;
    return build(rows, cols, (r, c) => start + (r * cols + c) * step);
  },
};
