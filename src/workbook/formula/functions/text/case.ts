import { chars } from './shared';

// ---- case, one character at a time

// DuckDB's upper() and lower() map each character to one character (Unicode's simple case
// mapping); JavaScript's may give several (ß → SS). These are the simple mappings JavaScript lacks.
const SIMPLE_UPPER = new Map<number, number>([
  [0xdf, 0x1e9e],
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
const ASCII = /^[\x00-\x7f]*$/;

export function upperChar(c: string): string {
  const u = c.toUpperCase();
  if (chars(u).length === 1) return u;
  const cp = c.codePointAt(0)!;
  // Greek letters with ypogegrammeni (ᾀ …) take their titlecase form, 8 code points on.
  const greek = [0x1f80, 0x1f90, 0x1fa0].includes(cp & 0xfff8) ? cp + 8 : undefined;
  const mapped = SIMPLE_UPPER.get(cp) ?? greek;
  return mapped === undefined ? c : String.fromCodePoint(mapped);
}

function lowerChar(c: string): string {
  const l = c.toLowerCase();
  if (chars(l).length === 1) return l;
  return c === '\u0130' ? 'i' : c;
}

/** Upper case as DuckDB's upper() writes it. */
export function upperText(s: string): string {
  return ASCII.test(s) ? s.toUpperCase() : chars(s).map(upperChar).join('');
}

/** Lower case as DuckDB's lower() writes it (so positions stay where they were). */
export function lowerText(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : chars(s).map(lowerChar).join('');
}
