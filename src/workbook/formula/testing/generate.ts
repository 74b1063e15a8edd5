// Tests only: deterministic inputs for the differential tests, the awkward ones included
// (empty, zero, negative, halves, huge, numeric text, unicode, dates near month ends).
import { DateValue, serialFromParts, type Scalar } from '../values';

/** A small seeded generator (mulberry32), so a failing case can be run again. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const EDGE_NUMBERS = [0, 1, -1, 2, 0.5, -0.5, 1.5, 2.5, -2.5, 1.005, 0.1, 1e-5, 123456.789, -98765.4321, 1e15, 3.14159, 7, -7, 10, 100];
export const EDGE_TEXTS = ['', 'a', 'Cellar', 'hello world', '  padded  ', 'ÄÖü ß', '日本語', '42', '3.5', 'TRUE', 'x,y', "O'Brien", 'a*b?c', 'MiXeD CaSe'];
export const EDGE_DATES = [
  new DateValue(serialFromParts(2024, 1, 31)),
  new DateValue(serialFromParts(2024, 2, 29)),
  new DateValue(serialFromParts(2023, 12, 31)),
  new DateValue(serialFromParts(2000, 1, 1)),
  new DateValue(serialFromParts(1999, 12, 31)),
  new DateValue(serialFromParts(2024, 6, 15)),
  new DateValue(serialFromParts(2024, 3, 10, 13 * 3600 + 30 * 60), true),
];

export interface Generators {
  number(): number;
  integer(min: number, max: number): number;
  text(): string;
  date(): DateValue;
  boolean(): boolean;
  /** Any of the above, or empty. */
  any(): Scalar;
  pick<T>(xs: readonly T[]): T;
}

export function generators(seed = 1): Generators {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const g: Generators = {
    pick,
    integer: (min, max) => min + Math.floor(r() * (max - min + 1)),
    number: () => (r() < 0.5 ? pick(EDGE_NUMBERS) : Math.round((r() - 0.5) * 2000 * 1000) / 1000),
    text: () => (r() < 0.7 ? pick(EDGE_TEXTS) : randomWord(r)),
    date: () => (r() < 0.5 ? pick(EDGE_DATES) : new DateValue(serialFromParts(1990 + Math.floor(r() * 50), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)))),
    boolean: () => r() < 0.5,
    any: () => {
      const k = r();
      return k < 0.4 ? g.number() : k < 0.7 ? g.text() : k < 0.8 ? g.boolean() : k < 0.9 ? g.date() : null;
    },
  };
  return g;
}

function randomWord(r: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ';
  return Array.from({ length: 1 + Math.floor(r() * 10) }, () => letters[Math.floor(r() * letters.length)]).join('');
}

/** `n` cases from a maker, for a function's differential test. */
export function cases<T>(n: number, make: (g: Generators, i: number) => T, seed = 7): T[] {
  const g = generators(seed);
  return Array.from({ length: n }, (_, i) => make(g, i));
}
