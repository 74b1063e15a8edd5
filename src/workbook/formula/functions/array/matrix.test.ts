import { describe, expect, test } from 'vitest';
import { errorOf, grid, one } from './testing';

// The matrix functions against Excel's documented results and error cases.

describe('MMULT', () => {
  test('multiplies matrices; single values are 1×1 matrices', () => {
    expect(grid('=MMULT({1,2;3,4}, {5,6;7,8})')).toEqual([['19', '22'], ['43', '50']]);
    expect(grid('=MMULT({1;2}, {3,4})')).toEqual([['3', '4'], ['6', '8']]);
    expect(one('=MMULT(2, 5)')).toBe(10);
  });
  test('an empty value, text or TRUE in an array is #VALUE!, as is a size mismatch', () => {
    expect(errorOf('=MMULT({1,"2"}, {1;2})')).toBe('#VALUE!');
    expect(errorOf('=MMULT({1,TRUE}, {1;2})')).toBe('#VALUE!');
    expect(errorOf('=MMULT({1,2}, {1,2})')).toBe('#VALUE!');
    expect(errorOf('=MMULT(,)')).toBe('#VALUE!');
  });
  test('an error in an array is the answer; a product too large is #NUM!', () => {
    expect(errorOf('=MMULT({1,#N/A}, {1;2})')).toBe('#N/A');
    expect(errorOf('=MMULT({1E+200,1}, {1E+200;1})')).toBe('#NUM!');
  });
});

describe('MDETERM and MINVERSE', () => {
  test('the determinant, with the rounding of LU decomposition as Excel has it', () => {
    expect(one('=MDETERM({3,6;1,1})')).toBe(-3);
    expect(one('=MDETERM({1,2,3;4,5,6;7,8,10})')).toBeCloseTo(-3, 12);
    expect(one('=MDETERM({1,2,3;4,5,6;7,8,9})')).toBeCloseTo(6.66133814775094e-16, 25);
    expect(one('=MDETERM({1,2;2,4})')).toBe(0);
  });
  test('the inverse; a singular array is #NUM!', () => {
    expect(grid('=MINVERSE({4,7;2,6})')).toEqual([['0.6', '-0.7'], ['-0.2', '0.4']]);
    expect(one('=MINVERSE(4)')).toBe(0.25);
    expect(errorOf('=MINVERSE({1,2;2,4})')).toBe('#NUM!');
  });
  test('a non-square array or one with text is #VALUE!', () => {
    expect(errorOf('=MDETERM({1,2})')).toBe('#VALUE!');
    expect(errorOf('=MINVERSE({1,2;3,"x"})')).toBe('#VALUE!');
  });
});

describe('MUNIT', () => {
  test('the identity matrix; the size is truncated', () => {
    expect(grid('=MUNIT(2)')).toEqual([['1', '0'], ['0', '1']]);
    expect(one('=MUNIT(1.7)')).toBe(1);
    expect(one('=MUNIT(TRUE)')).toBe(1);
  });
  test('a size below 1 or text is #VALUE!', () => {
    expect(errorOf('=MUNIT(0.2)')).toBe('#VALUE!');
    expect(errorOf('=MUNIT(-1)')).toBe('#VALUE!');
    expect(errorOf('=MUNIT("hola")')).toBe('#VALUE!');
  });
});
