import { describe, expect, test } from 'vitest';
import { evaluate } from '../../../evaluate';
import { isFormulaError } from '../../../errors';
import { parseFormula } from '../../../parser';
import { scalarResult } from '../../../testing/differential';
import { isRange, type Value } from '../../../values';

// Excel's documented results (shown there to 6-10 digits) and Excel-saved values from the
// conformance workbooks.

const value = (formula: string) => scalarResult(formula, {});
const code = (formula: string) => {
  const v = value(formula);
  return isFormulaError(v) ? v.code : v;
};
const close = (formula: string, expected: number, digits = 9) => expect(value(formula) as number, formula).toBeCloseTo(expected, digits);
/** The top-left value of an array formula, as the corpus checks it. */
const first = (formula: string, expected: number) => expect(array(formula)[0] as number, formula).toBeCloseTo(expected, 12);

/** A formula's whole array value, row by row. */
function array(formula: string): unknown[] {
  const v: Value = evaluate(parseFormula(`=${formula}`), { name: () => undefined, isTable: () => false, names: () => [], now: () => new Date(), random: () => 0.5 } as never);
  return isRange(v) ? [...v.values] : [v];
}

describe('moments of a set of numbers', () => {
  test('agree with Excel', () => {
    expect(value('DEVSQ(4, 5, 8, 7, 11, 4, 3)')).toBe(48);
    close('AVEDEV(4, 5, 6, 7, 5, 4, 3)', 1.020408163);
    close('SKEW(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', 0.359543071, 8);
    close('SKEW.P(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', 0.303193339, 8);
    close('KURT(3, 4, 5, 2, 3, 4, 5, 6, 4, 7)', -0.151799637, 8);
    close('HARMEAN(4, 5, 8, 7, 11, 4, 3)', 5.028375962);
    close('TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3}, 0.2)', 3.777777778);
    close('VARA({1,2,3,4})', 5 / 3);
  });
  test('too few numbers or numbers that do not vary are #DIV/0!; HARMEAN of a number ≤ 0 is #NUM!', () => {
    expect(code('SKEW(1, 2)')).toBe('#DIV/0!');
    expect(code('KURT(1, 1, 1, 1)')).toBe('#DIV/0!');
    expect(code('HARMEAN(1, 0)')).toBe('#NUM!');
    expect(code('TRIMMEAN({1,2,3}, 1)')).toBe('#NUM!');
  });
});

describe('statistics of pairs', () => {
  const ys = '{2,3,9,1,8,7,5}';
  const xs = '{6,5,11,7,5,4,4}';
  test('agree with Excel', () => {
    close(`SLOPE(${ys}, ${xs})`, 0.305555556);
    close('INTERCEPT({2,3,9,1,8}, {6,5,11,7,5})', 0.048387097);
    close(`RSQ(${ys}, ${xs})`, 0.05795019, 8);
    close(`STEYX(${ys}, ${xs})`, 3.305718950, 8);
    expect(value('COVARIANCE.P({3,2,4,5,6}, {9,7,12,15,17})')).toBeCloseTo(5.2, 12);
    close('COVARIANCE.S({2,4,8}, {5,11,12})', 9.666666667);
    close('FORECAST(30, {6,7,9,15,21}, {20,28,31,38,40})', 10.607253086);
    close('PEARSON({9,7,5,3,1}, {10,6,1,5,3})', 0.699378606);
  });
  test('ranges of different sizes are #N/A; x values that do not vary are #DIV/0!', () => {
    expect(code('SLOPE({1,2,3}, {1,2})')).toBe('#N/A');
    expect(code('SLOPE({1,2,3}, {4,4,4})')).toBe('#DIV/0!');
  });
});

