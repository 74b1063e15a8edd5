import type { FunctionSpec } from '../catalog';
import { isFormulaError } from '../errors';
import { result } from '../sql/coerce';
import type { SqlExpr } from '../sql/types';
import { isDate, type Scalar } from '../values';
import { arg, sqlArg } from './helpers';

/** IS… functions: a test on one value, never an error themselves. */
function is(name: string, summary: string, test: (v: Scalar) => boolean, sql: (e: SqlExpr) => string, example: FunctionSpec['example']): FunctionSpec {
  return {
    name,
    category: 'information',
    summary,
    params: [{ name: 'value' }],
    propagate: false,
    example,
    scalar: (args) => test(arg(args, 0)),
    sql(args) {
      const e = sqlArg(args, 0);
      return result(sql(e), 'boolean', []);
    },
  };
}

const noError = (e: SqlExpr) => (e.err ? `${e.err} IS NULL` : 'TRUE');

export const INFORMATION_FUNCTIONS: FunctionSpec[] = [
  is('ISBLANK', 'TRUE for an empty cell (not for "" or 0).', (v) => v === null, (e) => (e.type === 'empty' || e.nullable ? `(${e.sql} IS NULL AND ${noError(e)})` : 'FALSE'), { formula: '=ISBLANK("")', result: 'FALSE' }),
  is(
    'ISNUMBER',
    'TRUE for a number (or a date).',
    (v) => typeof v === 'number' || isDate(v),
    (e) => (e.type === 'number' || e.type === 'date' || e.type === 'datetime' ? `(${e.sql} IS NOT NULL)` : 'FALSE'),
    { formula: '=ISNUMBER("12")', result: 'FALSE' },
  ),
  is('ISERROR', 'TRUE for any error value.', isFormulaError, (e) => (e.err ? `(${e.err} IS NOT NULL)` : 'FALSE'), { formula: '=ISERROR(1/0)', result: 'TRUE' }),
];
