import { paramAt, signature, type FunctionSpec, type ParamSpec } from './catalog';
import { FormulaSyntaxError } from './errors';
import { allFunctions, lookupFunction } from './functions/index';
import { tokenize, type Token, type TokenType } from './lexer';

/** What a formula may refer to, for completion. */
export interface CompletionContext {
  /** The formula's own table's columns, offered as `[col]`. */
  columns: string[];
  /** Table name → its columns: offered as names, and after `table[` as its columns. */
  tables: Record<string, string[]>;
  /** Named cells, offered as names. */
  cells: string[];
  /** In a sheet `B2` is an address, not a name to complete. */
  sheet?: boolean;
}

/** One thing the formula bar may offer at the cursor. */
export interface CompletionOption {
  label: string;
  /** The text that replaces `from`…`to`. */
  apply: string;
  kind: 'function' | 'column' | 'table' | 'cell';
  /** A function's signature. */
  detail?: string;
  /** A function's summary. */
  info?: string;
}

/** What to offer at the cursor: `options` replace the text from `from` to `to`. */
export interface Completion {
  from: number;
  to: number;
  options: CompletionOption[];
}

/** A token of possibly unfinished text: the lexer's own, or a piece it could not read. */
export interface LooseToken extends Omit<Token, 'type'> {
  type: TokenType | 'invalid';
  /** A string, column or quoted sheet name still missing its closing quote or bracket. */
  open?: boolean;
}

/** How the formula bar colours a piece of a formula. */
export type HighlightKind = 'function' | 'string' | 'number' | 'column' | 'cell' | 'name' | 'error' | 'invalid';

/** A coloured piece of a formula. */
export interface HighlightSpan {
  from: number;
  to: number;
  kind: HighlightKind;
}

/** The call the cursor is in, and which of its arguments. */
export interface SignatureHelp {
  spec: FunctionSpec;
  /** 0-based, counting the arguments before the cursor. */
  argIndex: number;
  param?: ParamSpec;
}

const WORD_CHAR = /[A-Za-z0-9_.\u00C0-\uFFFF]/;

/**
 * The tokens of a formula that may be unfinished (unclosed strings, brackets, bad characters):
 * the lexer's tokens where it can read them, loose pieces where it cannot. Never throws.
 */
export function scanFormula(text: string): LooseToken[] {
  const out: LooseToken[] = [];
  let pos = text.startsWith('=') ? 1 : 0;
  while (pos < text.length) {
    const failedAt = lexFrom(text, pos, text.length, out);
    if (failedAt === undefined) break;
    // The text before the failure lexes cleanly; then read the failing piece loosely and go on.
    if (failedAt > pos && lexFrom(text, pos, failedAt, out) !== undefined) {
      out.push({ type: 'invalid', text: text.slice(pos, failedAt), start: pos, end: failedAt });
    }
    const piece = loosePiece(text, failedAt);
    out.push(piece);
    pos = piece.end;
  }
  return out;
}

/** Lexes text[from, to) into `out`; on a syntax error adds nothing and returns where it failed. */
function lexFrom(text: string, from: number, to: number, out: LooseToken[]): number | undefined {
  try {
    // The leading space keeps tokenize from taking a `=` at `from` for the formula's own.
    const tokens = tokenize(' ' + text.slice(from, to));
    const shift = from - 1;
    for (const t of tokens) if (t.type !== 'eof') out.push({ ...t, start: t.start + shift, end: t.end + shift });
    return undefined;
  } catch (e) {
    const at = e instanceof FormulaSyntaxError ? e.span.start + from - 1 : from;
    return Math.min(Math.max(at, from), to - 1);
  }
}

/** The piece the lexer could not read at `at`, read as far as it goes. */
function loosePiece(text: string, at: number): LooseToken {
  const c = text[at];
  const piece = (type: LooseToken['type'], end: number, extra: Partial<LooseToken> = {}): LooseToken => ({
    type,
    text: text.slice(at, end),
    start: at,
    end,
    ...extra,
  });
  if (c === '"') return piece('string', text.length, { open: true, value: text.slice(at + 1).replaceAll('""', '"') });
  if (c === '[') return looseColumn(text, at);
  if (c === "'") {
    const close = text.indexOf("'", at + 1);
    return close < 0 ? piece('sheet', text.length, { open: true }) : piece('invalid', close + 1);
  }
  if (c === '#') {
    const m = /^#[^\s,();{}:+\-*^&=<>"]*/.exec(text.slice(at));
    return piece('error', at + Math.max(1, m ? m[0].length : 1));
  }
  return piece('invalid', at + 1);
}

/** `[name`, `[@[name`, `[]`: a column reference the lexer rejected, open if it has no closing `]`. */
function looseColumn(text: string, at: number): LooseToken {
  const { nameStart, nested, thisRow } = columnPrefix(text, at);
  let j = nameStart;
  while (j < text.length && text[j] !== ']') j += text[j] === "'" ? 2 : 1;
  const name = unescapeColumn(text.slice(nameStart, Math.min(j, text.length))).trim();
  const base = { type: 'column' as const, start: at, value: name, thisRow };
  if (j >= text.length) return { ...base, text: text.slice(at), end: text.length, open: true };
  const end = nested && text[j + 1] === ']' ? j + 2 : j + 1;
  return { ...base, text: text.slice(at, end), end };
}

