import { describe, expect, test } from 'vitest';
import { differences, scalarResult } from '../../testing/differential';
import { errorOf, grid, one } from '../array/testing';

// Where the lookups differed from Excel in its saved workbooks (the conformance corpus): each case
// is named after what broke.

describe('XLOOKUP as Excel has it', () => {
  test('an if_not_found left empty (,,) is left out: not found is #N/A, not an empty value', () => {
    expect(errorOf('=XLOOKUP(9, {1;2}, {"a";"b"},,,-1)')).toBe('#N/A');
    expect(errorOf('=XLOOKUP(0, {1;2}, {"a";"b"},,-1,2)')).toBe('#N/A');
    expect(one('=XLOOKUP(9, {1;2}, {"a";"b"}, "none",,-1)')).toBe('none');
  });
  test('match_mode and search_mode left empty take their defaults', () => {
    expect(one('=XLOOKUP(2, {1;2}, {"a";"b"},,,)')).toBe('b');
  });
  test('a match_mode or search_mode Excel does not have is #VALUE!; TRUE is 1', () => {
    expect(errorOf('=XLOOKUP(2, {1;2}, {"a";"b"},, 12)')).toBe('#VALUE!');
    expect(errorOf('=XLOOKUP(2, {1;2}, {"a";"b"},, -2)')).toBe('#VALUE!');
    expect(errorOf('=XLOOKUP(2, {1;2}, {"a";"b"},,, 0)')).toBe('#VALUE!');
    expect(one('=XLOOKUP(2, {1;2}, {"a";"b"},,, TRUE)')).toBe('b');
  });
  test('a wildcard match with a binary search is #VALUE!', () => {
    expect(errorOf('=XLOOKUP("a*", {"ab";"b"}, {1;2},, 2, 2)')).toBe('#VALUE!');
    expect(errorOf('=XLOOKUP("a*", {"ab";"b"}, {1;2},, 2, -2)')).toBe('#VALUE!');
  });
  test('return_array of another height (or width) is #VALUE!, a single value too', () => {
    expect(errorOf('=XLOOKUP(1, {1;2;3;4}, {"a";"b";"c"})')).toBe('#VALUE!');
    expect(errorOf('=XLOOKUP(1, {1,2}, {"a","b","c"})')).toBe('#VALUE!');
    expect(errorOf('=XLOOKUP(1, {1;2}, TRUE)')).toBe('#VALUE!');
  });
  test('a lookup_array of several rows and columns is #VALUE!', () => {
    expect(errorOf('=XLOOKUP(1, {1,2;3,4}, {1,2;3,4})')).toBe('#VALUE!');
  });
  test('a return_array wider than the column of keys returns the whole row (and a column for a row of keys)', () => {
    expect(grid('=XLOOKUP(2, {1;2}, {"a","b";"c","d"})')).toEqual([['c', 'd']]);
    expect(grid('=XLOOKUP(2, {1,2}, {"a","b";"c","d"})')).toEqual([['b'], ['d']]);
  });
});

describe('an empty lookup value', () => {
  const blanks = [
    { values: [null], ranges: [[1, null, 3], ['a', 'b', 'c']] },
    { values: [null], ranges: [[null, 2, null], ['a', 'b', 'c']] },
    { values: [null], ranges: [['x', 'y', null], ['a', 'b', 'c']] },
    { values: [null], ranges: [[1, 2, 3], ['a', 'b', 'c']] },
    { values: [2], ranges: [[1, null, 2], ['a', 'b', 'c']] },
  ];
  test('XLOOKUP of an empty cell finds the first empty cell (the last, searching from the end), as in Excel', () => {
    expect(scalarResult('XLOOKUP($0, #0, #1)', blanks[0]!)).toBe('b');
    expect(scalarResult('XLOOKUP($0, #0, #1,,, -1)', blanks[1]!)).toBe('c');
    expect(scalarResult('XMATCH($0, #0)', blanks[2]!)).toBe(3);
  });
  test('both forms agree on empty keys and empty cells', async () => {
    for (const f of ['XLOOKUP($0, #0, #1)', 'XLOOKUP($0, #0, #1, "none", 0, -1)', 'XMATCH($0, #0)', 'XMATCH($0, #0, 0, -1)']) expect(await differences(f, blanks), f).toEqual([]);
  });
  test('MATCH of an empty cell stays #N/A, as in Excel', () => {
    expect(errorOf('=MATCH(, {1,2}, 0)')).toBe('#N/A');
  });
});

describe('binary searches (search_mode 2 and -2) find what Excel finds in sorted data', () => {
  const up = '{1;2;3;4;5;5;5;6;7;7;7;8;9}';
  const names = '{"aa";"a";"b";"c";"d";"e";"f";"g";"h";"i";"j";"k";"l"}';
  const down = '{9;8;7;7;7;6;5;5;5;4;3;2;1}';
  test('ascending: an exact match is the first of equal values; the next smaller, the last of them; the next larger, the first', () => {
    expect(one(`=XLOOKUP(5, ${up}, ${names},, -1, 2)`)).toBe('d');
    expect(one(`=XLOOKUP(7.1, ${up}, ${names},, -1, 2)`)).toBe('j');
    expect(one(`=XLOOKUP(6.8, ${up}, ${names},, 1, 2)`)).toBe('h');
  });
  test('descending: the mirror image', () => {
    expect(one(`=XLOOKUP(5, ${down}, ${names},, -1, -2)`)).toBe('h');
    expect(one(`=XLOOKUP(7.1, ${down}, ${names},, -1, -2)`)).toBe('b');
    expect(one(`=XLOOKUP(6.8, ${down}, ${names},, 1, -2)`)).toBe('d');
  });
  test('both forms agree, over tables and in a pivot', async () => {
    const sets = [
      { values: [7.1], ranges: [[1, 2, 7, 7, 7, 8], ['a', 'b', 'c', 'd', 'e', 'f']] },
      { values: [7], ranges: [[1, 2, 7, 7, 7, 8], ['a', 'b', 'c', 'd', 'e', 'f']] },
      { values: [7.1], ranges: [[9, 8, 7, 7, 5, 5], ['a', 'b', 'c', 'd', 'e', 'f']] },
      { values: ['c'], ranges: [[1, 2, 'b', 'b', 3], ['a', 'b', 'c', 'd', 'e']] },
    ];
    for (const f of ['XLOOKUP($0, #0, #1, "none", -1, 2)', 'XLOOKUP($0, #0, #1, "none", -1, -2)', 'XLOOKUP($0, #0, #1, "none", 1, -2)', 'XMATCH($0, #0, -1, 2)']) {
      expect(await differences(f, sets), f).toEqual([]);
    }
  });
});

describe('VLOOKUP and HLOOKUP as Excel has them', () => {
  test('text given as the table is #VALUE!, not #N/A; a number or TRUE is a table of one value', () => {
    expect(errorOf('=VLOOKUP("a", "Nothing", 1)')).toBe('#VALUE!');
    expect(errorOf('=HLOOKUP("a", "Nothing", 1)')).toBe('#VALUE!');
    expect(errorOf('=VLOOKUP("a", 3, 1)')).toBe('#N/A');
    expect(errorOf('=HLOOKUP("a", TRUE, 1)')).toBe('#N/A');
  });
});

describe('XMATCH as Excel has it', () => {
  test('modes left empty take their defaults; a wildcard binary search is #VALUE!', () => {
    expect(one('=XMATCH(2, {1;2},,)')).toBe(2);
    expect(errorOf('=XMATCH("a*", {"ab";"b"}, 2, 2)')).toBe('#VALUE!');
  });
});
