import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, anyErr, bool, castTo, commonType, errWhen, guard, rangeErr, result } from '../sql/coerce';
import { expr, isSqlRange, type SqlExpr } from '../sql/types';
import { toBoolean } from '../values';
import { arg, argValues, sqlArg } from './helpers';

/** `CASE` over branches that must share one type; errors follow the branch taken. */
export function sqlBranches(cases: { when: string; then: SqlExpr }[], otherwise: SqlExpr, conditionErr: string | null = null): SqlExpr {
  const type = commonType([...cases.map((c) => c.then), otherwise]);
  const branches = cases.map((c) => ({ when: c.when, then: castTo(c.then, type) }));
  const other = castTo(otherwise, type);
  const value = `CASE ${branches.map((b) => `WHEN ${b.when} THEN ${b.then.sql}`).join(' ')} ELSE ${other.sql} END`;
  const branchErr = [...branches.map((b) => b.then.err), other.err].some(Boolean)
    ? `CASE ${branches.map((b) => `WHEN ${b.when} THEN ${b.then.err ?? 'NULL'}`).join(' ')} ELSE ${other.err ?? 'NULL'} END`
    : null;
  const err = anyErr(conditionErr, branchErr);
  return expr(guard(value, err), type, err, [...branches.map((b) => b.then), other].some((b) => b.nullable || b.type === 'empty'));
}

const IF: FunctionSpec = {
  name: 'IF',
  category: 'logic',
  summary: 'One value when a condition is TRUE, another when it is FALSE (FALSE itself when left out).',
  params: [{ name: 'condition' }, { name: 'value_if_true' }, { name: 'value_if_false', optional: true }],
  propagate: false,
  example: { formula: '=IF(2 > 1, "yes", "no")', result: 'yes' },
  scalar(args) {
    const c = toBoolean(arg(args, 0));
    if (isFormulaError(c)) return c;
    return c ? arg(args, 1) : arg(args, 2, false);
  },
  sql(args) {
    const c = bool(sqlArg(args, 0));
    return sqlBranches([{ when: c.sql, then: sqlArg(args, 1) }], sqlArg(args, 2, false), c.err);
  },
};

const IFERROR: FunctionSpec = {
  name: 'IFERROR',
  category: 'logic',
  summary: 'The value, or a fallback when the value is any error (#DIV/0!, #N/A …).',
  params: [{ name: 'value' }, { name: 'value_if_error' }],
  propagate: false,
  example: { formula: '=IFERROR(1/0, "none")', result: 'none' },
  scalar(args) {
    const v = arg(args, 0);
    return isFormulaError(v) ? arg(args, 1) : v;
  },
  sql(args) {
    const v = sqlArg(args, 0);
    if (!v.err) return v;
    return sqlBranches([{ when: `${v.err} IS NULL`, then: { ...v, err: null } }], sqlArg(args, 1));
  },
};

/** AND / OR over values and ranges: booleans and numbers count, text and empty cells in ranges are skipped. */
function logical(name: 'AND' | 'OR', summary: string, example: FunctionSpec['example']): FunctionSpec {
  const and = name === 'AND';
  return {
    name,
    category: 'logic',
    summary,
    params: [{ name: 'logical', kind: 'range' }],
    repeat: 1,
    example,
    scalar(args) {
      const values: boolean[] = [];
      for (const { value, direct } of argValues(args)) {
        if (isFormulaError(value)) return value;
        if (!direct && (value === null || typeof value === 'string')) continue;
        const b = toBoolean(value);
        if (isFormulaError(b)) return b;
        values.push(b);
      }
      if (values.length === 0) return new FormulaError('#VALUE!', `${name} found no TRUE/FALSE values.`);
      return and ? values.every(Boolean) : values.some(Boolean);
    },
    sql(args) {
      // Each part is TRUE/FALSE, or NULL when it held no logical values (a range of text).
      const parts: string[] = [];
      const errs: (string | null)[] = [];
      for (const a of args) {
        if (a === undefined) continue;
        if (isSqlRange(a)) {
          const c = a.columns[0]!;
          const x = c.type === 'boolean' ? c.sql : c.type === 'number' ? `(${c.sql} <> 0)` : 'CAST(NULL AS BOOLEAN)';
          parts.push(aggregate(a, `${and ? 'bool_and' : 'bool_or'}(${x})`));
          errs.push(rangeErr(a));
        } else {
          const b = bool(a);
          parts.push(a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN NULL ELSE ${b.sql} END` : b.sql);
          errs.push(b.err);
        }
      }
      const neutral = and ? 'TRUE' : 'FALSE';
      const value = `(${parts.map((p) => `COALESCE(${p}, ${neutral})`).join(and ? ' AND ' : ' OR ')})`;
      const none = `(${parts.map((p) => `${p} IS NULL`).join(' AND ')})`;
      return result(value, 'boolean', [...errs, errWhen(none, '#VALUE!')]);
    },
  };
}

const NOT: FunctionSpec = {
  name: 'NOT',
  category: 'logic',
  summary: 'TRUE becomes FALSE and FALSE becomes TRUE.',
  params: [{ name: 'logical' }],
  example: { formula: '=NOT(1 > 2)', result: 'TRUE' },
  scalar(args) {
    const b = toBoolean(arg(args, 0));
    return isFormulaError(b) ? b : !b;
  },
  sql(args) {
    const b = bool(sqlArg(args, 0));
    return result(`(NOT ${b.sql})`, 'boolean', [b.err]);
  },
};

export const LOGIC_FUNCTIONS: FunctionSpec[] = [
  IF,
  IFERROR,
  logical('AND', 'TRUE when every condition is TRUE.', { formula: '=AND(1 < 2, 3 < 4)', result: 'TRUE' }),
  logical('OR', 'TRUE when any condition is TRUE.', { formula: '=OR(1 > 2, 3 < 4)', result: 'TRUE' }),
  NOT,
];

