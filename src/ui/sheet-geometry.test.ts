import { describe, expect, test } from 'vitest';
import { columnLayout, visibleColumns, visibleRows } from './sheet-geometry';

describe('column layout over 16,384 columns of varying widths', () => {
  const layout = columnLayout(16_384, (c) => (c === 1 ? 200 : 100));
  test('prefix sums give each column its left edge and width', () => {
    expect(layout.left(0)).toBe(0);
    expect(layout.left(2)).toBe(300);
    expect(layout.width(1)).toBe(200);
    expect(layout.left(16_384)).toBe(16_383 * 100 + 200);
  });
  test('a binary search finds the column under a pixel, clamped to the grid', () => {
    expect(layout.at(0)).toBe(0);
    expect(layout.at(99)).toBe(0);
    expect(layout.at(100)).toBe(1);
    expect(layout.at(299)).toBe(1);
    expect(layout.at(300)).toBe(2);
    expect(layout.at(-50)).toBe(0);
    expect(layout.at(1e12)).toBe(16_383);
  });
  test('only the visible columns and a little overscan are rendered, after the frozen ones', () => {
    expect(visibleColumns(layout, 0, 1000, 0, 2)).toEqual([0, 11]);
    const [from, to] = visibleColumns(layout, layout.left(16_000), 1000, 1, 2);
    expect(from).toBeGreaterThanOrEqual(15_990);
    expect(to - from).toBeLessThan(20);
    expect(visibleColumns(layout, layout.left(16_383), 1000, 0, 2)[1]).toBe(16_383);
  });
});

describe('visible rows of a 1,048,576-row sheet', () => {
  test('a window around the viewport, never past the last row, after the frozen rows', () => {
    expect(visibleRows(1_048_576, 24, 0, 480, 0, 8)).toEqual([0, 28]);
    expect(visibleRows(1_048_576, 24, 24 * 1_048_576, 480, 0, 8)[1]).toBe(1_048_575);
    expect(visibleRows(1_048_576, 24, 0, 480, 3, 8)[0]).toBe(3);
  });
  test('a million rows of 24 px fit under Chromium\'s largest element (about 33.5 million px)', () => {
    expect(24 * (1_048_576 + 1)).toBeLessThan(33_554_428);
  });
});
