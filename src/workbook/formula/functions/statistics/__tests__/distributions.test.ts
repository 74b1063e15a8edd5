import { describe, expect, test } from 'vitest';
import { isFormulaError } from '../../../errors';
import { scalarResult } from '../../../testing/differential';

// Values Excel computed (from the Excel-saved conformance workbooks) or exact closed forms; each
// must agree to 1e-9 relative.

function value(formula: string): unknown {
  return scalarResult(formula, {});
}

function expectNear(formula: string, expected: number) {
  const v = value(formula);
  expect(typeof v, `${formula} gave ${String(v)}`).toBe('number');
  expect(Math.abs((v as number) - expected), formula).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
}

function expectError(formula: string, code: string) {
  const v = value(formula);
  expect(isFormulaError(v) ? v.code : v, formula).toBe(code);
}

describe('the normal and lognormal distributions', () => {
  test('agree with Excel and with closed forms', () => {
    expectNear('NORM.S.DIST(1, TRUE)', 0.8413447460685429);
    expectNear('NORM.S.DIST(-10, TRUE)', 7.619853024160527e-24);
    expectNear('NORM.S.INV(0.975)', 1.959963984540054);
    expectNear('NORM.DIST(42, 40, 1.5, FALSE)', Math.exp(-0.5 * (2 / 1.5) ** 2) / (1.5 * Math.sqrt(2 * Math.PI)));
    expectNear('LOGNORM.INV(0.49999999999915673, 3.5, 1000000000000)', 3.999765880934408);
    expectNear('GAUSS(2)', 0.4772498680518208);
    expectNear('PHI(0.75)', Math.exp(-0.28125) / Math.sqrt(2 * Math.PI));
  });
  test('NORM.S.INV keeps its digits in the far upper tail', () => {
    expectNear('NORM.S.INV(1 - 1E-12)', 7.034486910047835);
  });
  test('a standard deviation at or below 0, or a probability outside (0, 1), is #NUM!', () => {
    expectError('NORM.DIST(1, 0, 0, TRUE)', '#NUM!');
    expectError('NORM.INV(1, 0, 1)', '#NUM!');
    expectError('NORM.S.INV(0)', '#NUM!');
    expectError('LOGNORM.DIST(0, 0, 1, TRUE)', '#NUM!');
  });
  test('cumulative reads the text "TRUE" as Excel does, other text is #VALUE!', () => {
    expectNear('LOGNORM.DIST(4, 3.5, 1.2, "true")', 0.03908355570680048);
    expectError('LOGNORM.DIST(4, 3.5, 1.2, "yes")', '#VALUE!');
  });
});

describe('the gamma and beta distributions', () => {
  test('agree with Excel', () => {
    expectNear('GAMMA.DIST(1, 1, 1, TRUE)', 0.6321205588285577);
    expectNear('GAMMA.DIST(10, 9, 2, FALSE)', 0.032639019674079374);
    expectNear('GAMMA.DIST(10, 9, 1000000, TRUE)', 2.755707120924027e-51);
    expectNear('GAMMA.INV(0.032639019674079374, 9, 2)', 8.647346439974024);
    expectNear('GAMMA.INV(1E-7, 9, 2)', 1.4902187371078093);
    expectNear('BETA.DIST(2, 8, 10, TRUE, 1, 3)', 0.6854705810546873);
    expectNear('BETA.DIST(2, 8, 10, FALSE, 1, 3)', 1.4837646484375);
    expectNear('BETA.INV(0.6854705810546873, 8, 10, 1, 3)', 2);
    expectNear('GAMMA(0.5)', Math.sqrt(Math.PI));
    expectNear('GAMMA(-1.5)', (4 * Math.sqrt(Math.PI)) / 3);
    expectNear('GAMMALN(100)', 359.1342053695754);
  });
  test('GAMMA at 0 or a negative integer, GAMMALN at or below 0, are #NUM!', () => {
    expectError('GAMMA(0)', '#NUM!');
    expectError('GAMMA(-2)', '#NUM!');
    expectError('GAMMALN(0)', '#NUM!');
  });
  test('x outside [A, B], or A equal to B, is #NUM! for BETA.DIST', () => {
    expectError('BETA.DIST(10, 9, 2, TRUE)', '#NUM!');
    expectError('BETA.INV(1, 1, 1, 0, 0)', '#NUM!');
  });
  test('GAMMA.INV of a probability of 1 or more is #NUM!', () => {
    expectError('GAMMA.INV(1, 9, 2)', '#NUM!');
  });
});

