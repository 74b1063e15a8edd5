import type { FunctionSpec } from '../catalog';
import { FormulaError, isFormulaError } from '../errors';
import { aggregate, anyErr, bool, castTo, commonType, compare, errCode, errorExpr, errWhen, guard, literal, num, rangeErr, result } from '../sql/coerce';
import { expr, isSqlRange, type SqlExpr } from '../sql/types';
import { compareValues, toBoolean } from '../values';
import { LAMBDA_FUNCTIONS } from '../lambda/specs';
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
        // Empty is skipped even given directly (an empty cell), as the SQL form skips it; so is
        // "" given directly (Excel: OR("", TRUE) is TRUE, OR("") is #VALUE!: nothing to read).
        if (value === null || value === '' || (!direct && typeof value === 'string')) continue;
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
          const x = rangeLogical(c);
          parts.push(aggregate(a, `${and ? 'bool_and' : 'bool_or'}(${x})`));
          errs.push(rangeErr(a));
        } else {
          const d = directLogical(a);
          parts.push(d.value);
          errs.push(d.err);
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

/**
 * The error of a chain of conditions tried in order (IFS, SWITCH): the first condition's error
 * unless an earlier condition held; null when none can fail.
 */
function chainErr(conditions: SqlExpr[]): string | null {
  if (!conditions.some((c) => c.err)) return null;
  const steps = conditions.map((c) => `${c.err ? `WHEN ${c.err} IS NOT NULL THEN ${c.err} ` : ''}WHEN ${c.sql} THEN NULL`);
  return `CASE ${steps.join(' ')} END`;
}

const IFS: FunctionSpec = {
  name: 'IFS',
  category: 'logic',
  summary: 'The value after the first condition that is TRUE; #N/A when none is.',
  params: [{ name: 'condition' }, { name: 'value' }],
  repeat: 2,
  propagate: false,
  notes: 'Conditions are tried in order: an error in a condition is the answer unless an earlier one was TRUE; values that are not chosen are never read. Add TRUE as the last condition for a default.',
  example: { formula: '=IFS(5 > 10, "big", 5 > 3, "medium", TRUE, "small")', result: 'medium' },
  scalar(args) {
    for (let i = 0; i + 1 < args.length; i += 2) {
      const c = toBoolean(arg(args, i));
      if (isFormulaError(c)) return c;
      if (c) return arg(args, i + 1);
    }
    return new FormulaError('#N/A', 'IFS: no condition is TRUE.');
  },
  sql(args) {
    const conditions: SqlExpr[] = [];
    const values: SqlExpr[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      conditions.push(bool(sqlArg(args, i)));
      values.push(sqlArg(args, i + 1));
    }
    return sqlBranches(
      conditions.map((c, j) => ({ when: c.sql, then: values[j]! })),
      errorExpr('#N/A'),
      chainErr(conditions),
    );
  },
};

const SWITCH: FunctionSpec = {
  name: 'SWITCH',
  category: 'logic',
  summary: 'Compares a value with a list of values and returns the result paired with the first equal one; else the default (the odd last argument), else #N/A.',
  params: [{ name: 'expression' }, { name: 'value' }, { name: 'result' }, { name: 'default_or_value', optional: true }, { name: 'result', optional: true }],
  repeat: 2,
  propagate: false,
  notes: 'Values compare as = does: text case-insensitively, a number never equals text ("1" is not 1), empty equals 0 and "". Values are tried in order; an error in one is the answer unless an earlier one matched.',
  example: { formula: '=SWITCH(2, 1, "one", 2, "two", "many")', result: 'two' },
  scalar(args) {
    const x = arg(args, 0);
    if (isFormulaError(x)) return x;
    const pairs = Math.floor((args.length - 1) / 2);
    for (let j = 0; j < pairs; j++) {
      const v = arg(args, 1 + 2 * j);
      if (isFormulaError(v)) return v;
      if (compareValues(x, v) === 0) return arg(args, 2 + 2 * j);
    }
    return (args.length - 1) % 2 === 1 ? arg(args, args.length - 1) : new FormulaError('#N/A', 'SWITCH: no value matches, and there is no default.');
  },
  sql(args) {
    const x = sqlArg(args, 0);
    const pairs = Math.floor((args.length - 1) / 2);
    const conditions = Array.from({ length: pairs }, (_, j) => compare(x, sqlArg(args, 1 + 2 * j), '='));
    const fallback = (args.length - 1) % 2 === 1 ? sqlArg(args, args.length - 1) : errorExpr('#N/A');
    // The expression's own error comes first even with no pairs to compare.
    return sqlBranches(
      conditions.map((c, j) => ({ when: c.sql, then: sqlArg(args, 2 + 2 * j) })),
      fallback,
      anyErr(x.err, chainErr(conditions)),
    );
  },
};

const IFNA: FunctionSpec = {
  name: 'IFNA',
  category: 'logic',
  summary: 'The value, or a fallback when the value is #N/A (other errors stay).',
  params: [{ name: 'value' }, { name: 'value_if_na' }],
  propagate: false,
  example: { formula: '=IFNA(SWITCH(3, 1, "one", 2, "two"), "none")', result: 'none' },
  scalar(args) {
    const v = arg(args, 0);
    return isFormulaError(v) && v.code === '#N/A' ? arg(args, 1) : v;
  },
  sql(args) {
    const v = sqlArg(args, 0);
    if (!v.err) return v;
    return sqlBranches([{ when: `${v.err} IS DISTINCT FROM ${errCode('#N/A')}`, then: v }], sqlArg(args, 1));
  },
};

const XOR: FunctionSpec = {
  name: 'XOR',
  category: 'logic',
  summary: 'TRUE when an odd number of the conditions are TRUE.',
  params: [{ name: 'logical', kind: 'range' }],
  repeat: 1,
  notes: 'Read as AND and OR read their arguments: numbers are TRUE unless 0; in ranges, text and empty cells are skipped; an empty value given directly is skipped too (as Excel skips an empty cell). No TRUE/FALSE values at all is #VALUE!.',
  example: { formula: '=XOR(1 > 0, 2 > 0)', result: 'FALSE' },
  scalar(args) {
    let seen = 0;
    let trues = 0;
    for (const { value, direct } of argValues(args)) {
      if (isFormulaError(value)) return value;
      if (value === null || value === '' || (!direct && typeof value === 'string')) continue;
      const b = toBoolean(value);
      if (isFormulaError(b)) return b;
      seen++;
      if (b) trues++;
    }
    if (seen === 0) return new FormulaError('#VALUE!', 'XOR found no TRUE/FALSE values.');
    return trues % 2 === 1;
  },
  sql(args) {
    const trues: string[] = [];
    const seen: string[] = [];
    const errs: (string | null)[] = [];
    for (const a of args) {
      if (a === undefined) continue;
      if (isSqlRange(a)) {
        const x = rangeLogical(a.columns[0]!);
        trues.push(`COALESCE(${aggregate(a, `count(*) FILTER (WHERE ${x})`)}, 0)`);
        seen.push(`COALESCE(${aggregate(a, `count(${x})`)}, 0)`);
        errs.push(rangeErr(a));
      } else if (a.type === 'empty') {
        errs.push(a.err);
      } else {
        const d = directLogical(a);
        trues.push(`CASE WHEN ${d.value} THEN 1 ELSE 0 END`);
        seen.push(`CASE WHEN ${d.value} IS NULL THEN 0 ELSE 1 END`);
        errs.push(d.err);
      }
    }
    const sum = (parts: string[]) => (parts.length ? `(${parts.join(' + ')})` : '0');
    return result(`(${sum(trues)} % 2 = 1)`, 'boolean', [...errs, errWhen(`${sum(seen)} = 0`, '#VALUE!')]);
  },
};

/**
 * A value given directly to AND, OR or XOR: TRUE/FALSE, or NULL where it is skipped (empty, and
 * "" as Excel skips it); other text that is not TRUE or FALSE is #VALUE!.
 */
function directLogical(a: SqlExpr): { value: string; err: string | null } {
  if (a.type === 'text') {
    const x = a.sql;
    const value = `CASE WHEN upper(${x}) = 'TRUE' THEN TRUE WHEN upper(${x}) = 'FALSE' THEN FALSE END`;
    return { value, err: anyErr(a.err, errWhen(`${x} <> '' AND upper(${x}) NOT IN ('TRUE', 'FALSE')`, '#VALUE!')) };
  }
  const b = bool(a);
  return { value: a.nullable ? `CASE WHEN ${a.sql} IS NULL THEN NULL ELSE ${b.sql} END` : b.sql, err: b.err };
}

/** A range column's values as AND, OR and XOR read them: TRUE/FALSE, numbers (and dates) TRUE unless 0; NULL where skipped. */
function rangeLogical(c: SqlExpr): string {
  if (c.type === 'boolean') return c.sql;
  if (c.type === 'number' || c.type === 'date' || c.type === 'datetime') return `CASE WHEN ${c.sql} IS NOT NULL THEN ${num(c).sql} <> 0 END`;
  return 'CAST(NULL AS BOOLEAN)';
}

/** TRUE() and FALSE(): the values, as functions (Excel keeps them for old workbooks). */
function constant(value: boolean): FunctionSpec {
  const name = value ? 'TRUE' : 'FALSE';
  return {
    name,
    category: 'logic',
    summary: `The value ${name}.`,
    params: [],
    example: { formula: `=${name}()`, result: name },
    scalar: () => value,
    sql: () => literal(value),
  };
}

export const LOGIC_FUNCTIONS: FunctionSpec[] = [
  IF,
  IFERROR,
  logical('AND', 'TRUE when every condition is TRUE.', { formula: '=AND(1 < 2, 3 < 4)', result: 'TRUE' }),
  logical('OR', 'TRUE when any condition is TRUE.', { formula: '=OR(1 > 2, 3 < 4)', result: 'TRUE' }),
  NOT,
  IFS,
  SWITCH,
  IFNA,
  XOR,
  constant(true),
  constant(false),
  ...LAMBDA_FUNCTIONS,
];

