import { quoteLiteral } from '../../../sql';
import { isErrorCode, isFormulaError, type ErrorCode } from '../errors';
import { num as sqlNum } from '../sql/coerce';
import type { SqlExpr } from '../sql/types';
import { isDate, NUMBER_TEXT, parseIsoDate, parseNumberText, toText, type Scalar } from '../values';

// COUNTIF-style criteria, read as Excel reads them: a value matches cells equal to it; text may
// start with an operator (">30", "<>EU", "<=2024-01-01"); `*` and `?` are wildcards (`~*` a
// literal star); "" matches blank cells and "<>" non-blank ones. Text compares case-insensitively.
// Excel's quirks, checked against Excel-saved workbooks: an empty cell as the criterion is 0; an
// error (or its text, "#N/A") matches cells holding that error; "<>x" matches error cells too;
// "<>" counts a formula's "" as not blank; "=23" matches the text "23" but "<>23" keeps it;
// "<", ">", "<=" or ">=" with nothing after them match nothing.

type Operator = '=' | '<>' | '<' | '>' | '<=' | '>=';

/** A criterion taken apart. */
export type Criterion =
  | { kind: 'blank'; negate: boolean }
  | { kind: 'never' }
  | { kind: 'error'; op: Operator; code: ErrorCode }
  | { kind: 'number'; op: Operator; value: number }
  | { kind: 'boolean'; op: Operator; value: boolean }
  | { kind: 'text'; op: Operator; value: string; wildcard: boolean };

export function parseCriterion(c: Scalar): Criterion {
  if (c === null) return { kind: 'number', op: '=', value: 0 };
  if (typeof c === 'number') return { kind: 'number', op: '=', value: c };
  if (typeof c === 'boolean') return { kind: 'boolean', op: '=', value: c };
  if (isDate(c)) return { kind: 'number', op: '=', value: c.serial };
  if (isFormulaError(c)) return { kind: 'error', op: '=', code: c.code };
  const m = /^(<=|>=|<>|<|>|=)?(.*)$/s.exec(c)!;
  const op = (m[1] ?? '=') as Operator;
  const operand = m[2]!;
  if (operand === '') {
    if (op === '=') return { kind: 'blank', negate: false };
    if (op === '<>') return { kind: 'blank', negate: true };
    return { kind: 'never' };
  }
  if (isErrorCode(operand) && (op === '=' || op === '<>')) return { kind: 'error', op, code: operand.toUpperCase() as ErrorCode };
  const n = parseNumberText(operand);
  if (n !== undefined) return { kind: 'number', op, value: n };
  if (/^(true|false)$/i.test(operand)) return { kind: 'boolean', op, value: operand.toLowerCase() === 'true' };
  const date = /^\d{4}-\d{2}-\d{2}$/.test(operand) ? parseIsoDate(operand) : undefined;
  if (date) return { kind: 'number', op, value: date.serial };
  return { kind: 'text', op, value: operand, wildcard: (op === '=' || op === '<>') && /[*?]/.test(operand.replace(/~[*?~]/g, '')) };
}

function compareWith(op: Operator, cmp: number): boolean {
  switch (op) {
    case '=':
      return cmp === 0;
    case '<>':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '>':
      return cmp > 0;
    case '<=':
      return cmp <= 0;
    case '>=':
      return cmp >= 0;
  }
}

/** `*` any run of characters, `?` one character; `~*`, `~?` and `~~` are the characters themselves. */
export function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && '*?~'.includes(pattern[i + 1] ?? '')) re += escapeRegex(pattern[++i]!);
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += escapeRegex(ch);
  }
  return new RegExp(`^${re}$`, 'i');
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `~*` → `*`: the criterion's text without its escapes, for plain comparison. */
function unescape(text: string): string {
  return text.replace(/~([*?~])/g, '$1');
}

/** A text criterion's value as compared (unescaped, folded) or its wildcard pattern: made once, not per cell. */
const prepared = new WeakMap<Criterion, string | RegExp>();
function preparedText(criterion: Criterion & { kind: 'text' }): string | RegExp {
  let p = prepared.get(criterion);
  if (p === undefined) {
    p = criterion.wildcard ? wildcardRegex(criterion.value) : unescape(criterion.value).toLowerCase();
    prepared.set(criterion, p);
  }
  return p;
}

