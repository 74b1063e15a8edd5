import { describe, expect, test } from 'vitest';
import { scalarResult, show } from '../../../testing/differential';

const value = (formula: string) => scalarResult(formula, {});
const shown = (formula: string) => show(scalarResult(formula, {}));

describe('FLOOR.PRECISE, CEILING.PRECISE and ISO.CEILING', () => {
  test('round toward -∞ or +∞ whatever the sign of significance', () => {
    expect(value('FLOOR.PRECISE(-3.2, 2)')).toBe(-4);
    expect(value('FLOOR.PRECISE(3.2, -2)')).toBe(2);
    expect(value('CEILING.PRECISE(-3.2, 2)')).toBe(-2);
    expect(value('CEILING.PRECISE(4.3, -2)')).toBe(6);
    expect(value('ISO.CEILING(-4.3, -2)')).toBe(-4);
  });
  test('a significance left out is 1, and 0 gives 0', () => {
    expect(value('FLOOR.PRECISE(-7.1)')).toBe(-8);
    expect(value('CEILING.PRECISE(7.1)')).toBe(8);
    expect(value('ISO.CEILING(7.1, 0)')).toBe(0);
  });
  test('take the quotient on 15 significant digits', () => expect(value('CEILING.PRECISE(1.3, 0.1)')).toBe(1.3));
  test('text that is not a number is #VALUE!', () => expect(shown('FLOOR.PRECISE("eight", 1)')).toBe('#VALUE!'));
});

describe('FLOOR', () => {
  test('FLOOR(0, 0) is 0, as in Excel; another number over 0 is #DIV/0!', () => {
    expect(value('FLOOR(0, 0)')).toBe(0);
    expect(shown('FLOOR(5, 0)')).toBe('#DIV/0!');
  });
});

describe('arguments are read left to right', () => {
  test('the first argument that fails is the answer, as in Excel (FLOOR("", 1/0) is #VALUE!)', () => {
    expect(shown('FLOOR("", 1/0)')).toBe('#VALUE!');
    expect(shown('CEILING.MATH("x", NA())')).toBe('#VALUE!');
    expect(shown('FLOOR(1/0, "x")')).toBe('#DIV/0!');
  });
});