describe('the chi-squared, t and F distributions', () => {
  test('agree with Excel, degrees of freedom truncated', () => {
    expectNear('CHISQ.DIST(12.3, 4, TRUE)', 0.9847456053442304);
    expectNear('CHISQ.DIST.RT(8, 3.34)', 0.04601170568923137);
    expectNear('CHISQ.DIST(12.3, 7.2, FALSE)', 0.030107210682426052);
    expectNear('CHISQ.INV.RT(0.015254394655769613, 4)', 12.3);
    expectNear('T.DIST(3, 5.2, TRUE)', 0.9849503760512687);
    expectNear('T.DIST(-2, 5.2, FALSE)', 0.0650903103262165);
    expectNear('T.DIST.2T(3, 5.2)', 0.030099247897462586);
    expectNear('T.INV(0.0650903103262165, 5.2)', -1.8093538332133492);
    expectNear('T.INV.2T(0.06977246933203729, 5.2)', 2.3);
    expectNear('T.DIST(60, 1, TRUE)', 0.5 + Math.atan(60) / Math.PI);
    expectNear('F.DIST(0.8, 2.4, 3, TRUE)', 0.4733220523344033);
    expectNear('F.DIST(0.7, 4, 2.4, FALSE)', 0.40509259259259256);
    expectNear('F.DIST.RT(0.7, 4, 2.4)', 0.6597222222222223);
    expectNear('F.INV(0.40509259259259256, 4, 2.4)', 0.8753979410454287);
    expectNear('CONFIDENCE.T(0.05, 1, 50)', 0.2841968554957298);
  });
  test('T.DIST keeps its digits at huge degrees of freedom, where it is the normal distribution', () => {
    expectNear('T.DIST(2, 1E12, TRUE)', 0.9772498680518208);
    expectNear('T.DIST.RT(2, 1E7)', 1 - 0.9772498545540799);
  });
  test('a negative x for the two-tailed t, or degrees of freedom below 1, are #NUM!', () => {
    expectError('T.DIST.2T(-2, 5)', '#NUM!');
    expectError('T.DIST(1, 0.5, TRUE)', '#NUM!');
    expectError('CHISQ.DIST(-1, 2, TRUE)', '#NUM!');
    expectError('F.DIST(1, 0, 2, TRUE)', '#NUM!');
  });
  test('CONFIDENCE.T with a sample of one is #DIV/0!', () => {
    expectError('CONFIDENCE.T(0.05, 1, 1)', '#DIV/0!');
  });
});

describe('the discrete distributions', () => {
  test('agree with Excel and exact values', () => {
    expect(value('BINOM.DIST(6, 10, 0.5, FALSE)')).toBe(0.205078125);
    expectNear('BINOM.DIST(6, 10, 0.5, TRUE)', 848 / 1024);
    expectNear('HYPGEOM.DIST(1.8, 4.2, 8.2, 22, TRUE)', 0.5349282296650714);
    expectNear('HYPGEOM.DIST(1.8, 4.2, 8.2, 18.34, FALSE)', 0.31372549019607815);
    expectNear('POISSON.DIST(2, 5, TRUE)', Math.exp(-5) * (1 + 5 + 12.5));
    expectNear('EXPON.DIST(1, 2, FALSE)', 0.2706705664732254);
    expect(value('BINOM.INV(6, 0.5, 0.75)')).toBe(4);
  });
  test('a negative x for POISSON.DIST is #NUM!, even one truncated to 0', () => {
    expectError('POISSON.DIST(-0.000001, 5, TRUE)', '#NUM!');
  });
  test('a number of successes beyond the trials is #NUM!', () => {
    expectError('BINOM.DIST(11, 10, 0.5, FALSE)', '#NUM!');
    expectError('BINOM.DIST(1, 10, 1.5, FALSE)', '#NUM!');
  });
});

describe('the small functions', () => {
  test('FISHER, PERMUT and PERMUTATIONA', () => {
    expectNear('FISHER(0.75)', Math.atanh(0.75));
    expectError('FISHER(1)', '#NUM!');
    expect(value('PERMUT(100, 3)')).toBe(970200);
    expectError('PERMUT(2, 3)', '#NUM!');
    expect(value('PERMUTATIONA(3, 2)')).toBe(9);
    expectError('STANDARDIZE(1, 2, 0)', '#NUM!');
  });
});
