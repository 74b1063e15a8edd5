import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec, ScalarArg } from '../../catalog';
import { FormulaError, FormulaSyntaxError, isFormulaError } from '../../errors';
import { errCode, errWhen, result } from '../../sql/coerce';
import { isSqlRange, type SqlArg, type SqlExpr } from '../../sql/types';
import { RangeValue } from '../../values';
import { arg, numberArg, sqlText, textArg } from '../helpers';
import { constantText, valueError } from './shared';

// ---- REGEXTEST, REGEXEXTRACT, REGEXREPLACE
//
// One subset of regular expressions that Excel (PCRE2), DuckDB (RE2) and JavaScript read alike:
// classes, \d \w \s \b, groups, alternation, greedy and lazy quantifiers, anchors. A leading
// (?i) ignores case, as in PCRE2. Outside it (lookahead and lookbehind, backreferences, named
// groups, possessive quantifiers a++, atomic groups (?>…), \A, \Z, other inline flags) a pattern is
// #VALUE!, with a message saying which construct, in both forms.

export const REGEX_NOTE =
  'Patterns use the subset Excel (PCRE2), DuckDB (RE2) and JavaScript agree on: classes, \\d \\w \\s \\b, groups, alternation, greedy and lazy quantifiers, anchors; a leading (?i) ignores case. Lookaround, backreferences, named groups, possessive quantifiers, atomic groups, \\A, \\Z and other inline flags are #VALUE!. In a column formula the pattern (and the replacement) must be constant text.';

/** The construct of `pattern` outside the shared subset, if any. */
export function outsideSubset(pattern: string): string | undefined {
  // Escaped backslashes go first (a doubled backslash and a 1 is no backreference), then escapes
  // are checked; then every escaped character is blanked (an escaped + repeated is not possessive).
  const body = (pattern.startsWith('(?i)') ? pattern.slice(4) : pattern).replace(/\\\\/g, '');
  const escapes: [RegExp, string][] = [
    [/\\[1-9]|\\k</, 'backreferences'],
    [/\\[AZzGQE]/, '\\A, \\Z, \\G or \\Q…\\E'],
  ];
  const plain = body.replace(/\\./g, 'x');
  const structure: [RegExp, string][] = [
    [/\(\?[=!]|\(\?<[=!]/, 'lookahead or lookbehind'],
    [/\(\?P?<[A-Za-z]/, 'named groups'],
    [/\(\?>/, 'atomic groups'],
    [/\(\?[a-zA-Z-]/, 'inline flags other than a leading (?i)'],
    [/[*+?}]\+/, 'possessive quantifiers'],
  ];
  return escapes.find(([re]) => re.test(body))?.[1] ?? structure.find(([re]) => re.test(plain))?.[1];
}

/** The pattern compiled, or #VALUE! saying why it cannot be read. */
function compile(pattern: string, ignoreCase: boolean, global: boolean, name: string): RegExp | FormulaError {
  const outside = outsideSubset(pattern);
  if (outside) return valueError(`${name}: the pattern uses ${outside}, which Excel, DuckDB and JavaScript do not read alike; write it without them.`);
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

// ---- SQL: constant patterns only, checked and compiled while compiling the formula

const needsConstant = (name: string, what: string) => new FormulaSyntaxError(`${name} in a column formula needs ${what} as constant text.`, { start: 0, end: 0 });

/** A constant argument's value, or the SQL error that stops the whole call. */
function constantArg(args: (SqlArg | undefined)[], i: number, name: string, what: string, fallback?: string): string {
  const a = args[i];
  if (a === undefined && fallback !== undefined) return fallback;
  if (a === undefined || isSqlRange(a)) throw needsConstant(name, what);
  const t = constantText(a);
  if (t === undefined) throw needsConstant(name, what);
  return t;
}

/** The pattern and DuckDB's flags for it, or the #VALUE! the scalar form gives for it. */
function sqlPattern(args: (SqlArg | undefined)[], patternAt: number, caseAt: number, name: string): { pattern: string; flags: string } | FormulaError {
  const pattern = constantArg(args, patternAt, name, 'its pattern');
  const c = constantArg(args, caseAt, name, 'its case_sensitivity', '0');
  const check = compile(pattern, c === '1', false, name);
  if (isFormulaError(check)) return check;
  if (c !== '0' && c !== '1' && c !== '') return valueError(`${name}: case_sensitivity is 0 (match case) or 1 (ignore case).`);
  const ignoreCase = c === '1' || pattern.startsWith('(?i)');
  return { pattern: pattern.startsWith('(?i)') ? pattern.slice(4) : pattern, flags: ignoreCase ? 'i' : '' };
}

const failed = (e: FormulaError, t: SqlExpr) => result('NULL', 'text', [t, errCode(e.code)]);

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
  sql(args) {
    const t = sqlText(args, 0);
    const p = sqlPattern(args, 1, 2, 'REGEXTEST');
    if (isFormulaError(p)) return failed(p, t);
    return result(`regexp_matches(${t.sql}, ${quoteLiteral(p.pattern)}, '${p.flags}')`, 'boolean', [t]);
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
  sql(args) {
    const t = sqlText(args, 0);
    if (constantArg(args, 2, 'REGEXEXTRACT', 'its return_mode (0: one match per row)', '0') !== '0') throw needsConstant('REGEXEXTRACT', 'return_mode 0 (one match per row)');
    const p = sqlPattern(args, 1, 3, 'REGEXEXTRACT');
    if (isFormulaError(p)) return failed(p, t);
    const [pat, flags] = [quoteLiteral(p.pattern), `'${p.flags}'`];
    return result(`regexp_extract(${t.sql}, ${pat}, 0, ${flags})`, 'text', [t, errWhen(`NOT regexp_matches(${t.sql}, ${pat}, ${flags})`, '#N/A')]);
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
  sql(args) {
    const t = sqlText(args, 0);
    if (constantArg(args, 3, 'REGEXREPLACE', 'its occurrence (0: every match)', '0') !== '0') throw needsConstant('REGEXREPLACE', 'occurrence 0 (every match)');
    const p = sqlPattern(args, 1, 4, 'REGEXREPLACE');
    if (isFormulaError(p)) return failed(p, t);
    // $1 … (JavaScript and Excel) are \1 … in RE2; a backslash of the text is doubled; $$ is a $.
    const replacement = constantArg(args, 2, 'REGEXREPLACE', 'its replacement').replace(/\\/g, '\\\\').replace(/\$(\$|\d)/g, (_, x: string) => (x === '$' ? '$' : `\\${x}`));
    return result(`regexp_replace(${t.sql}, ${quoteLiteral(p.pattern)}, ${quoteLiteral(replacement)}, 'g${p.flags}')`, 'text', [t]);
  },
};
