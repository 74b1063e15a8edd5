import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import type { Scalar } from '../../values';
import { arg as argAt, argValues } from '../helpers';
import * as cx from './complex';
import { readComplex, writeComplex, type C, type Complex } from './complex';
import { atpNumber, VALUE } from './shared';

// ---- COMPLEX and the IM functions

const ex = (formula: string, result: string) => ({ formula, result });

export const COMPLEX: FunctionSpec = {
  name: 'COMPLEX',
  category: 'engineering',
  summary: 'A complex number as text ("3+4i") from its real and imaginary parts, with the suffix i (the default) or j.',
  params: [{ name: 'real_num' }, { name: 'i_num' }, { name: 'suffix', optional: true }],
  example: ex('=COMPLEX(3, 4)', '3+4i'),
  scalar(args) {
    const re = atpNumber(args, 0, 'COMPLEX');
    if (isFormulaError(re)) return re;
    const im = atpNumber(args, 1, 'COMPLEX');
    if (isFormulaError(im)) return im;
    const s = args[2] === undefined ? 'i' : argAt(args, 2);
    if (s !== 'i' && s !== 'j' && s !== '' && s !== null) return VALUE('COMPLEX: the suffix is "i" or "j" (lower case).');
    return writeComplex({ re, im }, s === 'j' ? 'j' : 'i');
  },
};

/** One complex argument. */
const one = (args: ScalarArg[], name: string) => readComplex(argAt(args, 0), name);

/** A function of one complex number with a real result. */
function toReal(name: string, summary: string, example: FunctionSpec['example'], fn: (z: Complex) => number | FormulaError): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'inumber' }],
    example,
    scalar(args) {
      const z = one(args, name);
      return isFormulaError(z) ? z : fn(z);
    },
  };
}

/** A function of one complex number with a complex result, written with the input's suffix. */
function toComplex(name: string, summary: string, example: FunctionSpec['example'], fn: (z: C) => C | FormulaError): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'inumber' }],
    example,
    scalar(args) {
      const z = one(args, name);
      if (isFormulaError(z)) return z;
      const r = fn(z);
      return isFormulaError(r) ? r : writeComplex(r, z.suffix);
    },
  };
}

/** A function of two complex numbers. */
function binary(name: string, summary: string, example: FunctionSpec['example'], fn: (a: C, b: C) => C | FormulaError): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'inumber1' }, { name: 'inumber2' }],
    example,
    scalar(args) {
      const a = readComplex(argAt(args, 0), name);
      if (isFormulaError(a)) return a;
      const b = readComplex(argAt(args, 1), name);
      if (isFormulaError(b)) return b;
      const suffix = cx.commonSuffix([a, b], name);
      if (isFormulaError(suffix)) return suffix;
      const r = fn(a, b);
      return isFormulaError(r) ? r : writeComplex(r, suffix);
    },
  };
}

/** IMSUM, IMPRODUCT: every value of every argument (ranges too; empty cells skipped). */
function fold(name: string, summary: string, example: FunctionSpec['example'], start: C, fn: (a: C, b: C) => C): FunctionSpec {
  return {
    name,
    category: 'engineering',
    summary,
    params: [{ name: 'inumber', kind: 'range' }],
    repeat: 1,
    example,
    scalar(args) {
      const zs: Complex[] = [];
      for (const { value, direct } of argValues(args)) {
        if (!direct && (value === null || value === '')) continue;
        const z = readComplex(value as Scalar, name);
        if (isFormulaError(z)) return z;
        zs.push(z);
      }
      const suffix = cx.commonSuffix(zs, name);
      if (isFormulaError(suffix)) return suffix;
      return writeComplex(zs.reduce<C>((acc, z) => fn(acc, z), start), suffix);
    },
  };
}

const scaled = (k: number) => (z: C) => {
  const l = cx.ln(z);
  return isFormulaError(l) ? l : { re: l.re * k, im: l.im * k };
};

