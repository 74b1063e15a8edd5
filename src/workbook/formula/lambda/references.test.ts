import { expect, test } from 'vitest';
import { evaluateSheet } from '../../sheet';
import { displayValue, type Scalar } from '../values';

/** A sheet's computed values, as shown, for cells A1:A3 = 1, 2, 3 and the given formulas. */
async function sheet(formulas: Record<string, string>): Promise<Record<string, string>> {
  const world = { cell: () => undefined, relation: () => undefined, names: () => [], sheet: () => undefined };
  const values: Map<string, Scalar> = await evaluateSheet('s', { A1: '1', A2: '2', A3: '3', ...formulas }, world, () => Promise.reject(new Error('no tables here')));
  return Object.fromEntries([...values].map(([k, v]) => [k, displayValue(v)]));
}

test('a LET name given a range stays a reference for ROW, ROWS and OFFSET, as in Excel', async () => {
  const v = await sheet({ C1: '=LET(r, A1:A3, ROWS(r))', D1: '=LET(r, A2:A3, ROW(r))', E1: '=LET(r, A1, OFFSET(r, 2, 0))' });
  expect(v.C1).toBe('3');
  expect([v.D1, v.D2]).toEqual(['2', '3']);
  expect(v.E1).toBe('3');
});

test('a LAMBDA argument given a cell stays a reference inside the LAMBDA', async () => {
  const v = await sheet({ C1: '=LAMBDA(x, OFFSET(x, 1, 0))(A1)', D1: '=LAMBDA(x, ISREF(x))(A1)', E1: '=LAMBDA(x, ISREF(x))(5)' });
  expect(v.C1).toBe('2');
  expect(v.D1).toBe('TRUE');
  expect(v.E1).toBe('FALSE');
});

test('a helper\'s array result spills from its cell', async () => {
  const v = await sheet({ C1: '=MAP(A1:A3, LAMBDA(v, v * 10))', D1: '=MAKEARRAY(2, 2, LAMBDA(r, c, r + c))' });
  expect([v.C1, v.C2, v.C3]).toEqual(['10', '20', '30']);
  expect([v.D1, v.E1, v.D2, v.E2]).toEqual(['2', '3', '3', '4']);
});
