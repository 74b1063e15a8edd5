import { describe, expect, test } from 'vitest';
import { DATABASE_FUNCTIONS } from '../functions/database';
import { evaluate } from '../evaluate';
import { parseFormula } from '../parser';
import { show } from '../testing/differential';
import { displayValue, RangeValue, type Scalar } from '../values';

// The database functions over Excel's own example (the trees of its DAVERAGE page), with the
// criteria rules Excel-saved workbooks show: rows OR'ed, columns AND'ed, headings matched without
// regard to case, a bare text criterion matching as a prefix.

const TREES: Scalar[][] = [
  ['Tree', 'Height', 'Age', 'Yield', 'Profit'],
  ['Apple', 18, 20, 14, 105],
  ['Pear', 12, 12, 10, 96],
  ['Cherry', 13, 14, 9, 105],
  ['Apple', 14, 15, 10, 75],
  ['Pear', 9, 8, 8, 76.8],
  ['Apple', 8, 9, 6, 45],
];

const range = (rows: Scalar[][]) => new RangeValue(rows.length, rows[0]!.length, rows.flat());

/** A formula over `db` (the trees) and `crit` (the given criteria range). */
function run(formula: string, criteria: Scalar[][], db: Scalar[][] = TREES): string {
  const names = new Map<string, RangeValue>([
    ['db', range(db)],
    ['crit', range(criteria)],
  ]);
  const v = evaluate(parseFormula(`=${formula}`), {
    name: (n) => names.get(n.toLowerCase()),
    isTable: () => false,
    names: () => names.keys(),
    now: () => new Date(0),
    random: () => 0.5,
  });
  return show(v instanceof RangeValue ? v.at(0, 0) : v);
}

describe('every example runs as documented', () => {
  for (const spec of DATABASE_FUNCTIONS) {
    test(`${spec.name}: ${spec.example.formula}`, () => expect(displayValue(run(spec.example.formula.slice(1), [[null]]))).toBe(spec.example.result));
  }
});

describe('criteria', () => {
  test("Excel's DAVERAGE page: apple trees over 10 feet; every tree; heights under 16; names containing pp", () => {
    expect(run('DAVERAGE(db, "Yield", crit)', [['Tree', 'Height'], ['=Apple', '>10']])).toBe('12');
    expect(run('DAVERAGE(db, 3, db)', [[null]])).toBe('13');
    expect(run('DAVERAGE(db, "yield", crit)', [['HEIGHT'], ['<16']])).toBe('8.6');
    expect(run('DAVERAGE(db, "Yield", crit)', [['Tree'], ['*pp*']])).toBe('10');
  });
  test('rows are OR’ed, columns AND’ed; an empty criteria row matches every record', () => {
    expect(run('DSUM(db, "Profit", crit)', [['Tree', 'Age'], ['Pear', '>10'], ['Cherry', null]])).toBe('201');
    expect(run('DCOUNT(db, "Age", crit)', [['Tree'], ['Apple'], [null]])).toBe('6');
  });
  test('a bare text criterion matches what begins with it; "=" matches exactly', () => {
    const db: Scalar[][] = [['Name', 'N'], ['Berlin', 1], ['Berlino', 2], ['BERLIN', 4], [' Berlin', 8]];
    expect(run('DSUM(db, "N", crit)', [['name'], ['berlin']], db)).toBe('7');
    expect(run('DSUM(db, "N", crit)', [['name'], ['=berlin']], db)).toBe('5');
  });
  test('a heading that names no field: a condition under it matches nothing, an empty one is no condition', () => {
    expect(run('DSUM(db, "Profit", crit)', [['Revnu'], ['>0']])).toBe('0');
    expect(run('DSUM(db, "Profit", crit)', [['Revnu'], [null]])).toBe('502.8');
  });
});

describe('results and errors', () => {
  const apples = [['Tree'], ['=Apple']] as Scalar[][];
  test('each aggregate over the apple trees', () => {
    expect(run('DMIN(db, "Profit", crit)', apples)).toBe('45');
    expect(run('DMAX(db, "Profit", crit)', apples)).toBe('105');
    expect(run('DPRODUCT(db, "Yield", crit)', apples)).toBe('840');
    expect(run('DCOUNTA(db, "Tree", crit)', apples)).toBe('3');
    expect(run('DCOUNT(db, , crit)', apples)).toBe('3');
    expect(run('DVARP(db, "Yield", crit)', apples)).toBe(show(32 / 3));
    expect(run('DGET(db, "Yield", crit)', [['Tree', 'Height'], ['=Apple', '>16']])).toBe('14');
  });
  test('no record: DSUM, DMIN, DMAX 0; DAVERAGE, DSTDEV, DVAR #DIV/0!; DGET #VALUE!; several for DGET #NUM!', () => {
    const none = [['Tree'], ['=Plum']] as Scalar[][];
    expect(run('DSUM(db, "Yield", crit)', none)).toBe('0');
    expect(run('DMAX(db, "Yield", crit)', none)).toBe('0');
    expect(run('DAVERAGE(db, "Yield", crit)', none)).toBe('#DIV/0!');
    expect(run('DSTDEV(db, "Yield", crit)', [['Tree'], ['=Cherry']])).toBe('#DIV/0!');
    expect(run('DGET(db, "Yield", crit)', none)).toBe('#VALUE!');
    expect(run('DGET(db, "Yield", crit)', apples)).toBe('#NUM!');
  });
  test('a field that is no heading, a column number outside the database, or a database without records is #VALUE!', () => {
    expect(run('DSUM(db, "Weight", crit)', apples)).toBe('#VALUE!');
    expect(run('DSUM(db, 0, crit)', apples)).toBe('#VALUE!');
    expect(run('DSUM(db, 6, crit)', apples)).toBe('#VALUE!');
    expect(run('DSUM(db, 5.9, crit)', apples)).toBe('225');
    expect(run('DSUM(db, "Yield", crit)', apples, [TREES[0]!])).toBe('#VALUE!');
  });
});
