import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { isDate, type Scalar, type Value } from '../../values';
import { selectedValues } from './records';

// ---- DSUM, DCOUNT, DCOUNTA, DAVERAGE, DMIN, DMAX, DGET, DPRODUCT, DSTDEV, DSTDEVP, DVAR, DVARP

const NOTES =
  'The criteria range names fields in its first row; conditions in one row must all hold, and a record is counted when any row holds. ' +
  'A criterion without an operator ("b") matches text that begins with it; "=b" matches it exactly. ' +
  "Criteria computed by a formula under a blank heading (Excel's computed criteria) are not supported: such a column matches no record.";

/** The numbers among the values (dates as serials); the first error among them, if any. */
function numbers(values: Scalar[]): number[] | FormulaError {
  const out: number[] = [];
  for (const v of values) {
    if (isFormulaError(v)) return v;
    if (typeof v === 'number') out.push(v);
    else if (isDate(v)) out.push(v.serial);
  }
  return out;
}

const DIV0 = (name: string) => new FormulaError('#DIV/0!', `${name}: too few records meet the criteria.`);

function variance(xs: number[], sample: boolean): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - (sample ? 1 : 0));
}

function dfunction(name: string, summary: string, example: FunctionSpec['example'], over: (values: Scalar[]) => Value, fieldOptional = false): FunctionSpec {
  return {
    name,
    category: 'database',
    summary,
    params: [{ name: 'database', kind: 'range' }, { name: 'field', kind: 'range', optional: fieldOptional }, { name: 'criteria', kind: 'range' }],
    notes: NOTES,
    example,
    scalar(args) {
      const values = selectedValues(args, name, fieldOptional);
      return isFormulaError(values) ? values : over(values);
    },
  };
}

/** A function of the selected numbers. */
function ofNumbers(fn: (xs: number[]) => number | FormulaError): (values: Scalar[]) => Value {
  return (values) => {
    const xs = numbers(values);
    return isFormulaError(xs) ? xs : fn(xs);
  };
}

const DB = '{"Tree","Height";"Apple",18;"Pear",12;"Apple",14}';
const CRIT = '{"Tree";"Apple"}';

export const DATABASE_FUNCTIONS: FunctionSpec[] = [
  dfunction('DSUM', 'The sum of a field over the records that meet the criteria.', { formula: `=DSUM(${DB}, "Height", ${CRIT})`, result: '32' }, ofNumbers((xs) => xs.reduce((a, b) => a + b, 0))),
  dfunction('DAVERAGE', 'The average of a field over the records that meet the criteria.', { formula: `=DAVERAGE(${DB}, "Height", ${CRIT})`, result: '16' }, ofNumbers((xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : DIV0('DAVERAGE')))),
  dfunction('DMIN', 'The smallest number in a field over the records that meet the criteria (0 when none).', { formula: `=DMIN(${DB}, 2, ${CRIT})`, result: '14' }, ofNumbers((xs) => (xs.length ? Math.min(...xs) : 0))),
  dfunction('DMAX', 'The largest number in a field over the records that meet the criteria (0 when none).', { formula: `=DMAX(${DB}, 2, ${CRIT})`, result: '18' }, ofNumbers((xs) => (xs.length ? Math.max(...xs) : 0))),
  dfunction('DPRODUCT', 'The product of a field over the records that meet the criteria (0 when none).', { formula: `=DPRODUCT(${DB}, 2, ${CRIT})`, result: '252' }, ofNumbers((xs) => (xs.length ? xs.reduce((a, b) => a * b, 1) : 0))),
  dfunction(
    'DCOUNT',
    'How many numbers a field holds over the records that meet the criteria (with no field: how many records meet them).',
    { formula: `=DCOUNT(${DB}, "Height", ${CRIT})`, result: '2' },
    (values) => values.filter((v) => typeof v === 'number' || isDate(v)).length,
    true,
  ),
  dfunction(
    'DCOUNTA',
    'How many non-empty values a field holds over the records that meet the criteria (with no field: how many records meet them).',
    { formula: `=DCOUNTA(${DB}, "Tree", ${CRIT})`, result: '2' },
    (values) => values.filter((v) => v !== null && v !== '').length,
    true,
  ),
  dfunction('DGET', 'The field of the one record that meets the criteria (#VALUE! when none does, #NUM! when several do).', { formula: `=DGET(${DB}, "Height", {"Height";">15"})`, result: '18' }, (values) => {
    if (values.length === 0) return new FormulaError('#VALUE!', 'DGET: no record meets the criteria.');
    if (values.length > 1) return new FormulaError('#NUM!', `DGET: ${values.length} records meet the criteria; it needs exactly one.`);
    return values[0] ?? null;
  }),
  dfunction('DSTDEV', 'The sample standard deviation of a field over the records that meet the criteria.', { formula: `=DSTDEV(${DB}, 2, ${CRIT})`, result: '2.82842712474619' }, ofNumbers((xs) => (xs.length > 1 ? Math.sqrt(variance(xs, true)) : DIV0('DSTDEV')))),
  dfunction('DSTDEVP', 'The population standard deviation of a field over the records that meet the criteria.', { formula: `=DSTDEVP(${DB}, 2, ${CRIT})`, result: '2' }, ofNumbers((xs) => (xs.length > 0 ? Math.sqrt(variance(xs, false)) : DIV0('DSTDEVP')))),
  dfunction('DVAR', 'The sample variance of a field over the records that meet the criteria.', { formula: `=DVAR(${DB}, 2, ${CRIT})`, result: '8' }, ofNumbers((xs) => (xs.length > 1 ? variance(xs, true) : DIV0('DVAR')))),
  dfunction('DVARP', 'The population variance of a field over the records that meet the criteria.', { formula: `=DVARP(${DB}, 2, ${CRIT})`, result: '4' }, ofNumbers((xs) => (xs.length > 0 ? variance(xs, false) : DIV0('DVARP')))),
];
