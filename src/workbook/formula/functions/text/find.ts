import { quoteLiteral } from '../../../../sql';
import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { lowerText } from './case';
import { chars, coerced, constantText, quoted, sqlInt, valueError } from './shared';

// ---- FIND, SEARCH

/** Where `needle` first occurs in `hay`, in characters from 0; -1 when it does not. */
function indexIn(hay: string, needle: string): number {
  const i = hay.indexOf(needle);
  return i < 0 ? -1 : chars(hay.slice(0, i)).length;
}

/** Whether a SEARCH pattern has a wildcard: `*` or `?` not escaped by `~`. */
function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern.replace(/~[*?~]/g, ''));
}

/** A pattern's `~*`, `~?` and `~~` as the characters themselves. */
function unescapeWildcards(pattern: string): string {
  return pattern.replace(/~([*?~])/g, '$1');
}

/** A wildcard pattern read left to right: `*` any run of characters, `?` one, `~` escapes the next of `*?~`. */
function wildcardTokens(pattern: string): ({ literal: string } | { wildcard: '*' | '?' })[] {
  const cs = chars(pattern);
  const out: ({ literal: string } | { wildcard: '*' | '?' })[] = [];
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c === '~' && '*?~'.includes(cs[i + 1] ?? 'x')) out.push({ literal: cs[++i]! });
    else if (c === '*' || c === '?') out.push({ wildcard: c });
    else out.push({ literal: c });
  }
  return out;
}

/** The pattern as a JavaScript regular expression (code points; `.` takes line breaks too). */
function wildcardRegExp(pattern: string): RegExp {
  const source = wildcardTokens(pattern)
    .map((t) => ('wildcard' in t ? (t.wildcard === '*' ? '.*' : '.') : t.literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')))
    .join('');
  return new RegExp(source, 'su');
}

/** The pattern as an RE2 expression whose group 1 is the text before the first match. */
function wildcardRe2(pattern: string): string {
  const source = wildcardTokens(pattern)
    .map((t) => ('wildcard' in t ? (t.wildcard === '*' ? '.*' : '.') : t.literal.replace(/[!-/:-@[-`{-~]/g, '\\$&')))
    .join('');
  return `(?s)^(.*?)${source}`;
}

/** Where SEARCH's pattern first matches `hay`, in characters from 0, case-insensitively; -1 when nowhere. */
function searchIn(hay: string, pattern: string): number {
  const h = lowerText(hay);
  const p = lowerText(pattern);
  if (!hasWildcard(p)) return indexIn(h, unescapeWildcards(p));
  const m = wildcardRegExp(p).exec(h);
  return m ? chars(h.slice(0, m.index)).length : -1;
}

/** SEARCH's position in SQL (1-based within `hay`, NULL when not found); `hay` and the pattern are lower-cased. */
function sqlSearchIn(hay: string, find: SqlExpr): string {
  const known = constantText(find);
  if (known !== undefined) {
    const p = lowerText(known);
    if (!hasWildcard(p)) return `NULLIF(instr(${hay}, lower(${quoteLiteral(unescapeWildcards(p))})), 0)`;
    const re = `lower(${quoteLiteral(wildcardRe2(p))})`;
    return `CASE WHEN regexp_matches(${hay}, ${re}) THEN length(regexp_extract(${hay}, ${re}, 1)) + 1 END`;
  }
  // A pattern that varies by row: the same reading, in SQL. Control characters 1–3 stand in for
  // the escaped `*`, `?` and `~` while the rest is escaped (criteria.ts does the same).
  const p = `lower(${find.sql})`;
  const marked = `replace(replace(replace(${p}, '~~', chr(3)), '~*', chr(1)), '~?', chr(2))`;
  const wild = `(contains(${marked}, '*') OR contains(${marked}, '?'))`;
  const plain = `replace(replace(replace(${marked}, chr(1), '*'), chr(2), '?'), chr(3), '~')`;
  const escaped = `replace(replace(regexp_escape(${marked}), '\\*', '.*'), '\\?', '.')`;
  const re = `'(?s)^(.*?)' || replace(replace(replace(${escaped}, chr(1), '*'), chr(2), '?'), chr(3), '~')`;
  return `CASE WHEN ${wild} THEN (CASE WHEN regexp_matches(${hay}, ${re}) THEN length(regexp_extract(${hay}, ${re}, 1)) + 1 END) ELSE NULLIF(instr(${hay}, ${plain}), 0) END`;
}

/** FIND (case-sensitive, no wildcards) and SEARCH (case-insensitive, wildcards). */
export function finder(name: 'FIND' | 'SEARCH'): FunctionSpec {
  const find = name === 'FIND';
  return {
    name,
    category: 'text',
    summary: find
      ? 'Where a text first occurs in another, from 1, case-sensitively; #VALUE! when it does not.'
      : 'Where a text first occurs in another, from 1, ignoring case; * and ? are wildcards (~* a star); #VALUE! when it does not.',
    params: [{ name: 'find_text' }, { name: 'within_text' }, { name: 'start', optional: true }],
    notes: find ? undefined : 'Upper and lower case are compared character by character, as LOWER writes them.',
    example: find ? { formula: '=FIND("l", "Cellar")', result: '3' } : { formula: '=SEARCH("L?R", "Cellar")', result: '4' },
    scalar(args) {
      const v = coerced(textArg(args, 0), textArg(args, 1), numberArg(args, 2, 1));
      if (isFormulaError(v)) return v;
      const [f, cs, start] = [v[0], chars(v[1]), Math.trunc(v[2])];
      if (start < 1 || start > cs.length) return valueError(`${name}: the start must be between 1 and the length of the text.`);
      const rest = cs.slice(start - 1).join('');
      const i = find ? indexIn(rest, f) : searchIn(rest, f);
      return i < 0 ? valueError(`${name}: ${quoted(f)} was not found.`) : start + i;
    },
    sql(args) {
      const [f, w, s] = [sqlText(args, 0), sqlText(args, 1), sqlNum(args, 2, 1)];
      const start = sqlInt(s.sql);
      const rest = `substring(${w.sql}, ${start})`;
      const pos = find ? `NULLIF(instr(${rest}, ${f.sql}), 0)` : sqlSearchIn(`lower(${rest})`, f);
      const bad = `(trunc(${s.sql}) < 1 OR trunc(${s.sql}) > length(${w.sql}))`;
      const value = `CASE WHEN ${bad} THEN NULL ELSE CAST(${start} - 1 + ${pos} AS DOUBLE) END`;
      return result(value, 'number', [f, w, s, errWhen(`${bad} OR ${value} IS NULL`, '#VALUE!')]);
    },
  };
}
