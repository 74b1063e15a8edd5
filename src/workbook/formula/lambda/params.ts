import { walk, type FormulaNode } from '../ast';
import { bareName } from './scope';

const FILE_PREFIX = /^(_XLFN\.)+/i;

/**
 * Every name a formula's LET or LAMBDA declares, lower-cased and without `_xlpm.`: what a file
 * must write as `_xlpm.x` for Excel to read it as a parameter rather than a defined name.
 */
export function declaredParameters(node: FormulaNode): Set<string> {
  const names = new Set<string>();
  walk(node, (n) => {
    if (n.type !== 'call' || n.callee) return;
    const fn = n.name.replace(FILE_PREFIX, '').toUpperCase();
    const declared = fn === 'LET' ? n.args.filter((_, i) => i % 2 === 0 && i < n.args.length - 1) : fn === 'LAMBDA' ? n.args.slice(0, -1) : [];
    for (const a of declared) if (a.type === 'name') names.add(bareName(a.name).toLowerCase());
  });
  return names;
}
