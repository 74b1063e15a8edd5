import type { Block } from './document';
import { isFormulaText, lookupFunction, parseFormula, walk, type FormulaNode } from './formula';
import { assertNever } from './never';

/** The names a formula reads: cells or tables by name, tables through their columns, other sheets. */
export interface FormulaRefs {
  names: string[];
  tables: string[];
  sheets: string[];
}

const EMPTY: FormulaRefs = { names: [], tables: [], sheets: [] };
const cache = new Map<string, FormulaNode | null>();

/** A formula's tree, parsed once per text (null when it does not parse). */
export function parsedFormula(text: string, sheet = false): FormulaNode | null {
  const key = `${sheet ? 's' : 'c'}:${text}`;
  if (cache.has(key)) return cache.get(key)!;
  let node: FormulaNode | null = null;
  try {
    node = parseFormula(text, { sheet });
  } catch {
    node = null;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, node);
  return node;
}

/** What one formula reads; nothing when it does not parse (its error shows on the block). */
export function formulaRefs(text: string, sheet = false): FormulaRefs {
  const node = parsedFormula(text, sheet);
  if (!node) return EMPTY;
  const names = new Set<string>();
  const tables = new Set<string>();
  const sheets = new Set<string>();
  walk(node, (n) => {
    if (n.type === 'name') names.add(n.name);
    // A call of no known function may be a named cell's LAMBDA (`=MYFN(2)`).
    else if (n.type === 'call' && !n.callee && !lookupFunction(n.name)) names.add(n.name);
    else if (n.type === 'column' && n.table) tables.add(n.table);
    else if ((n.type === 'cell' || n.type === 'range') && n.sheet) sheets.add(n.sheet);
  });
  return { names: [...names], tables: [...tables], sheets: [...sheets] };
}

/** Every formula a block holds, and whether it is read as a sheet formula (A1 addresses). */
export function blockFormulas(block: Block): { text: string; sheet: boolean }[] {
  switch (block.kind) {
    case 'cell':
      return block.control.type === 'value' && typeof block.value === 'string' && isFormulaText(block.value) ? [{ text: block.value, sheet: false }] : [];
    case 'table':
    case 'sql':
      return (block.formulaColumns ?? []).map((c) => ({ text: c.formula, sheet: false }));
    case 'sheet':
      return Object.values(block.cells)
        .filter(isFormulaText)
        .map((text) => ({ text, sheet: true }));
    case 'pivot':
      return block.values.filter((v) => v.aggregate === 'formula' && v.formula).map((v) => ({ text: v.formula!, sheet: false }));
    case 'chart':
      return [];
    default:
      return assertNever(block, 'block kind');
  }
}

/** Every name the formulas of a block read, merged. */
export function blockFormulaRefs(block: Block): FormulaRefs {
  const names = new Set<string>();
  const tables = new Set<string>();
  const sheets = new Set<string>();
  for (const f of blockFormulas(block)) {
    const r = formulaRefs(f.text, f.sheet);
    r.names.forEach((n) => names.add(n));
    r.tables.forEach((t) => tables.add(t));
    r.sheets.forEach((s) => sheets.add(s));
  }
  return { names: [...names], tables: [...tables], sheets: [...sheets] };
}
