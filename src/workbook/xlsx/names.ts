import { isSingleReference, rewriteFormula } from './formula-text';
import type { DefinedName } from './workbook-xml';

/** How deep names may stand for other names before the chain counts as circular. */
const MAX_DEPTH = 16;
const LAMBDA = /(^|[^\w.])(_xlfn\.)?LAMBDA\s*\(/i;

export interface NameScope {
  /** For formulas on `sheet`: a defined name's text to put in its place, or undefined to leave it. */
  forSheet(sheet: string): (name: string) => string | undefined;
  /** Names kept as names because their definition cannot be inlined (a LAMBDA that calls itself). */
  kept: string[];
}

/**
 * Defined names inlined the way Excel reads them: a sheet-scoped name wins on its own sheet over a
 * workbook-scoped one of the same name; a reference goes in as its text (`Sales!$B$4`), anything
 * else (a constant, a formula) in parentheses so it keeps its precedence. Excel's own names
 * (`_xlnm.Print_Area`, filters) are never used in formulas and are skipped.
 */
export function nameScope(names: DefinedName[], blocks: ReadonlyMap<string, string>): NameScope {
  const workbook = new Map<string, DefinedName>();
  const local = new Map<string, Map<string, DefinedName>>();
  const kept = new Set<string>();
  for (const n of names) {
    if (n.name.toLowerCase().startsWith('_xlnm.')) continue;
    const scope = n.sheet === undefined ? workbook : (local.get(n.sheet.toLowerCase()) ?? local.set(n.sheet.toLowerCase(), new Map()).get(n.sheet.toLowerCase())!);
    scope.set(n.name.toLowerCase(), n);
  }
  const cache = new Map<string, string | undefined>();
  const forSheet = (sheet: string) => {
    const own = local.get(sheet.toLowerCase());
    // `chain`: the names being inlined around this one; a LAMBDA met again inside itself calls itself.
    const resolve = (name: string, chain: string[]): string | undefined => {
      const key = name.toLowerCase();
      const found = own?.get(key) ?? workbook.get(key);
      if (!found || kept.has(found.name)) return undefined;
      const cacheKey = `${sheet.toLowerCase()}\u0000${key}`;
      if (cache.has(cacheKey)) return cache.get(cacheKey);
      if (LAMBDA.test(found.text) && chain.includes(key)) {
        kept.add(found.name);
        return undefined;
      }
      if (chain.length > MAX_DEPTH) return '#REF!';
      const body = rewriteFormula(found.text.replace(/^=/, ''), { blocks, name: (n) => resolve(n, [...chain, key]) }).trim();
      const text = isSingleReference(body) ? body : `(${body})`;
      cache.set(cacheKey, text);
      return text;
    };
    return (name: string) => resolve(name, []);
  };
  // A LAMBDA goes in as its text, called in place (`Twice(1)` → `(LAMBDA(x,x*2))(1)`), unless it
  // calls itself: inlined, it would never end. Those are found first, then nothing inlines them.
  for (const n of names) if (LAMBDA.test(n.text) && !n.name.toLowerCase().startsWith('_xlnm.')) forSheet(n.sheet ?? '')(n.name);
  cache.clear();
  return { forSheet, kept: [...kept] };
}
