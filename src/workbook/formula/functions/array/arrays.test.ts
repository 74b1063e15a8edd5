import { describe, expect, test } from 'vitest';
import { errorOf, grid } from './testing';

// The dynamic-array functions against Excel 365's documented results and error cases.

describe('SEQUENCE', () => {
  test('fills rows first, from start by step', () => {
    expect(grid('=SEQUENCE(2, 3)')).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(grid('=SEQUENCE(3, 1, 10, -2.5)')).toEqual([['10'], ['7.5'], ['5']]);
  });
  test('arguments left empty take their defaults; sizes are truncated; text numbers are read', () => {
    expect(grid('=SEQUENCE(,3,,2.5)')).toEqual([['1', '3.5', '6']]);
    expect(grid('=SEQUENCE(2.9)')).toEqual([['1'], ['2']]);
    expect(grid('=SEQUENCE("2")')).toEqual([['1'], ['2']]);
  });
  test('0 rows is #CALC! (an empty array), negative rows #VALUE!, text #VALUE!, larger than a sheet #VALUE!', () => {
    expect(errorOf('=SEQUENCE(0)')).toBe('#CALC!');
    expect(errorOf('=SEQUENCE(0.3)')).toBe('#CALC!');
    expect(errorOf('=SEQUENCE(-1)')).toBe('#VALUE!');
    expect(errorOf('=SEQUENCE("x")')).toBe('#VALUE!');
    expect(errorOf('=SEQUENCE(2000000)')).toBe('#VALUE!');
    expect(errorOf('=SEQUENCE(1/0)')).toBe('#DIV/0!');
  });
});

describe('TAKE and DROP', () => {
  test('take and drop from either end, truncating the counts', () => {
    expect(grid('=TAKE({1,2,3;4,5,6}, 1, -2)')).toEqual([['2', '3']]);
    expect(grid('=TAKE({1;2;3}, -2)')).toEqual([['2'], ['3']]);
    expect(grid('=TAKE({1;2;3}, 10)')).toEqual([['1'], ['2'], ['3']]);
    expect(grid('=DROP({1;2;3;4}, 2.7)')).toEqual([['3'], ['4']]);
    expect(grid('=DROP({1;2;3;4}, -3)')).toEqual([['1']]);
    expect(grid('=DROP({1,2,3;4,5,6},,1)')).toEqual([['2', '3'], ['5', '6']]);
  });
  test('an empty result is #CALC!', () => {
    expect(errorOf('=TAKE({1;2}, 0)')).toBe('#CALC!');
    expect(errorOf('=DROP({1;2}, 2)')).toBe('#CALC!');
    expect(errorOf('=DROP({1;2}, -1200)')).toBe('#CALC!');
    expect(errorOf('=DROP({1;2}, 1, 1)')).toBe('#CALC!');
  });
});

describe('CHOOSEROWS, CHOOSECOLS and EXPAND', () => {
  test('pick rows and columns by number, from the end when negative, arrays of numbers too', () => {
    expect(grid('=CHOOSEROWS({1,2;3,4;5,6}, -1, {1,1})')).toEqual([['5', '6'], ['1', '2'], ['1', '2']]);
    expect(grid('=CHOOSECOLS({1,2,3;4,5,6}, 3, 1)')).toEqual([['3', '1'], ['6', '4']]);
  });
  test('0 or a number past the end is #VALUE!', () => {
    expect(errorOf('=CHOOSEROWS({1;2}, 0)')).toBe('#VALUE!');
    expect(errorOf('=CHOOSECOLS({1,2}, 3)')).toBe('#VALUE!');
    expect(errorOf('=CHOOSEROWS({1;2}, -3)')).toBe('#VALUE!');
  });
  test('EXPAND pads with #N/A or pad_with, and cannot shrink', () => {
    expect(grid('=EXPAND({1,2}, 2, 3)')).toEqual([['1', '2', '#N/A'], ['#N/A', '#N/A', '#N/A']]);
    expect(grid('=EXPAND({1,2}, 2, , 0)')).toEqual([['1', '2'], ['0', '0']]);
    expect(errorOf('=EXPAND({1,2;3,4}, 1)')).toBe('#VALUE!');
  });
});

describe('TOCOL, TOROW, WRAPROWS, WRAPCOLS, TRANSPOSE', () => {
  test('TOCOL reads row by row, or column by column, and skips blanks and errors as asked', () => {
    expect(grid('=TOCOL({1,2;3,4})')).toEqual([['1'], ['2'], ['3'], ['4']]);
    expect(grid('=TOCOL({1,2;3,4}, 0, TRUE)')).toEqual([['1'], ['3'], ['2'], ['4']]);
    expect(grid('=TOROW({1,#N/A;3,4}, 2)')).toEqual([['1', '3', '4']]);
    expect(grid('=TOROW({1,#N/A;3,4}, 1)')).toEqual([['1', '#N/A', '3', '4']]);
  });
  test('TOCOL: an ignore other than 0 to 3 is #VALUE!; nothing left is #CALC!', () => {
    expect(errorOf('=TOCOL({1,2}, 4)')).toBe('#VALUE!');
    expect(errorOf('=TOCOL({#N/A,#DIV/0!}, 2)')).toBe('#CALC!');
  });
  test('WRAPROWS and WRAPCOLS wrap a vector and pad the last line', () => {
    expect(grid('=WRAPROWS({1,2,3,4,5}, 2)')).toEqual([['1', '2'], ['3', '4'], ['5', '#N/A']]);
    expect(grid('=WRAPCOLS({1;2;3}, 2, "-")')).toEqual([['1', '3'], ['2', '-']]);
  });
  test('WRAPROWS: a 2-D array is #VALUE!, a wrap count below 1 #NUM!', () => {
    expect(errorOf('=WRAPROWS({1,2;3,4}, 2)')).toBe('#VALUE!');
    expect(errorOf('=WRAPCOLS({1,2,3}, 0)')).toBe('#NUM!');
  });
  test('TRANSPOSE swaps rows and columns', () => {
    expect(grid('=TRANSPOSE({1,2,3;4,5,6})')).toEqual([['1', '4'], ['2', '5'], ['3', '6']]);
    expect(grid('=TRANSPOSE(7)')).toEqual([['7']]);
  });
});