describe('order statistics', () => {
  test('agree with Excel', () => {
    expect(value('RANK.AVG(94, {89,88,92,101,94,97,95})')).toBe(4);
    expect(value('RANK.AVG(5, {3,5,3,5,4})')).toBe(1.5);
    expect(value('PERCENTILE.EXC({1,2,3,6,6,6,7,8,9}, 0.25)')).toBe(2.5);
    expect(value('QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49}, 3)')).toBe(43);
    expect(value('PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1}, 2)')).toBe(0.333);
    expect(value('PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1}, 5)')).toBe(0.583);
    expect(value('PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9}, 7)')).toBe(0.7);
    expect(value('PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9}, 5.43)')).toBe(0.381);
    expect(value('PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9}, 5.43, 1)')).toBe(0.3);
    expect(value('PROB({0,1,2,3}, {0.2,0.3,0.1,0.4}, 2)')).toBeCloseTo(0.1, 12);
    expect(value('PROB({0,1,2,3}, {0.2,0.3,0.1,0.4}, 1, 3)')).toBeCloseTo(0.8, 12);
  });
  test('MODE.MULT and FREQUENCY return vertical arrays', () => {
    expect(array('MODE.MULT({1,2,3,4,3,2,1,2,3})')).toEqual([2, 3]);
    expect(array('FREQUENCY({79,85,78,85,50,81,95,88,97}, {70,79,89})')).toEqual([1, 2, 4, 2]);
  });
  test('a number not in the range is #N/A; k outside the exclusive range is #NUM!; probabilities not adding to 1 are #NUM!', () => {
    expect(code('RANK.AVG(7, {1,2,3})')).toBe('#N/A');
    expect(code('MODE.MULT({1,2,3})')).toBe('#N/A');
    expect(code('PERCENTILE.EXC({1,2,3}, 0.1)')).toBe('#NUM!');
    expect(code('PERCENTRANK.INC({1,2,3}, 4)')).toBe('#N/A');
    expect(code('PROB({1,2}, {0.5,0.6}, 1)')).toBe('#NUM!');
  });
});

describe('hypothesis tests', () => {
  test('agree with Excel', () => {
    close('Z.TEST({3,6,7,8,6,5,4,2,1,9}, 4)', 0.090574197, 8);
    close('T.TEST({3,4,5,8,9,1,2,4,5}, {6,19,3,2,14,4,5,17,1}, 2, 1)', 0.196016, 5);
    close('F.TEST({6,7,9,15,21}, {20,28,31,38,40})', 0.648317847, 8);
    close('CHISQ.TEST({58,35;11,25;10,23}, {45.35,47.65;17.56,18.44;16.09,16.91})', 0.0003082, 7);
  });
  test('a tails or type outside Excel’s choices is #NUM!; samples too small are #DIV/0!', () => {
    expect(code('T.TEST({1,2,3}, {2,3,4}, 3, 1)')).toBe('#NUM!');
    expect(code('T.TEST({1}, {2}, 2, 2)')).toBe('#DIV/0!');
    expect(code('F.TEST({1,1}, {2,3})')).toBe('#DIV/0!');
  });
});

describe('least-squares fits', () => {
  const y = '{0.2;0.31;0.4;0.51;0.7}';
  const x = '{1.1;2.1;3;5.2;7}';
  test('TREND and GROWTH agree with Excel', () => {
    first(`TREND(${y}, ${x}, {8;9;11})`, 0.7668816454592993);
    first(`TREND(${y}, ${x}, {8;9;11}, FALSE)`, 0.8491506728435914);
    first(`TREND(${y})`, 0.18400000000000014);
    first(`GROWTH(${y}, ${x}, {8;9;11})`, 0.8925767627890601);
    first(`GROWTH(${y}, ${x}, {8;9;11}, FALSE)`, 0.31819185285303236);
  });
  test('LINEST and LOGEST list the slopes last variable first, then the intercept', () => {
    const [m, b] = array('LINEST({1,9,5,7}, {0,4,2,3})') as number[];
    expect(m).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(1, 12);
    const [g, a] = array('LOGEST({2,4,8}, {1,2,3})') as number[];
    expect(g).toBeCloseTo(2, 12);
    expect(a).toBeCloseTo(1, 12);
  });
  test('LINEST with stats gives the 5-row table, #N/A where Excel leaves cells empty', () => {
    const v = array('LINEST({1,9,5,7,4}, {0,4,2,3,2}, TRUE, TRUE)');
    expect(v).toHaveLength(10);
    expect(v[0] as number).toBeCloseTo(2.0227272727272725, 12);
    expect(v[4] as number).toBeCloseTo(0.9783843873517788, 12); // r²
    expect(v[7]).toBe(3); // degrees of freedom
    const two = array('LINEST({1;9;5;7;4}, {0,1;4,3;2,2;3,5;2,1}, TRUE, TRUE)');
    expect(two).toHaveLength(15);
    expect(isFormulaError(two[8]) && two[8].code).toBe('#N/A');
  });
  test('text in known_y’s is #VALUE!; ranges of different sizes #REF!; GROWTH of a y ≤ 0 #NUM!', () => {
    expect(code('TREND({1;2;"a"}, {1;2;3})')).toBe('#VALUE!');
    expect(code('TREND({1;2;3}, {1;2})')).toBe('#REF!');
    expect(code('GROWTH({1;0;3})')).toBe('#NUM!');
  });
});
