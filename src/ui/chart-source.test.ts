import { describe, expect, it } from 'vitest';
import type { Block, BlockId } from '../workbook';
import { chartSource } from './chart-source';

const id = (s: string) => s as BlockId;
const table = (name: string): Block => ({ id: id(name), kind: 'table', name, source: { kind: 'file', fileName: `${name}.csv`, format: 'csv' } } as unknown as Block);
const sheet = (name: string): Block => ({ id: id(name), kind: 'sheet', name, cells: {} });
const cell = (name: string): Block => ({ id: id(name), kind: 'cell', name, input: { kind: 'value' }, text: '1' } as unknown as Block);
const columns = [{ name: 'a', type: 'INTEGER' }];

describe('chartSource: the block Add chart draws', () => {
  it('skips an empty sheet added after the table (the chart of flights_3m was named sheet1_chart)', () => {
    const blocks = [table('flights_3m'), cell('typo'), sheet('sheet1')];
    const runs = { flights_3m: { columns, rows: 3_000_000 }, typo: {}, sheet1: { columns, rows: 0 } };
    expect(chartSource(blocks, runs)).toBe('flights_3m');
  });

  it('takes the last table-like block that has rows, a sheet with values included', () => {
    const blocks = [table('flights_3m'), sheet('sheet1')];
    expect(chartSource(blocks, { flights_3m: { columns, rows: 10 }, sheet1: { columns, rows: 2 } })).toBe('sheet1');
  });

  it('takes a block whose row count is not known yet, as before', () => {
    expect(chartSource([table('a'), table('b')], { a: { columns, rows: 5 }, b: { columns } })).toBe('b');
  });

  it('falls back to the last table-like block when none has rows, and to nothing when none has columns', () => {
    expect(chartSource([table('a'), sheet('sheet1')], { a: { columns, rows: 0 }, sheet1: { columns, rows: 0 } })).toBe('sheet1');
    expect(chartSource([table('a'), cell('c')], { a: {}, c: {} })).toBeUndefined();
  });
});
