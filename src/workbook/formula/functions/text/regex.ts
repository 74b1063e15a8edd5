import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, isFormulaError } from '../../errors';
import { RangeValue } from '../../values';
import { arg, numberArg, textArg } from '../helpers';
import { valueError } from './shared';

// ---- REGEXTEST, REGEXEXTRACT, REGEXREPLACE
//
// Patterns run as JavaScript regular expressions. Excel runs PCRE2; the two agree on the common
// subset (classes, \d \w \s \b, groups, alternation, greedy and lazy quantifiers, lookahead,
// lookbehind, named groups written (?<name>…)). A leading (?i) is read as PCRE2 reads it (ignore
// case). PCRE2-only syntax (possessive quantifiers a++, atomic groups (?>…), \A, \Z, inline flags
// elsewhere, recursion) is #VALUE! here, with a message saying the pattern could not be read.

export const REGEX_NOTE =
  'Patterns are JavaScript regular expressions, which agree with Excel’s PCRE2 on the common subset (classes, \\d \\w \\s \\b, groups, alternation, lazy quantifiers, lookaround, named groups); a leading (?i) ignores case. PCRE2-only syntax (a++, (?>…), \\A, \\Z) is #VALUE!. In a column formula these functions are not available.';

/** The pattern compiled, or #VALUE! saying why it cannot be read. */
function compile(pattern: string, ignoreCase: boolean, global: boolean, name: string): RegExp | FormulaError {
  let source = pattern;
  let flags = global ? 'g' : '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    ignoreCase = true;
  }
  if (ignoreCase) flags += 'i';
  try {
    return new RegExp(source, flags);
  } catch (e) {
    return valueError(`${name}: the pattern cannot be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** case_sensitivity: 0 (the default) matches case, 1 ignores it. */
function ignoreCaseArg(args: ScalarArg[], i: number, name: string): boolean | FormulaError {
  const n = arg(args, i) === null ? 0 : numberArg(args, i, 0);
  if (isFormulaError(n)) return n;
  if (n !== 0 && n !== 1) return valueError(`${name}: case_sensitivity is 0 (match case) or 1 (ignore case).`);
  return n === 1;
}

const NA = (name: string) => new FormulaError('#N/A', `${name}: the pattern does not match the text.`);

export const REGEXTEST: FunctionSpec = {
  name: 'REGEXTEST',
  category: 'text',
  summary: 'Whether a text matches a regular expression anywhere in it.',
  params: [{ name: 'text' }, { name: 'pattern' }, { name: 'case_sensitivity', optional: true }],
  notes: REGEX_NOTE,
  example: { formula: '=REGEXTEST("Order 42", "[0-9]+")', result: 'TRUE' },
  scalar(args) {
    const [t, p, ic] = [textArg(args, 0), textArg(args, 1), ignoreCaseArg(args, 2, 'REGEXTEST')];
    if (isFormulaError(t)) return t;
    if (isFormulaError(p)) return p;
    if (isFormulaError(ic)) return ic;
    const re = compile(p, ic, false, 'REGEXTEST');
    return isFormulaError(re) ? re : re.test(t);
  },
};

export const REGEXEXTRACT: FunctionSpec = {
  name: 'REGEXEXTRACT',
  category: 'text',
  summary: 'The part of a text a regular expression matches: the first match (return_mode 0), every match (1, a column), or the first match’s groups (2, a row).',
  params: [{ name: 'text' }, { name: 'pattern' }, { name: 'return_mode', optional: true }, { name: 'case_sensitivity', optional: true }],
  notes: `${REGEX_NOTE} No match is #N/A.`,
  example: { formula: '=REGEXEXTRACT("Order 42 of 7", "[0-9]+")', result: '42' },
  scalar(args) {
    const [t, p, ic] = [textArg(args, 0), textArg(args, 1), ignoreCaseArg(args, 3, 'REGEXEXTRACT')];
    if (isFormulaError(t)) return t;
    if (isFormulaError(p)) return p;
    if (isFormulaError(ic)) return ic;
    const mode = arg(args, 2) === null ? 0 : numberArg(args, 2, 0);
    if (isFormulaError(mode)) return mode;
    if (mode !== 0 && mode !== 1 && mode !== 2) return valueError('REGEXEXTRACT: return_mode is 0 (first match), 1 (all matches) or 2 (groups of the first match).');
    const re = compile(p, ic, mode === 1, 'REGEXEXTRACT');
    if (isFormulaError(re)) return re;
    if (mode === 1) {
      const all = [...t.matchAll(re)].map((m) => m[0]);
      return all.length === 0 ? NA('REGEXEXTRACT') : RangeValue.column(all);
    }
    const m = re.exec(t);
    if (!m) return NA('REGEXEXTRACT');
    if (mode === 0) return m[0];
    const groups = m.slice(1).map((g) => g ?? '');
    return groups.length === 0 ? valueError('REGEXEXTRACT: return_mode 2 needs groups in the pattern.') : new RangeValue(1, groups.length, groups);
  },
};

export const REGEXREPLACE: FunctionSpec = {
  name: 'REGEXREPLACE',
  category: 'text',
  summary: 'A text with the matches of a regular expression replaced ($1 … in the replacement are the groups); occurrence picks one match (0, the default, replaces all; negative counts from the end).',
  params: [{ name: 'text' }, { name: 'pattern' }, { name: 'replacement' }, { name: 'occurrence', optional: true }, { name: 'case_sensitivity', optional: true }],
  notes: REGEX_NOTE,
  example: { formula: '=REGEXREPLACE("a1b22c333", "[0-9]+", "#")', result: 'a#b#c#' },
  scalar(args) {
    const [t, p, r, ic] = [textArg(args, 0), textArg(args, 1), textArg(args, 2), ignoreCaseArg(args, 4, 'REGEXREPLACE')];
    if (isFormulaError(t)) return t;
    if (isFormulaError(p)) return p;
    if (isFormulaError(r)) return r;
    if (isFormulaError(ic)) return ic;
    const n = arg(args, 3) === null ? 0 : numberArg(args, 3, 0);
    if (isFormulaError(n)) return n;
    const occurrence = Math.trunc(n);
    const re = compile(p, ic, true, 'REGEXREPLACE');
    if (isFormulaError(re)) return re;
    if (occurrence === 0) return t.replace(re, r);
    const matches = [...t.matchAll(re)];
    const k = occurrence > 0 ? occurrence - 1 : matches.length + occurrence;
    const m = matches[k];
    if (!m || m.index === undefined) return t;
    // The one match replaced as replace() would, groups and all.
    const one = compile(p, ic, false, 'REGEXREPLACE') as RegExp;
    return t.slice(0, m.index) + m[0].replace(one, r) + t.slice(m.index + m[0].length);
  },
};