export const IM_FUNCTIONS: FunctionSpec[] = [
  COMPLEX,
  toReal('IMREAL', 'The real part of a complex number.', ex('=IMREAL("6-9i")', '6'), (z) => z.re),
  toReal('IMAGINARY', 'The imaginary part of a complex number.', ex('=IMAGINARY("3+4i")', '4'), (z) => z.im),
  toReal('IMABS', 'The absolute value (modulus) of a complex number.', ex('=IMABS("5+12i")', '13'), cx.abs),
  toReal('IMARGUMENT', 'The angle of a complex number, in radians from -π to π (#DIV/0! for 0).', ex('=IMARGUMENT("3+4i")', '0.927295218001612'), (z) =>
    z.re === 0 && z.im === 0 ? new FormulaError('#DIV/0!', 'IMARGUMENT: zero has no angle.') : cx.arg(z),
  ),
  toComplex('IMCONJUGATE', 'The complex conjugate of a complex number.', ex('=IMCONJUGATE("3+4i")', '3-4i'), (z) => ({ re: z.re, im: -z.im })),
  fold('IMSUM', 'The sum of complex numbers.', ex('=IMSUM("3+4i", "5-3i")', '8+i'), { re: 0, im: 0 }, cx.add),
  fold('IMPRODUCT', 'The product of complex numbers.', ex('=IMPRODUCT("3+4i", "5-3i")', '27+11i'), { re: 1, im: 0 }, cx.mul),
  binary('IMSUB', 'The difference of two complex numbers.', ex('=IMSUB("13+4i", "5+3i")', '8+i'), cx.sub),
  binary('IMDIV', 'The quotient of two complex numbers (#NUM! when dividing by 0).', ex('=IMDIV("-238+240i", "10+24i")', '5+12i'), cx.div),
  {
    name: 'IMPOWER',
    category: 'engineering',
    summary: 'A complex number raised to a real power.',
    params: [{ name: 'inumber' }, { name: 'number' }],
    example: ex('=IMPOWER("2+3i", 3)', '-46+9.00000000000001i'),
    scalar(args) {
      const z = one(args, 'IMPOWER');
      if (isFormulaError(z)) return z;
      const n = atpNumber(args, 1, 'IMPOWER');
      if (isFormulaError(n)) return n;
      const r = cx.power(z, n);
      return isFormulaError(r) ? r : writeComplex(r, z.suffix);
    },
  },
  toComplex('IMSQRT', 'The square root of a complex number.', ex('=IMSQRT("-4")', '1.22464679914735E-16+2i'), (z) => cx.power(z, 0.5)),
  toComplex('IMEXP', 'e raised to a complex number.', ex('=IMEXP("0")', '1'), cx.exp),
  toComplex('IMLN', 'The natural logarithm of a complex number (#NUM! for 0).', ex('=IMLN("1")', '0'), cx.ln),
  toComplex('IMLOG10', 'The base-10 logarithm of a complex number.', ex('=IMLOG10("100")', '2'), scaled(1 / Math.LN10)),
  toComplex('IMLOG2', 'The base-2 logarithm of a complex number.', ex('=IMLOG2("8")', '3'), scaled(1 / Math.LN2)),
  toComplex('IMSIN', 'The sine of a complex number.', ex('=IMSIN("0")', '0'), cx.sin),
  toComplex('IMCOS', 'The cosine of a complex number.', ex('=IMCOS("0")', '1'), cx.cos),
  toComplex('IMTAN', 'The tangent of a complex number.', ex('=IMTAN("0")', '0'), cx.tan),
  toComplex('IMSINH', 'The hyperbolic sine of a complex number.', ex('=IMSINH("0")', '0'), cx.sinh),
  toComplex('IMCOSH', 'The hyperbolic cosine of a complex number.', ex('=IMCOSH("0")', '1'), cx.cosh),
  toComplex('IMSEC', 'The secant of a complex number.', ex('=IMSEC("0")', '1'), cx.sec),
  toComplex('IMSECH', 'The hyperbolic secant of a complex number.', ex('=IMSECH("0")', '1'), cx.sech),
  toComplex('IMCSC', 'The cosecant of a complex number (#NUM! for 0).', ex('=IMCSC("1")', '1.18839510577812'), cx.csc),
  toComplex('IMCSCH', 'The hyperbolic cosecant of a complex number (#NUM! for 0).', ex('=IMCSCH("1")', '0.850918128239322'), cx.csch),
  toComplex('IMCOT', 'The cotangent of a complex number (#NUM! for 0).', ex('=IMCOT("1")', '0.642092615934331'), cx.cot),
];
