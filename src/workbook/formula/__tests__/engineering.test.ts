import { describe, expect, test } from 'vitest';
import { ENGINEERING_FUNCTIONS } from '../functions/engineering';
import { constantResult, differences, scalarResult, show } from '../testing/differential';
import { displayValue } from '../values';

// The engineering functions against Excel's documented results and error conditions; the ones
// with a SQL form (BIT*, GESTEP, DELTA, CONVERT) through both forms.

const shown = (formula: string) => show(scalarResult(formula, {}));
const near = (formula: string, expected: number) => {
  const v = scalarResult(formula, {});
  expect(typeof v, formula).toBe('number');
  expect(Math.abs((v as number) - expected), formula).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe('every example runs as documented, in both forms', () => {
  for (const spec of ENGINEERING_FUNCTIONS) {
    test(`${spec.name}: ${spec.example.formula}`, async () => {
      const formula = spec.example.formula.slice(1);
      expect(displayValue(scalarResult(formula, {}))).toBe(spec.example.result);
      const sql = await constantResult(formula, {});
      expect(sql === 'no-sql' ? 'no-sql' : displayValue(sql)).toBe(sql === 'no-sql' ? 'no-sql' : spec.example.result);
    });
  }
});

describe('BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT', () => {
  test("Excel's results, above 2^32 too", () => {
    expect(shown('BITAND(13, 25)')).toBe('9');
    expect(shown('BITXOR(2^40 + 5, 3)')).toBe(String(2 ** 40 + 6));
    expect(shown('BITOR(2^47, 1)')).toBe(String(2 ** 47 + 1));
    expect(shown('BITLSHIFT(3, 42)')).toBe('13194139533312');
    expect(shown('BITRSHIFT(13, -2)')).toBe('52');
  });
  test('negative, fractional and 2^48 or larger numbers, shifts past 53 and results past 2^48 are #NUM!', () => {
    for (const f of ['BITAND(-1, 1)', 'BITOR(1.5, 1)', 'BITXOR(2^48, 1)', 'BITLSHIFT(1, 54)', 'BITLSHIFT(2^47, 1)', 'BITRSHIFT(1, -60)']) expect(shown(f), f).toBe('#NUM!');
  });
  test('agree in TypeScript and DuckDB', async () => {
    const sets = [[13, 25], [0, 0], [2 ** 40 + 5, 3], [-1, 2], [1.5, 2], [2 ** 48, 1], [5, 60], [5, -3], [2 ** 47, 1]].map((values) => ({ values }));
    for (const t of ['BITAND($0, $1)', 'BITOR($0, $1)', 'BITXOR($0, $1)', 'BITLSHIFT($0, $1)', 'BITRSHIFT($0, $1)']) expect(await differences(t, sets), t).toEqual([]);
  });
});

describe('GESTEP and DELTA', () => {
  test('TRUE or FALSE is #VALUE! (as in the Analysis ToolPak); numeric text reads as a number', async () => {
    expect(shown('GESTEP(TRUE)')).toBe('#VALUE!');
    expect(shown('DELTA(1, TRUE)')).toBe('#VALUE!');
    expect(shown('GESTEP("2", 1)')).toBe('1');
    expect(shown('DELTA(-1)')).toBe('0');
    expect(await differences('GESTEP($0, $1) + DELTA($0, $1)', [[5, 4], [4, 4], [-1, 0], ['2', 2]].map((values) => ({ values })))).toEqual([]);
  });
});

describe('CONVERT', () => {
  test("Excel's units, prefixes that scale with the unit's power, and temperatures", () => {
    near('CONVERT(1, "lbm", "kg")', 0.45359237);
    near('CONVERT(68, "F", "C")', 20);
  });
  test('units of different kinds, unknown units, prefixes on units that take none, wrong case are #N/A', () => {
    for (const f of ['CONVERT(2.5, "ft", "sec")', 'CONVERT(1, "xyz", "m")', 'CONVERT(1, "Mlbm", "g")', 'CONVERT(1, "KM", "m")', 'CONVERT(1, 5, "m")']) expect(shown(f), f).toBe('#N/A');
    expect(shown('CONVERT(TRUE, "m", "ft")')).toBe('#VALUE!');
  });
  test('prefixes: km2 is 10^6 m2, Mm3 is 10^18 m3, kibyte is 1024 bytes, mph takes one but kn does not', () => {
    near('CONVERT(1, "km2", "m2")', 1e6);
    near('CONVERT(0.0002, "Mm3", "m3")', 2e14);
    near('CONVERT(1, "kibyte", "byte")', 1024);
    near('CONVERT(1, "kbyte", "bit")', 8000);
    near('CONVERT(0.004, "Mmph", "m/s")', 1788.16);
    expect(shown('CONVERT(1, "Mkn", "m/s")')).toBe('#N/A');
    near('CONVERT(12, "MK", "K")', 1.2e7);
    near('CONVERT(1, "pc", "m")', 30856775812815532);
  });
  test('agree in TypeScript and DuckDB (constant units)', async () => {
    const sets = [1, 0, -40, 2.5, '3', null].map((x) => ({ values: [x] }));
    for (const t of ['CONVERT($0, "mi", "km")', 'CONVERT($0, "C", "F")', 'CONVERT($0, "Reau", "Rank")', 'CONVERT($0, "m", "sec")', 'CONVERT($0, "km2", "ha")']) expect(await differences(t, sets), t).toEqual([]);
  });
});

describe('BIN2DEC … HEX2OCT', () => {
  test("Excel's results: two's complement over 10 digits, places padding", () => {
    expect(shown('BIN2DEC("1111111111")')).toBe('-1');
    expect(shown('DEC2BIN(-512)')).toBe('"1000000000"');
    expect(shown('DEC2HEX(-1)')).toBe('"FFFFFFFFFF"');
    expect(shown('HEX2DEC("fffffffff6")')).toBe('-10');
    expect(shown('OCT2HEX("7777777533")')).toBe('"FFFFFFFF5B"');
    expect(shown('DEC2OCT(58, 3)')).toBe('"072"');
    expect(shown('BIN2DEC(1100100)')).toBe('100');
  });
  test('#NUM! for bad digits, more than 10 digits, values out of range and too few places; #VALUE! for booleans', () => {
    for (const f of ['BIN2DEC("102")', 'HEX2DEC("FFFFFFFFFFF")', 'DEC2BIN(512)', 'DEC2BIN(-513)', 'DEC2HEX(100, 1)', 'DEC2HEX(100, -1)', 'HEX2BIN("200")', 'HEX2BIN("FFFFFFFDFF")']) expect(shown(f), f).toBe('#NUM!');
    expect(shown('DEC2BIN(TRUE)')).toBe('#VALUE!');
  });
});

describe('ERF and ERFC', () => {
  test('agree with reference values to 1e-9, both tails included', () => {
    near('ERF(1)', 0.8427007929497149);
    near('ERF(0.5, 1.5)', 0.9661051464753108 - 0.5204998778130465);
    near('ERFC(3)', 2.209049699858544e-5);
    near('ERFC(-1)', 1.8427007929497148);
    near('ERFC.PRECISE(10)', 2.088487583762545e-45);
    near('ERF.PRECISE(-0.3)', -0.3286267594591112);
  });
});

describe('complex numbers', () => {
  test("Excel's text forms, in and out", () => {
    expect(shown('COMPLEX(3, -4, "j")')).toBe('"3-4j"');
    expect(shown('COMPLEX(0, 1)')).toBe('"i"');
    expect(shown('IMREAL("-i")')).toBe('0');
    expect(shown('IMAGINARY("-i")')).toBe('-1');
    expect(shown('IMPRODUCT("1+2i", "3-i", 2)')).toBe('"10+10i"');
    expect(shown('IMSUB("2.5e1+j", "5j")')).toBe('"25-4j"');
    expect(shown('IMCONJUGATE("5")')).toBe('"5"');
  });
  test('mixed suffixes and booleans are #VALUE!; bad text, division by zero and log of zero are #NUM!', () => {
    expect(shown('IMSUM("1+i", "2j")')).toBe('#VALUE!');
    expect(shown('COMPLEX(1, 1, "k")')).toBe('#VALUE!');
    expect(shown('IMABS(TRUE)')).toBe('#VALUE!');
    for (const f of ['IMABS("1+2k")', 'IMABS("1 + 2i")', 'IMDIV("1", "0")', 'IMLN("0")', 'IMCSC("0")']) expect(shown(f), f).toBe('#NUM!');
    expect(shown('IMARGUMENT("0")')).toBe('#DIV/0!');
  });
  test("Excel's documented results to the last digit (IMPOWER in polar form, IMTAN, IMSEC, IMCSC by double angles)", () => {
    expect(shown('IMPOWER("2+3i", 3)')).toBe('"-46+9.00000000000001i"');
    expect(shown('IMSQRT("1+i")')).toBe('"1.09868411346781+0.455089860562227i"');
    expect(shown('IMLN("3+4i")')).toBe('"1.6094379124341+0.927295218001612i"');
    expect(shown('IMSIN("4+3i")')).toBe('"-7.61923172032141-6.548120040911i"');
    expect(shown('IMTAN("4+3i")')).toBe('"0.00490825806749606+1.00070953606723i"');
    expect(shown('IMSEC("4+3i")')).toBe('"-0.0652940278579471-0.0752249603027732i"');
    expect(shown('IMCSC("4+3i")')).toBe('"-0.0754898329158637+0.0648774713706355i"');
    expect(shown('IMCOSH("4+3i")')).toBe('"-27.0349456030742+3.85115333481178i"');
  });
  test('functions of a complex number agree with the identities they should', () => {
    near('IMREAL(IMEXP(IMLN("3+4i")))', 3);
    near('IMAGINARY(IMEXP(IMLN("3+4i")))', 4);
    near('IMREAL(IMPRODUCT(IMSQRT("-4"), IMSQRT("-4")))', -4);
    near('IMABS(IMDIV(IMSIN("1+i"), IMCOS("1+i")))', Number(scalarResult('IMABS(IMTAN("1+i"))', {})));
    near('IMREAL(IMSUB(IMPOWER(IMCOSH("0.5+2i"), 2), IMPOWER(IMSINH("0.5+2i"), 2)))', 1);
    near('IMREAL(IMLOG2("8i"))', 3);
  });
});

describe('Bessel functions', () => {
  test('agree with reference values to 1e-9', () => {
    near('BESSELJ(1.9, 2)', 0.3299257276923872);
    near('BESSELJ(-2, 1)', -0.5767248077568734);
    near('BESSELJ(100, 0)', 0.019985850304223122);
    near('BESSELY(2.5, 1)', 0.1459181379667858);
    near('BESSELY(0.5, 3)', -42.059494304723884);
    near('BESSELI(1.5, 1)', 0.9816664285779076);
    // An odd order at a negative x: the series' terms are all negative, and it must not stop at the first.
    near('BESSELI(-2.574, 1)', -2.6912920979384025);
    near('BESSELK(0.01, 0)', 4.721244730161094);
    near('BESSELK(2, 5.9)', 9.431049100596467);
  });
  test('a negative order is #NUM!, and so is x ≤ 0 for BESSELK and BESSELY', () => {
    for (const f of ['BESSELJ(1, -1)', 'BESSELK(0, 1)', 'BESSELY(-1, 0)']) expect(shown(f), f).toBe('#NUM!');
    expect(shown('BESSELJ("x", 1)')).toBe('#VALUE!');
  });
});
