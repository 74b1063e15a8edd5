import { identifierName, paramRefs, quoteIdent, replaceSpans, type SqlParser, type SqlToken } from '../sql';
import { isCellBlock, isSqlBlock, type Block, type BlockId, type WorkbookDocument } from './document';
import { isFormulaText, tokenize } from './formula';

const PROBE = '__cellar_rename_probe__';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// DuckDB's reserved words (duckdb_keywords(), category 'reserved'): not usable as bare names.
const RESERVED = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create default deferrable desc describe distinct do else end except false fetch for foreign from group having in initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer pivot_wider placing primary qualify references returning select show some summarize symmetric table then to trailing true union unique unpivot using variadic when where window with').split(' '),
);

/** Why `name` cannot be a block's new name, or undefined when it can. */
export function invalidName(doc: WorkbookDocument, id: BlockId, name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return 'A name starts with a letter or _ and has only letters, digits and _.';
  if (RESERVED.has(name.toLowerCase())) return `${name} is a reserved word in SQL.`;
  const clash = doc.blocks.find((b) => b.id !== id && b.name.toLowerCase() === name.toLowerCase());
  if (clash) return `${clash.name} is already the name of another block.`;
  return undefined;
}

/**
 * Renames a block and every reference to it: table references in SQL blocks (found by DuckDB's
 * binder, so a column, alias, string or comment with the same text is left alone), `$name`
 * uses of a cell, and every formula that names it (formula columns and cells, sheets, pivots).
 */
export async function renameBlock(parser: SqlParser, doc: WorkbookDocument, id: BlockId, name: string): Promise<WorkbookDocument> {
  const target = doc.blocks.find((b) => b.id === id);
  if (!target) return doc;
  const blocks = await Promise.all(
    doc.blocks.map(async (b) => {
      const renamed = renameInFormulas(b.id === id ? { ...b, name } : b, target.name, name);
      if (!isSqlBlock(renamed)) return renamed;
      const sql = isCellBlock(target) ? await renameParam(parser, renamed.sql, target.name, name) : await renameTable(parser, renamed.sql, target.name, name);
      return sql === renamed.sql ? renamed : { ...renamed, sql };
    }),
  );
  return { ...doc, blocks };
}

async function renameParam(parser: SqlParser, sql: string, from: string, to: string): Promise<string> {
  const refs = paramRefs(await parser.tokenize(sql)).filter((r) => r.name.toLowerCase() === from.toLowerCase());
  return replaceSpans(sql, refs.map((r) => ({ ...r, text: `$${to}` })));
}

/** Renames the table `from` in one statement. */
export async function renameTable(parser: SqlParser, sql: string, from: string, to: string): Promise<string> {
  const tokens = await parser.tokenize(sql);
  const params = paramRefs(tokens);
  const paramNames = new Set(params.map((p) => p.start + 1));
  const candidates = tokens.filter((t) => t.type === 'identifier' && !paramNames.has(t.start) && identifierName(t).toLowerCase() === from.toLowerCase());
  if (candidates.length === 0) return sql;
  const neutral = params.map((p) => ({ start: p.start, end: p.end, text: 'NULL' }));
  const spelled = (t: SqlToken) => (t.text.startsWith('"') ? quoteIdent(to) : to);

  let readsTable: (t: SqlToken) => Promise<boolean>;
  try {
    const read = await parser.tableNames(replaceSpans(sql, neutral));
    if (!read.some((n) => n.toLowerCase() === from.toLowerCase())) return sql; // e.g. a CTE of that name
    // One binder call per candidate: is this very token a table reference?
    readsTable = (t) =>
      parser
        .tableNames(replaceSpans(sql, [...neutral, { start: t.start, end: t.end, text: PROBE }]))
        .then((names) => names.includes(PROBE))
        .catch(() => false);
  } catch {
    readsTable = async () => true; // DuckDB cannot bind it: rename every use of the name
  }
  const spans = [];
  let renamedTable = false;
  for (const t of candidates) {
    if (await readsTable(t)) {
      spans.push({ start: t.start, end: t.end, text: spelled(t) });
      renamedTable = true;
    }
  }
  // `query1.col` qualifies a column by the table's default alias: it follows the table's name.
  if (renamedTable) {
    for (const t of candidates) {
      const next = tokens[tokens.indexOf(t) + 1];
      const prev = tokens[tokens.indexOf(t) - 1];
      const qualifies = next?.type === 'operator' && next.text === '.' && next.start === t.end && !(prev?.text === '.' && prev.end === t.start);
      if (qualifies && !spans.some((s) => s.start === t.start)) spans.push({ start: t.start, end: t.end, text: spelled(t) });
    }
  }
  return replaceSpans(sql, spans);
}

/**
 * A formula with the name `from` (a cell, a table before `[col]`, a sheet before `!`) written as
 * `to`; function names, strings, columns and everything else are kept as typed.
 */
export function renameInFormula(text: string, from: string, to: string, sheet = false): string {
  if (!isFormulaText(text)) return text;
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return text; // a formula that does not read yet keeps its text
  }
  const same = (name: string) => name.toLowerCase() === from.toLowerCase();
  const spans: { start: number; end: number; text: string }[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.type === 'ident' && same(t.text) && next?.type !== '(') spans.push({ start: t.start, end: t.end, text: to });
    else if (t.type === 'param' && same(String(t.value))) spans.push({ start: t.start, end: t.end, text: `$${to}` });
    else if (t.type === 'sheet' && same(String(t.value))) spans.push({ start: t.start, end: t.end, text: `${to}!` });
    // Outside a sheet, a name shaped like an address (q1) is still a name.
    else if (t.type === 'a1' && !sheet && same(t.text.replace(/^\$/, ''))) spans.push({ start: t.start, end: t.end, text: t.text.startsWith('$') ? `$${to}` : to });
  });
  return replaceSpans(text, spans);
}

/** A block with `from` renamed to `to` in each of its formulas. */
function renameInFormulas(b: Block, from: string, to: string): Block {
  switch (b.kind) {
    case 'cell': {
      if (typeof b.value !== 'string') return b;
      const value = renameInFormula(b.value, from, to);
      return value === b.value ? b : { ...b, value };
    }
    case 'table':
    case 'sql': {
      if (!b.formulaColumns) return b;
      const columns = b.formulaColumns.map((c) => ({ ...c, formula: renameInFormula(c.formula, from, to) }));
      return columns.every((c, i) => c.formula === b.formulaColumns![i]!.formula) ? b : { ...b, formulaColumns: columns };
    }
    case 'sheet': {
      let changed = false;
      const cells: Record<string, string> = {};
      for (const [k, v] of Object.entries(b.cells)) {
        cells[k] = renameInFormula(v, from, to, true);
        changed ||= cells[k] !== v;
      }
      return changed ? { ...b, cells } : b;
    }
    case 'pivot': {
      const values = b.values.map((v) => (v.formula ? { ...v, formula: renameInFormula(v.formula, from, to) } : v));
      return values.every((v, i) => v.formula === b.values[i]!.formula) ? b : { ...b, values };
    }
    case 'chart':
      return b;
  }
}
