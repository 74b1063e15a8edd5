import { FormulaError, isFormulaError } from '../../errors';
import { formatNumber, isDate, type Scalar } from '../../values';
import { NUM, VALUE } from './shared';

// Complex numbers as Excel's IM functions read and write them: text such as "3+4i", "-2.5j",
// "i" or "7"; a number is a real one. The suffix (i or j) of the inputs is the output's.

export interface Complex {
  re: number;
  im: number;
  /** The suffix the text used; undefined for a real number written without one. */
  suffix?: 'i' | 'j';
}

const N = '(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const REAL = new RegExp(`^[+-]?${N}$`);
const IMAGINARY = new RegExp(`^([+-]?)(${N})?([ij])$`);
const BOTH = new RegExp(`^([+-]?${N})([+-])(${N})?([ij])$`);

/** A value as a complex number: text in Excel's form, or a number. */
export function readComplex(v: Scalar, name: string): Complex | FormulaError {
  if (isFormulaError(v)) return v;
  if (typeof v === 'boolean') return VALUE(`${name} takes a complex number such as "3+4i", not ${v ? 'TRUE' : 'FALSE'}.`);
  if (v === null || v === '') return { re: 0, im: 0 };
  if (typeof v === 'number') return { re: v, im: 0 };
  if (isDate(v)) return { re: v.serial, im: 0 };
  if (REAL.test(v)) return { re: Number(v), im: 0 };
  const i = IMAGINARY.exec(v);
  if (i) return { re: 0, im: (i[1] === '-' ? -1 : 1) * (i[2] === undefined ? 1 : Number(i[2])), suffix: i[3] as 'i' | 'j' };
  const b = BOTH.exec(v);
  if (b) return { re: Number(b[1]), im: (b[2] === '-' ? -1 : 1) * (b[3] === undefined ? 1 : Number(b[3])), suffix: b[4] as 'i' | 'j' };
  return NUM(`${name}: "${v}" is not a complex number (write it as "3+4i" or "3-4j").`);
}

/** The suffix several inputs share, or #VALUE! when they mix i and j. */
export function commonSuffix(zs: Complex[], name: string): 'i' | 'j' | FormulaError {
  const suffixes = new Set(zs.map((z) => z.suffix).filter((s) => s !== undefined));
  if (suffixes.size > 1) return VALUE(`${name}: the numbers mix the suffixes i and j.`);
  return [...suffixes][0] ?? 'i';
}

/** A complex number written as Excel writes it: "3+4i", "-i", "2.5", "0". */
export function writeComplex(z: { re: number; im: number }, suffix: 'i' | 'j' = 'i'): string | FormulaError {
  if (!Number.isFinite(z.re) || !Number.isFinite(z.im)) return NUM('The result is not a finite complex number.');
  const re = z.re === 0 ? 0 : z.re;
  const im = z.im === 0 ? 0 : z.im;
  if (im === 0) return formatNumber(re);
  const coefficient = im === 1 ? '' : im === -1 ? '-' : formatNumber(im);
  if (re === 0) return `${coefficient}${suffix}`;
  return `${formatNumber(re)}${im > 0 ? '+' : ''}${coefficient}${suffix}`;
}

// ---- arithmetic

export type C = { re: number; im: number };

export const add = (a: C, b: C): C => ({ re: a.re + b.re, im: a.im + b.im });
export const sub = (a: C, b: C): C => ({ re: a.re - b.re, im: a.im - b.im });
export const mul = (a: C, b: C): C => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export const abs = (a: C): number => Math.hypot(a.re, a.im);
export const arg = (a: C): number => Math.atan2(a.im, a.re);

export function div(a: C, b: C): C | FormulaError {
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return NUM('Division by a complex zero.');
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

export const exp = (a: C): C => ({ re: Math.exp(a.re) * Math.cos(a.im), im: Math.exp(a.re) * Math.sin(a.im) });

export function ln(a: C): C | FormulaError {
  if (a.re === 0 && a.im === 0) return NUM('The logarithm of zero is undefined.');
  return { re: Math.log(abs(a)), im: arg(a) };
}

export function power(a: C, n: number): C | FormulaError {
  if (a.re === 0 && a.im === 0) return n > 0 ? { re: 0, im: 0 } : NUM('Zero to a power of zero or less is undefined.');
  const r = abs(a) ** n;
  const t = arg(a) * n;
  return { re: r * Math.cos(t), im: r * Math.sin(t) };
}

export const sin = (a: C): C => ({ re: Math.sin(a.re) * Math.cosh(a.im), im: Math.cos(a.re) * Math.sinh(a.im) });
export const cos = (a: C): C => ({ re: Math.cos(a.re) * Math.cosh(a.im), im: -Math.sin(a.re) * Math.sinh(a.im) });
export const sinh = (a: C): C => ({ re: Math.sinh(a.re) * Math.cos(a.im), im: Math.cosh(a.re) * Math.sin(a.im) });
export const cosh = (a: C): C => ({ re: Math.cosh(a.re) * Math.cos(a.im), im: Math.sinh(a.re) * Math.sin(a.im) });

const ONE: C = { re: 1, im: 0 };
export const reciprocal = (a: C): C | FormulaError => div(ONE, a);

// tan, cot, sec, csc and their hyperbolic forms by the double-angle formulas (one division by a
// real denominator), the way Excel's results come out to the last digit.

/** n / d for a real d; #NUM! where d is 0 (a pole). */
function over(n: C, d: number): C | FormulaError {
  return d === 0 ? NUM('The function has a pole there.') : { re: n.re / d, im: n.im / d };
}

export const tan = ({ re: a, im: b }: C) => over({ re: Math.sin(2 * a), im: Math.sinh(2 * b) }, Math.cos(2 * a) + Math.cosh(2 * b));
export const cot = ({ re: a, im: b }: C) => over({ re: Math.sin(2 * a), im: -Math.sinh(2 * b) }, Math.cosh(2 * b) - Math.cos(2 * a));
export const sec = ({ re: a, im: b }: C) => over({ re: 2 * Math.cos(a) * Math.cosh(b), im: 2 * Math.sin(a) * Math.sinh(b) }, Math.cosh(2 * b) + Math.cos(2 * a));
export const csc = ({ re: a, im: b }: C) => over({ re: 2 * Math.sin(a) * Math.cosh(b), im: -2 * Math.cos(a) * Math.sinh(b) }, Math.cosh(2 * b) - Math.cos(2 * a));
export const sech = ({ re: a, im: b }: C) => over({ re: 2 * Math.cosh(a) * Math.cos(b), im: -2 * Math.sinh(a) * Math.sin(b) }, Math.cosh(2 * a) + Math.cos(2 * b));
export const csch = ({ re: a, im: b }: C) => over({ re: 2 * Math.sinh(a) * Math.cos(b), im: -2 * Math.cosh(a) * Math.sin(b) }, Math.cosh(2 * a) - Math.cos(2 * b));