/** Text folded for comparison, remembered: a criterion over 200,000 cells of 50 keys folds 50 strings, not 200,000. */
const foldedText = new Map<string, string>();
function folded(v: string): string {
  let f = foldedText.get(v);
  if (f === undefined) {
    if (foldedText.size > 50_000) foldedText.clear();
    f = v.toLowerCase();
    foldedText.set(v, f);
  }
  return f;
}

/** Whether a criterion's operator is "<>": it then matches cells of other types, errors included. */
function negated(criterion: Criterion): boolean {
  return criterion.kind === 'blank' ? criterion.negate : criterion.kind !== 'never' && criterion.op === '<>';
}

/** Whether one cell matches a criterion. */
export function matches(criterion: Criterion, v: Scalar): boolean {
  if (isFormulaError(v)) return criterion.kind === 'error' ? (v.code === criterion.code) === (criterion.op === '=') : negated(criterion);
  switch (criterion.kind) {
    case 'never':
      return false;
    case 'error':
      return criterion.op === '<>';
    case 'blank':
      // "<>" counts a formula's "" as filled; "" and "=" match both.
      return criterion.negate ? v !== null : v === null || v === '';
    case 'number': {
      // "=23" also matches the text "23" (not "<>23": Excel keeps the text there).
      const text = typeof v === 'string' && criterion.op === '=' ? parseNumberText(v) : undefined;
      const x = typeof v === 'number' ? v : isDate(v) ? v.serial : text;
      if (x === undefined) return criterion.op === '<>';
      return compareWith(criterion.op, x < criterion.value ? -1 : x > criterion.value ? 1 : 0);
    }
    case 'boolean':
      if (typeof v !== 'boolean') return criterion.op === '<>';
      return compareWith(criterion.op, Number(v) - Number(criterion.value));
    case 'text': {
      if (typeof v !== 'string') return criterion.op === '<>';
      const p = preparedText(criterion);
      if (typeof p !== 'string') return p.test(v) === (criterion.op === '=');
      const [x, y] = [folded(v), p];
      return compareWith(criterion.op, x < y ? -1 : x > y ? 1 : 0);
    }
  }
}

/** A criterion as text, for messages. */
export function criterionText(c: Scalar): string {
  const t = toText(c);
  return isFormulaError(t) ? t.code : t;
}

// ---- SQL

/** A wildcard pattern as a LIKE pattern (escape character `\`). */
export function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '~' && '*?~'.includes(pattern[i + 1] ?? '')) out += likeEscape(pattern[++i]!);
    else if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else out += likeEscape(ch);
  }
  return out;
}

function likeEscape(ch: string): string {
  return ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch;
}

