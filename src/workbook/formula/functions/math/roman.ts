import type { FunctionSpec } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { isSqlRange } from '../../sql/types';
import { arg, numberArg, sqlText, textArg } from '../helpers';

// ---- ROMAN and ARABIC

const SYMBOLS = 'MDCLXVI';
const VALUES = [1000, 500, 100, 50, 10, 5, 1];
const LAST = VALUES.length - 1;

const VALUE_OF: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };

const bad = (message: string) => new FormulaError('#VALUE!', message);

/**
 * n (0..3999) in Roman numerals. Form 0 is the classic style; each form up to 4 lets a 4 or 9
 * be written with a smaller symbol before a larger one, one step further each (499: CDXCIX,
 * LDVLIV, XDIX, VDIV, ID), which is what Excel's "more concise" forms do.
 */
export function toRoman(n: number, form: number): string {
  let out = '';
  // The positions of M, C, X and I: each holds one decimal digit of what is left.
  for (let unit = 0; unit <= LAST; unit += 2) {
    const digit = Math.floor(n / VALUES[unit]!);
    if (digit % 5 === 4) {
      // 4 or 9: "small big", big being the five or the ten above this unit.
      const big = digit === 4 ? unit - 1 : unit - 2;
      let small = unit;
      for (let step = 0; step < form && small < LAST && VALUES[big]! - VALUES[small + 1]! <= n; step++) small++;
      out += SYMBOLS[small]! + SYMBOLS[big]!;
      n -= VALUES[big]! - VALUES[small]!;
    } else {
      if (digit >= 5) out += SYMBOLS[unit - 1]!;
      out += SYMBOLS[unit]!.repeat(digit % 5);
      n %= VALUES[unit]!;
    }
  }
  return out;
}

/** A Roman numeral's value, read leniently as Excel reads it: a symbol before a larger one is subtracted. */
export function fromRoman(text: string): number | undefined {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE_OF[text[i]!];
    if (v === undefined) return undefined;
    const next = i + 1 < text.length ? VALUE_OF[text[i + 1]!] : undefined;
    total += next !== undefined && next > v ? -v : v;
  }
  return total;
}

/** ROMAN's form: a number 0..4, TRUE (classic, 0) or FALSE (simplified, 4). */
function formArg(args: Parameters<FunctionSpec['scalar']>[0]): number | FormulaError {
  if (args[1] === undefined) return 0;
  const v = arg(args, 1);
  if (typeof v === 'boolean') return v ? 0 : 4;
  const f = numberArg(args, 1);
  if (isFormulaError(f)) return f;
  return f < 0 || f >= 5 ? bad('ROMAN takes a form from 0 to 4 (or TRUE, FALSE).') : Math.trunc(f);
}

export const ROMAN: FunctionSpec = {
  name: 'ROMAN',
  category: 'math',
  summary: 'A number from 0 to 3999 in Roman numerals, as text; form 0 (classic) to 4 (most concise).',
  params: [{ name: 'number' }, { name: 'form', optional: true }],
  notes: 'Fractions are truncated; 0 is the empty text. A form of TRUE is 0, FALSE is 4. Numbers outside 0..3999 and forms outside 0..4 are #VALUE!, as in Excel.',
  example: { formula: '=ROMAN(499, 1)', result: 'LDVLIV' },
  propagate: false,
  scalar(args) {
    const n = numberArg(args, 0);
    if (isFormulaError(n)) return n;
    const form = formArg(args);
    if (isFormulaError(form)) return form;
    if (n < 0 || n >= 4000) return bad('ROMAN takes numbers from 0 to 3999.');
    return toRoman(Math.trunc(n), form);
  },
};

/** Excel reads at most 255 characters of ARABIC's text. */
const MAX_TEXT = 255;

export const ARABIC: FunctionSpec = {
  name: 'ARABIC',
  category: 'math',
  summary: 'The value of a Roman numeral (any case; a leading minus sign makes it negative; empty text is 0).',
  params: [{ name: 'text' }],
  notes: 'Read leniently, as in Excel: a symbol before a larger one is subtracted (IM is 999). Spaces around the numeral are ignored; any other character is #VALUE!.',
  example: { formula: '=ARABIC("mcmxii")', result: '1912' },
  scalar(args) {
    const t = textArg(args, 0);
    if (isFormulaError(t)) return t;
    if (typeof arg(args, 0) === 'boolean') return bad('ARABIC takes a Roman numeral as text, not TRUE or FALSE.');
    if (t.length > MAX_TEXT) return bad(`ARABIC takes at most ${MAX_TEXT} characters.`);
    const trimmed = t.trim().toUpperCase();
    const negative = trimmed.startsWith('-');
    const v = fromRoman(negative ? trimmed.slice(1) : trimmed);
    if (v === undefined) return bad(`"${t}" is not a Roman numeral: ARABIC reads only the letters M, D, C, L, X, V and I.`);
    return negative && v !== 0 ? -v : v;
  },
  sql(args) {
    const a = args[0];
    const t = sqlText(args, 0);
    const s = `upper(regexp_replace(${t.sql}, '^\\s+|\\s+$', '', 'g'))`;
    const body = `CASE WHEN starts_with(${s}, '-') THEN ${s}[2:] ELSE ${s} END`;
    const cases = Object.entries(VALUE_OF).map(([c, v]) => `WHEN '${c}' THEN ${v}`).join(' ');
    const vals = `list_filter(list_transform(string_split(${body}, ''), lambda _c: CASE _c ${cases} WHEN '' THEN 0 ELSE -1 END), lambda _v: _v <> 0)`;
    const sum = `list_sum(list_transform(range(1, len(${vals}) + 1), lambda _i: CASE WHEN _i < len(${vals}) AND ${vals}[_i + 1] > ${vals}[_i] THEN -${vals}[_i] ELSE ${vals}[_i] END))`;
    const value = `CAST(COALESCE(${sum}, 0) AS DOUBLE)`;
    const bad = `length(${t.sql}) > ${MAX_TEXT} OR list_contains(${vals}, -1)`;
    const bool = a !== undefined && !isSqlRange(a) && a.type === 'boolean' ? errCode('#VALUE!') : null;
    return result(`CASE WHEN NOT (${bad}) THEN (CASE WHEN starts_with(${s}, '-') THEN 0 - ${value} ELSE ${value} END) END`, 'number', [t.err, bool, errWhen(bad, '#VALUE!')]);
  },
};
