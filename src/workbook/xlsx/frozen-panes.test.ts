import { describe, expect, test } from 'vitest';
import { frozenPanes } from './frozen-panes';

describe('frozen panes read from a worksheet view', () => {
  test('a frozen split gives its rows and columns', () => {
    expect(frozenPanes([{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }])).toEqual({ rows: 1, cols: 0 });
    expect(frozenPanes([{ state: 'frozen', xSplit: 2, ySplit: 3 }])).toEqual({ rows: 3, cols: 2 });
  });
  test('a normal or split (not frozen) view, or none, freezes nothing', () => {
    expect(frozenPanes(undefined)).toBeUndefined();
    expect(frozenPanes([{ state: 'normal' }])).toBeUndefined();
    expect(frozenPanes([{ state: 'split', xSplit: 2000, ySplit: 3000 }])).toBeUndefined();
  });
  test('a damaged split (negative, fractional, past the sheet) is cut to what a sheet can freeze', () => {
    expect(frozenPanes([{ state: 'frozen', xSplit: -4, ySplit: 2.7 }])).toEqual({ rows: 2, cols: 0 });
    expect(frozenPanes([{ state: 'frozen', xSplit: 99_999, ySplit: 0 }])).toEqual({ rows: 0, cols: 16_383 });
    expect(frozenPanes([{ state: 'frozen', xSplit: Number.NaN }])).toBeUndefined();
  });
});
