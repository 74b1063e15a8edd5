import type { ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isRange, toText, type RangeValue, type Scalar } from '../../values';
import { matches, parseCriterion, type Criterion } from '../criteria';
import { arg } from '../helpers';

// The database functions' reading of their arguments, as Excel reads them: a database is a range
// whose first row names its fields; the criteria range's first row names fields too, and each of
// its other rows is one set of conditions, all of which a record must meet (columns are AND'ed);
// a record is counted when it meets any row's conditions (rows are OR'ed). Field names match
// case-insensitively. A criterion written without an operator ("b") matches text that begins
// with it, as in Excel's advanced filter; "=b" matches b exactly.

const VALUE = (message: string) => new FormulaError('#VALUE!', message);

/** A field name as compared: its text, folded. */
function fieldName(v: Scalar): string {
  const t = isFormulaError(v) ? v.code : toText(v);
  return (isFormulaError(t) ? t.code : t).trim().toLowerCase();
}

function asRange(a: ScalarArg, what: string, name: string): RangeValue | FormulaError {
  if (isRange(a)) return a;
  if (isFormulaError(a)) return a;
  return VALUE(`${name}: the ${what} must be a range with its field names in the first row.`);
}

/** A criterion cell as a condition; undefined for an empty cell (no condition). */
function condition(v: Scalar): Criterion | undefined {
  if (v === null || v === '') return undefined;
  const c = parseCriterion(v);
  // Text without an operator matches what begins with it.
  if (typeof v === 'string' && c.kind === 'text' && !/^(<=|>=|<>|<|>|=)/.test(v)) return { kind: 'text', op: '=', value: `${c.value}*`, wildcard: true };
  return c;
}

/** The column of each field name, the first one that matches; -1 when none does. */
function columnOf(db: RangeValue, name: string): number {
  for (let c = 0; c < db.cols; c++) if (fieldName(db.at(0, c)) === name) return c;
  return -1;
}

/** The database's records (row numbers) that meet the criteria. */
function matchingRows(db: RangeValue, criteria: RangeValue): number[] {
  // One OR-branch per criteria row: (column, condition) pairs; a pair with column -1 never holds.
  const branches: { col: number; cond: Criterion }[][] = [];
  for (let r = 1; r < criteria.rows; r++) {
    const branch: { col: number; cond: Criterion }[] = [];
    for (let c = 0; c < criteria.cols; c++) {
      const cond = condition(criteria.at(r, c));
      if (cond) branch.push({ col: columnOf(db, fieldName(criteria.at(0, c))), cond });
    }
    branches.push(branch);
  }
  const rows: number[] = [];
  for (let r = 1; r < db.rows; r++) {
    const ok = branches.length === 0 || branches.some((b) => b.every(({ col, cond }) => col >= 0 && matches(cond, db.at(r, col))));
    if (ok) rows.push(r);
  }
  return rows;
}

/** The field's values in the records that meet the criteria, or the error that stops the function. */
export function selectedValues(args: ScalarArg[], name: string, fieldOptional = false): Scalar[] | FormulaError {
  const db = asRange(args[0], 'database', name);
  if (isFormulaError(db)) return db;
  const criteria = asRange(args[2], 'criteria', name);
  if (isFormulaError(criteria)) return criteria;
  if (db.rows < 2) return VALUE(`${name}: the database has no records below its field names.`);
  const rows = matchingRows(db, criteria);
  if (args[1] === undefined || (fieldOptional && arg(args, 1) === null)) {
    if (!fieldOptional) return VALUE(`${name} needs a field: its name or its column number.`);
    // No field: every matching record counts once (as a non-empty value).
    return rows.map(() => 1);
  }
  // The field is a range parameter so that a range there is #VALUE!, not a call per cell.
  const f = args[1];
  if (isRange(f) && f.rows * f.cols !== 1) return VALUE(`${name}: the field is one name or one column number, not a range of ${f.rows * f.cols} cells.`);
  const field = arg(args, 1);
  if (isFormulaError(field)) return field;
  let col: number;
  if (typeof field === 'number') {
    col = Math.trunc(field) - 1;
    if (col < 0 || col >= db.cols) return VALUE(`${name}: field ${field} is not a column of the database (1 to ${db.cols}).`);
  } else {
    col = columnOf(db, fieldName(field));
    if (col < 0) return VALUE(`${name}: "${fieldName(field)}" is not a field name of the database.`);
  }
  return rows.map((r) => db.at(r, col));
}
