import { isDate, isFormulaError, type Scalar } from '../formula';
import { evaluateSheet, sheetReader } from '../sheet';
import type { CachedValue, ImportedWorkbook } from './types';

/** How many rounds sheets that read each other are computed before their values must have settled. */
const MAX_ROUNDS = 8;

/**
 * Every sheet's values, computed by Cellar. Sheets that read other sheets are computed again until
 * no value changes (a fixed point; at most MAX_ROUNDS), so the order of the sheets never matters.
 * No tables are involved: a formula that reaches for SQL is a bug in the import, so runSql throws.
 */
export async function computeWorkbook(wb: ImportedWorkbook): Promise<Map<string, Map<string, Scalar>>> {
  const values = new Map<string, Map<string, Scalar>>();
  const byBlock = new Map(wb.sheets.map((s) => [s.block.toLowerCase(), s]));
  const readers = new Map<string, { vals: Map<string, Scalar> | undefined; reader: ReturnType<typeof sheetReader> | undefined }>();
  const world = {
    cell: () => undefined,
    relation: () => undefined,
    names: () => wb.sheets.map((s) => s.block),
    // One reader per sheet and round: building one walks the whole sheet, and a sheet of 20,000
    // cross-sheet references (ARABIC(ROMAN!B2) …) asks for it once per reference.
    sheet: (name: string) => {
      const s = byBlock.get(name.toLowerCase());
      const vals = values.get(name.toLowerCase());
      const kept = readers.get(name.toLowerCase());
      if (kept && kept.vals === vals) return kept.reader;
      const reader = s && sheetReader(s, vals ?? new Map());
      readers.set(name.toLowerCase(), { vals, reader });
      return reader;
    },
  };
  const runSql = () => Promise.reject(new Error('The conformance workbooks hold no tables.'));
  const crossSheet = wb.sheets.some((s) => Object.values(s.cells).some((t) => t.startsWith('=') && t.includes('!')));
  for (let round = 0; round < (crossSheet ? MAX_ROUNDS : 1); round++) {
    let changed = false;
    for (const s of wb.sheets) {
      const next = await evaluateSheet(s.block, s.cells, world, runSql, undefined, s.data);
      const before = values.get(s.block.toLowerCase());
      changed ||= !before || [...next].some(([k, v]) => key(before.get(k) ?? null) !== key(v));
      values.set(s.block.toLowerCase(), next);
    }
    if (!changed) break;
  }
  return values;
}

function key(v: Scalar): string {
  if (isFormulaError(v)) return `#${v.code}`;
  if (isDate(v)) return `d${v.serial}`;
  return `${typeof v}:${String(v)}`;
}

/**
 * Whether Cellar's value is the one Excel saved: numbers within 1e-9 relative (a date is its
 * serial), text and booleans exactly, errors by kind. Empty cells: Excel shows a formula that
 * reads an empty cell as 0 and saves 0, so Cellar's empty agrees with a cached 0 or "", and a
 * cached nothing (no <v>) agrees with Cellar's empty or "".
 */
export function agrees(cached: CachedValue, v: Scalar): boolean {
  const n = isDate(v) ? v.serial : v;
  switch (cached.type) {
    case 'number':
      if (n === null) return cached.value === 0;
      return typeof n === 'number' && Math.abs(n - cached.value) <= 1e-9 * Math.max(1, Math.abs(cached.value));
    case 'text':
      return n === cached.value || (n === null && cached.value === '');
    case 'boolean':
      return n === cached.value;
    case 'error':
      return isFormulaError(v) && v.code.toUpperCase() === cached.value.toUpperCase();
    case 'empty':
      return n === null || n === '';
  }
}
