import { describe, expect, test } from 'vitest';
import type { ColumnInfo } from '../sql';
import type { BlockId } from './document';
import { planFormulaColumns } from './formula-columns';
import { pivotSql, PivotError } from './pivot';

// Compiling is enough here: a misspelled column never reaches SQL.
const columns: ColumnInfo[] = [
  { name: 'qty', type: 'INTEGER' },
  { name: 'price', type: 'DOUBLE' },
  { name: 'region', type: 'VARCHAR' },
];
const noScope = { table: () => undefined, name: () => undefined, names: () => [] };

function columnError(formula: string) {
  const plan = planFormulaColumns({ id: 'b1' as BlockId, name: 'orders', base: 'orders', baseColumns: columns, formulaColumns: [{ name: 'total', formula }], scope: noScope });
  return plan.columns[0]!.error;
}

describe('a misspelled column name says which column was meant', () => {
  test('in a formula column: [prce] → did you mean price?', () => {
    expect(columnError('=[qty]*[prce]')).toEqual({ code: '#REF!', message: 'orders has no column prce — did you mean price?', span: expect.anything() });
  });

  test('a name far from every column gets no guess', () => {
    expect(columnError('=[qty]*[discount]')).toMatchObject({ code: '#REF!', message: 'orders has no column discount.' });
  });

  test("a pivot's row or column field", () => {
    expect(() => pivotSql({ rows: ['regoin'], columns: [], values: [] }, { name: 'orders', columns })).toThrow(new PivotError('The source has no column regoin — did you mean region?'));
    expect(() => pivotSql({ rows: [], columns: ['Region '], values: [] }, { name: 'orders', columns })).toThrow('did you mean region?');
  });

  test("a pivot value's column, and a column inside its aggregate formula", () => {
    expect(() => pivotSql({ rows: ['region'], columns: [], values: [{ aggregate: 'sum', column: 'qtyy' }] }, { name: 'orders', columns })).toThrow('The source has no column qtyy — did you mean qty?');
    expect(() => pivotSql({ rows: ['region'], columns: [], values: [{ aggregate: 'formula', formula: '=SUM([qty]*[prce])' }] }, { name: 'orders', columns })).toThrow('no column prce — did you mean price?');
  });

  test('a pivot field nothing like a column is refused without a guess', () => {
    expect(() => pivotSql({ rows: ['zzzzzz'], columns: [], values: [] }, { name: 'orders', columns })).toThrow(new PivotError('The source has no column zzzzzz.'));
  });
});