const SQL_OP: Record<Operator, string> = { '=': '=', '<>': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

/**
 * The SQL condition for a range column `x` matching a criterion. A constant criterion is read
 * here, while compiling (as in `matches`); one that varies by row (a column formula's
 * `COUNTIFS(t[origin], [@origin])`) matches by equality, case-insensitively for text.
 */
export function sqlMatches(x: SqlExpr, criterion: SqlExpr): string {
  if (criterion.constant !== undefined || criterion.type === 'empty') return constantMatch(x, parseCriterion(criterion.constant ?? null));
  const c = criterion.sql;
  switch (criterion.type) {
    case 'number':
    case 'date':
    case 'datetime': {
      const numeric = x.type === 'number' || x.type === 'date' || x.type === 'datetime';
      const value = sqlNum(criterion).sql;
      // An empty criterion is 0 (value coalesces it); text cells match by their number.
      return numeric || x.type === 'text' ? `(${x.sql} IS NOT NULL AND ${sqlNum(x).sql} = ${value})` : 'FALSE';
    }
    case 'boolean':
      return x.type === 'boolean' ? `(${x.sql} = ${c})` : zeroWhenNull(x, c);
    case 'text':
      return textCriterionMatch(x, c);
  }
}

/** Where a row's criterion is empty (read as 0): the numbers equal to 0, and text that reads as 0. */
function zeroWhenNull(x: SqlExpr, c: string): string {
  const numeric = x.type === 'number' || x.type === 'date' || x.type === 'datetime' || x.type === 'text';
  return numeric ? `(${c} IS NULL AND ${x.sql} IS NOT NULL AND ${sqlNum(x).sql} = 0)` : 'FALSE';
}

/** `CASE op WHEN '=' THEN a = b …`: a comparison whose operator is only known per row. */
function dynamicCompare(op: string, a: string, b: string): string {
  return `CASE ${op} ${(['=', '<>', '<', '>', '<=', '>='] as const).map((o) => `WHEN '${o}' THEN ${a} ${o} ${b}`).join(' ')} END`;
}

/**
 * A text criterion that varies by row, read per row as parseCriterion reads a constant: its
 * operator, then a blank, a number, TRUE/FALSE, an ISO date, or text with wildcards.
 */
function textCriterionMatch(x: SqlExpr, c: string): string {
  const cc = `COALESCE(${c}, '')`;
  const pre = `(CASE WHEN starts_with(${cc}, '<=') OR starts_with(${cc}, '>=') OR starts_with(${cc}, '<>') THEN 2 WHEN starts_with(${cc}, '<') OR starts_with(${cc}, '>') OR starts_with(${cc}, '=') THEN 1 ELSE 0 END)`;
  const op = `(CASE WHEN ${pre} = 0 THEN '=' ELSE substr(${cc}, 1, ${pre}) END)`;
  const operand = `substr(${cc}, ${pre} + 1)`;
  const t = `trim(${operand})`;
  const isNumber = `(regexp_full_match(${t}, ${quoteLiteral(NUMBER_TEXT)}) OR regexp_full_match(${t}, ${quoteLiteral(`${NUMBER_TEXT}%`)}))`;
  const number = `(CASE WHEN ends_with(${t}, '%') THEN CAST(rtrim(${t}, '%') AS DOUBLE) / 100 ELSE CAST(${t} AS DOUBLE) END)`;
  const isBoolean = `lower(${operand}) IN ('true', 'false')`;
  const isDate = `(regexp_full_match(${operand}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${operand} AS DATE) IS NOT NULL)`;
  const dateSerial = `CAST(TRY_CAST(${operand} AS DATE) - DATE '1899-12-30' AS DOUBLE)`;
  const v = x.sql;
  const numeric = x.type === 'number' || x.type === 'date' || x.type === 'datetime';
  const otherwise = `(${op} = '<>')`;
  const when = (matchesType: boolean, cmp: string) => (matchesType ? `CASE WHEN ${v} IS NULL THEN ${otherwise} ELSE ${cmp} END` : otherwise);
  const blank = x.type === 'text' ? `(${v} IS NULL OR ${v} = '')` : `(${v} IS NULL)`;
  // The operand as a LIKE pattern: LIKE's own characters escaped, then * and ?, then ~* ~? ~~.
  const protectedText = `replace(replace(replace(${operand}, '~~', chr(3)), '~*', chr(1)), '~?', chr(2))`;
  const escaped = `replace(replace(replace(${protectedText}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  const like = `replace(replace(replace(replace(replace(${escaped}, '*', '%'), '?', '_'), chr(1), '*'), chr(2), '?'), chr(3), '~')`;
  const plain = `replace(replace(replace(${operand}, '~~', '~'), '~*', '*'), '~?', '?')`;
  const textMatch =
    `CASE WHEN ${op} = '=' THEN lower(${v}) LIKE lower(${like}) ESCAPE '\\' ` +
    `WHEN ${op} = '<>' THEN NOT (lower(${v}) LIKE lower(${like}) ESCAPE '\\') ` +
    `ELSE ${dynamicCompare(op, `lower(${v})`, `lower(${plain})`)} END`;
  return `(CASE
    WHEN ${c} IS NULL THEN ${zeroWhenNull(x, c)}
    WHEN ${operand} = '' AND ${op} = '=' THEN ${blank}
    WHEN ${operand} = '' AND ${op} = '<>' THEN ${v} IS NOT NULL
    WHEN ${operand} = '' THEN FALSE
    WHEN ${isNumber} THEN ${when(numeric, dynamicCompare(op, sqlNum(x).sql, number))}
    WHEN ${isBoolean} THEN ${when(x.type === 'boolean', dynamicCompare(op, v, `(lower(${operand}) = 'true')`))}
    WHEN ${isDate} THEN ${when(numeric, dynamicCompare(op, sqlNum(x).sql, dateSerial))}
    ELSE ${when(x.type === 'text', textMatch)} END)`;
}

/**
 * Whether a row of a range whose value is the error `err` matches: an error criterion (constant,
 * or a cell's error per row) matches that error; "<>x" matches any error; nothing else does.
 */
export function sqlErrorMatches(err: string, criterion: SqlExpr): string {
  const own = criterion.err ? `${criterion.err} IS NOT NULL AND ${err} = ${criterion.err}` : 'FALSE';
  if (criterion.constant !== undefined || criterion.type === 'empty') {
    const c = parseCriterion(criterion.constant ?? null);
    if (c.kind === 'error') return c.op === '=' ? `(${err} = ${quoteLiteral(c.code)})` : `(${err} <> ${quoteLiteral(c.code)})`;
    return negated(c) ? 'TRUE' : `(${own})`;
  }
  return criterion.type === 'text' ? `(${own} OR starts_with(COALESCE(${criterion.sql}, ''), '<>'))` : `(${own})`;
}

function constantMatch(x: SqlExpr, criterion: Criterion): string {
  const v = x.sql;
  const blank = x.type === 'text' ? `(${v} IS NULL OR ${v} = '')` : `(${v} IS NULL)`;
  switch (criterion.kind) {
    case 'never':
      return 'FALSE';
    case 'error':
      return criterion.op === '<>' ? 'TRUE' : 'FALSE';
    case 'blank':
      return criterion.negate ? `(${v} IS NOT NULL)` : blank;
    case 'number': {
      if (x.type === 'text' && criterion.op === '=') return `(${v} IS NOT NULL AND ${sqlNum(x).sql} = CAST(${Object.is(criterion.value, -0) ? 0 : criterion.value} AS DOUBLE))`;
      if (x.type !== 'number' && x.type !== 'date' && x.type !== 'datetime') return criterion.op === '<>' ? 'TRUE' : 'FALSE';
      const value = `CAST(${Object.is(criterion.value, -0) ? 0 : criterion.value} AS DOUBLE)`;
      const cmp = `${sqlNum(x).sql} ${SQL_OP[criterion.op]} ${value}`;
      return criterion.op === '<>' ? `(${v} IS NULL OR ${cmp})` : `(${v} IS NOT NULL AND ${cmp})`;
    }
    case 'boolean': {
      if (x.type !== 'boolean') return criterion.op === '<>' ? 'TRUE' : 'FALSE';
      const cmp = `${v} ${SQL_OP[criterion.op]} ${criterion.value ? 'TRUE' : 'FALSE'}`;
      return criterion.op === '<>' ? `(${v} IS NULL OR ${cmp})` : `(${v} IS NOT NULL AND ${cmp})`;
    }
    case 'text': {
      if (x.type !== 'text') return criterion.op === '<>' ? 'TRUE' : 'FALSE';
      let cmp: string;
      if (criterion.wildcard) {
        const like = `lower(${v}) LIKE ${quoteLiteral(likePattern(criterion.value).toLowerCase())} ESCAPE '\\'`;
        cmp = criterion.op === '=' ? like : `NOT (${like})`;
      } else {
        cmp = `lower(${v}) ${SQL_OP[criterion.op]} ${quoteLiteral(unescape(criterion.value).toLowerCase())}`;
      }
      return criterion.op === '<>' ? `(${v} IS NULL OR ${cmp})` : `(${v} IS NOT NULL AND ${cmp})`;
    }
  }
}