describe('HSTACK and VSTACK', () => {
  test('stack arrays, padding the shorter ones with #N/A', () => {
    expect(grid('=HSTACK({1,2}, {3;4})')).toEqual([['1', '2', '3'], ['#N/A', '#N/A', '4']]);
    expect(grid('=VSTACK({1,2}, {3;4}, 5)')).toEqual([['1', '2'], ['3', '#N/A'], ['4', '#N/A'], ['5', '#N/A']]);
  });
});

describe('TRIMRANGE', () => {
  test('is the array itself when no outer row or column is empty; bad modes are #VALUE!', () => {
    expect(grid('=TRIMRANGE({1,2;3,4})')).toEqual([['1', '2'], ['3', '4']]);
    expect(errorOf('=TRIMRANGE({1,2}, 4)')).toBe('#VALUE!');
  });
});

describe('FILTER', () => {
  test('keeps the rows (or columns) whose include value is true', () => {
    expect(grid('=FILTER({1;2;3;4}, {1;2;3;4}>2)')).toEqual([['3'], ['4']]);
    expect(grid('=FILTER({1,2,3,4}, {1,0,1,0})')).toEqual([['1', '3']]);
    expect(grid('=FILTER({"a",1;"b",2;"c",3}, ({1;2;3}=1)+({1;2;3}=3))')).toEqual([['a', '1'], ['c', '3']]);
  });
  test('nothing kept is #CALC!, or if_empty when it is given', () => {
    expect(errorOf('=FILTER({1;2}, {0;0})')).toBe('#CALC!');
    expect(grid('=FILTER({1;2}, {0;0}, "none")')).toEqual([['none']]);
  });
  test('include of the wrong size or with text is #VALUE!; an error in it is the answer', () => {
    expect(errorOf('=FILTER({1;2;3}, {TRUE;FALSE})')).toBe('#VALUE!');
    expect(errorOf('=FILTER({1;2}, {"yes";1})')).toBe('#VALUE!');
    expect(errorOf('=FILTER({1;2}, {1;#N/A})')).toBe('#N/A');
  });
});

describe('SORT and SORTBY', () => {
  test('SORT by a column, ascending or descending; numbers before text before booleans', () => {
    expect(grid('=SORT({3;"b";TRUE;1;"A"})')).toEqual([['1'], ['3'], ['A'], ['b'], ['TRUE']]);
    expect(grid('=SORT({3,"x";1,"y";2,"z"}, 1, -1)')).toEqual([['3', 'x'], ['2', 'z'], ['1', 'y']]);
    expect(grid('=SORT({3,1,2}, 1, 1, TRUE)')).toEqual([['1', '2', '3']]);
  });
  test('SORT by several keys, stable for ties', () => {
    expect(grid('=SORT({1,"b";2,"a";1,"a"}, {1,2}, {1,-1})')).toEqual([['1', 'b'], ['1', 'a'], ['2', 'a']]);
  });
  test('SORT: an index outside the array or an order other than 1/-1 is #VALUE!', () => {
    expect(errorOf('=SORT({1,2}, 3)')).toBe('#VALUE!');
    expect(errorOf('=SORT({1;2}, 1, 2)')).toBe('#VALUE!');
  });
  test('SORTBY sorts by other arrays, each with its order', () => {
    expect(grid('=SORTBY({"a";"b";"c"}, {3;1;2})')).toEqual([['b'], ['c'], ['a']]);
    expect(grid('=SORTBY({"a";"b";"c"}, {1;2;1}, -1, {"z";"y";"x"}, 1)')).toEqual([['b'], ['c'], ['a']]);
    expect(grid('=SORTBY({"a","b"}, {2,1})')).toEqual([['b', 'a']]);
  });
  test('SORTBY: a by_array of another size is #VALUE!', () => {
    expect(errorOf('=SORTBY({1;2;3}, {1;2})')).toBe('#VALUE!');
  });
});

describe('UNIQUE', () => {
  test('distinct rows in order of first appearance, text case-insensitively', () => {
    expect(grid('=UNIQUE({"a";"b";"A";"c"})')).toEqual([['a'], ['b'], ['c']]);
    expect(grid('=UNIQUE({1,2;1,2;1,3})')).toEqual([['1', '2'], ['1', '3']]);
    expect(grid('=UNIQUE({1,1,2}, TRUE)')).toEqual([['1', '2']]);
  });
  test('exactly_once keeps values that appear once; none left is #CALC!', () => {
    expect(grid('=UNIQUE({1;1;2},,TRUE)')).toEqual([['2']]);
    expect(errorOf('=UNIQUE({1;1},,TRUE)')).toBe('#CALC!');
  });
});