/** Where a column reference's name starts: after `[`, `[@` or `[@[`. */
function columnPrefix(text: string, at: number): { nameStart: number; nested: boolean; thisRow: boolean } {
  let i = at + 1;
  const thisRow = text[i] === '@';
  if (thisRow) i++;
  const nested = text[i] === '[';
  if (nested) i++;
  return { nameStart: i, nested, thisRow };
}

/** A column name as written inside `[…]`: Excel escapes `[`, `]`, `#` and `'` with a `'`. */
export function escapeColumn(name: string): string {
  return name.replace(/['[\]#]/g, "'$&");
}

function unescapeColumn(written: string): string {
  return written.replace(/'(.)/g, '$1');
}

/** The coloured pieces of a formula, for the formula bar. Never throws. */
export function highlightSpans(text: string): HighlightSpan[] {
  const tokens = scanFormula(text);
  const spans: HighlightSpan[] = [];
  tokens.forEach((t, i) => {
    const kind = highlightKind(t, tokens[i + 1]);
    if (kind && t.end > t.start) spans.push({ from: t.start, to: t.end, kind });
  });
  return spans;
}

function highlightKind(t: LooseToken, next: LooseToken | undefined): HighlightKind | undefined {
  switch (t.type) {
    case 'string':
    case 'number':
    case 'column':
    case 'error':
    case 'invalid':
      return t.type;
    case 'a1':
    case 'param':
    case 'sheet':
      return 'cell';
    case 'ident':
      if (next?.type === '(') return 'function';
      // `sales[amount]`: the table's name is part of the column reference.
      if (next?.type === 'column' && next.start === t.end) return 'column';
      return /^(TRUE|FALSE)$/i.test(t.text) ? 'number' : 'name';
    default:
      return undefined;
  }
}

/**
 * What to offer at `cursor`: functions, columns, tables and named cells matching the word being
 * typed, or the columns inside `[…]`. Null where nothing fits (inside a string, a number, or no
 * word typed unless `explicit`, as when the person asks with Ctrl-Space). Never throws.
 */
export function completeAt(text: string, cursor: number, ctx: CompletionContext, opts: { explicit?: boolean } = {}): Completion | null {
  try {
    return complete(text, cursor, ctx, opts.explicit ?? false);
  } catch {
    return null;
  }
}

function complete(text: string, cursor: number, ctx: CompletionContext, explicit: boolean): Completion | null {
  // A typed value (`EU`, `42`) is not a formula: nothing to complete until it starts with =.
  if (!text.startsWith('=') || cursor < 1 || cursor > text.length) return null;
  const tokens = scanFormula(text);
  const index = tokens.findIndex((t) => t.start < cursor && (cursor < t.end || (t.open === true && cursor <= t.end)));
  const inside = tokens[index];
  if (inside?.type === 'column') return completeColumn(text, cursor, inside, tokens[index - 1], ctx);
  if (inside && ['string', 'sheet', 'error', 'number'].includes(inside.type)) return null;
  return completeWord(text, cursor, ctx, explicit);
}

/** Inside `[…]` or `table[…]`: that table's columns, closing the bracket. */
function completeColumn(text: string, cursor: number, t: LooseToken, before: LooseToken | undefined, ctx: CompletionContext): Completion | null {
  const { nameStart, nested } = columnPrefix(text, t.start);
  const closers = t.open ? 0 : nested && t.text.endsWith(']]') ? 2 : 1;
  if (cursor < nameStart || cursor > t.end - closers) return null;
  const columns = before?.type === 'ident' && before.end === t.start ? tableColumns(ctx, before.text) : ctx.columns;
  if (!columns) return null;
  const typed = unescapeColumn(text.slice(nameStart, cursor)).trimStart();
  const to = t.open ? wordEnd(text, cursor) : t.end;
  const close = nested ? ']]' : ']';
  const options = columns.map((c): Candidate => ({ key: c, option: { label: c, apply: escapeColumn(c) + close, kind: 'column' } }));
  return result(nameStart, to, text, options, typed);
}

function tableColumns(ctx: CompletionContext, name: string): string[] | undefined {
  const key = Object.keys(ctx.tables).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : ctx.tables[key];
}

/** The word at the cursor: functions, `[columns]`, tables and named cells; after `$` named cells only. */
function completeWord(text: string, cursor: number, ctx: CompletionContext, explicit: boolean): Completion | null {
  let from = cursor;
  while (from > 0 && WORD_CHAR.test(text[from - 1]!)) from--;
  const to = wordEnd(text, cursor);
  const typed = text.slice(from, cursor);
  if (/^[0-9.]/.test(typed) || (typed === '' && !explicit)) return null;
  const before = text[from - 1];
  if (before === '!' || before === '#' || before === "'") return null;
  if (ctx.sheet && /^[A-Za-z]{1,3}[0-9]+$/.test(typed)) return null;
  if (before === '$') return ctx.sheet ? null : result(from, to, text, cellCandidates(ctx), typed);
  const callFollows = text[to] === '(';
  const candidates: Candidate[] = [
    ...ctx.columns.map((c): Candidate => ({ key: c, option: { label: `[${c}]`, apply: `[${escapeColumn(c)}]`, kind: 'column' } })),
    ...cellCandidates(ctx),
    ...Object.keys(ctx.tables).map((t): Candidate => ({ key: t, option: { label: t, apply: t, kind: 'table' } })),
    ...functionCandidates(callFollows),
  ];
  return result(from, to, text, candidates, typed);
}

function wordEnd(text: string, cursor: number): number {
  let to = cursor;
  while (to < text.length && WORD_CHAR.test(text[to]!)) to++;
  return to;
}

interface Candidate {
  /** What the typed word is matched against. */
  key: string;
  option: CompletionOption;
}

function cellCandidates(ctx: CompletionContext): Candidate[] {
  return ctx.cells.map((c) => ({ key: c, option: { label: c, apply: c, kind: 'cell' } }));
}

function functionCandidates(callFollows: boolean): Candidate[] {
  const specs = [...allFunctions()].sort((a, b) => a.name.localeCompare(b.name));
  return specs.map((spec) => ({
    key: spec.name,
    option: { label: spec.name, apply: callFollows ? spec.name : `${spec.name}(`, kind: 'function', detail: signature(spec), info: spec.summary },
  }));
}

/** Candidates whose key starts with `typed`, then those containing it; none that would change nothing. */
function result(from: number, to: number, text: string, candidates: Candidate[], typed: string): Completion | null {
  const needle = typed.toLowerCase();
  const current = text.slice(from, to);
  const fits = candidates.filter((c) => c.option.apply !== current);
  const prefix = fits.filter((c) => c.key.toLowerCase().startsWith(needle));
  const substring = fits.filter((c) => !c.key.toLowerCase().startsWith(needle) && c.key.toLowerCase().includes(needle));
  const options = [...prefix, ...substring].map((c) => c.option);
  return options.length > 0 ? { from, to, options } : null;
}

/**
 * The innermost function call the cursor is inside, and which argument it is in: commas inside
 * nested calls, strings, brackets and braces do not count. Null outside any call or in an unknown
 * function. Never throws.
 */
export function signatureAt(text: string, cursor: number): SignatureHelp | null {
  try {
    return signatureOf(text, cursor);
  } catch {
    return null;
  }
}

type Frame = { kind: 'call'; name: string; args: number } | { kind: 'group' } | { kind: 'brace' };

function signatureOf(text: string, cursor: number): SignatureHelp | null {
  const tokens = scanFormula(text);
  const stack: Frame[] = [];
  tokens.forEach((t, i) => {
    if (t.start >= cursor) return;
    const prev = tokens[i - 1];
    if (t.type === '(') stack.push(prev?.type === 'ident' ? { kind: 'call', name: prev.text, args: 0 } : { kind: 'group' });
    else if (t.type === '{') stack.push({ kind: 'brace' });
    else if (t.type === ')') popTo(stack, (f) => f.kind !== 'brace');
    else if (t.type === '}') popTo(stack, (f) => f.kind === 'brace');
    else if (t.type === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'call') top.args++;
    }
  });
  const call = [...stack].reverse().find((f) => f.kind === 'call');
  if (call?.kind !== 'call') return null;
  const spec = lookupFunction(call.name);
  if (!spec) return null;
  return { spec, argIndex: call.args, param: paramAt(spec, call.args) };
}

/** Pops frames down to and including the nearest one that `matches`; a stray closer pops nothing. */
function popTo(stack: Frame[], matches: (f: Frame) => boolean): void {
  for (let i = stack.length - 1; i >= 0; i--) {
    if (matches(stack[i]!)) {
      stack.length = i;
      return;
    }
  }
}

/** A function's signature in pieces, the parameter that argument `argIndex` fills marked current. */
export function signatureParts(spec: FunctionSpec, argIndex: number): { text: string; current: boolean }[] {
  const current = currentParam(spec, argIndex);
  const parts: { text: string; current: boolean }[] = [{ text: `${spec.name}(`, current: false }];
  spec.params.forEach((p, i) => {
    if (i > 0) parts.push({ text: ', ', current: false });
    parts.push({ text: p.optional ? `[${p.name}]` : p.name, current: i === current });
  });
  parts.push({ text: `${spec.repeat ? ', …' : ''})`, current: false });
  return parts;
}

/** The index into spec.params that argument `argIndex` fills; -1 past the last. */
function currentParam(spec: FunctionSpec, argIndex: number): number {
  const repeat = spec.repeat ?? 0;
  if (argIndex < spec.params.length) return argIndex;
  if (repeat === 0) return -1;
  const fixed = spec.params.length - repeat;
  return fixed + ((argIndex - fixed) % repeat);
}
