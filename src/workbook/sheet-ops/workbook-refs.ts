import type { Block, BlockId, WorkbookDocument } from '../document';
import { rewriteReferences, type AreaMap } from './refs';

/**
 * Every formula of the workbook with its references into the sheet `sheetId` mapped: the sheet's
 * own cells (bare `B2` included), other sheets' cells and formula cells (`Data!B5`), formula
 * columns and pivot formulas. Blocks with nothing to change are returned as they were.
 */
export function rewriteWorkbookRefs(doc: WorkbookDocument, sheetId: BlockId, map: AreaMap): WorkbookDocument {
  const sheet = doc.blocks.find((b) => b.id === sheetId);
  if (!sheet) return doc;
  return mapWorkbookFormulas(doc, (text, inSheet) => rewriteReferences(text, { sheet: sheet.name, inSheet: inSheet?.toLowerCase() === sheet.name.toLowerCase() }, map));
}

/**
 * Every formula of the workbook passed through `rewrite`, told the sheet it sits in (undefined
 * for formula cells, formula columns and pivots, where a bare `B2` is a name). Blocks with nothing
 * changed are returned as they were.
 */
export function mapWorkbookFormulas(doc: WorkbookDocument, rewrite: (text: string, inSheet: string | undefined) => string): WorkbookDocument {
  const blocks = doc.blocks.map((b) => rewriteBlock(b, (text, inSheet) => rewrite(text, inSheet ? b.name : undefined)));
  return blocks.every((b, i) => b === doc.blocks[i]) ? doc : { ...doc, blocks };
}

type Rewrite = (text: string, inSheet: boolean) => string;

function rewriteBlock(b: Block, rewrite: Rewrite): Block {
  switch (b.kind) {
    case 'sheet': {
      let changed = false;
      const cells: Record<string, string> = {};
      for (const [k, v] of Object.entries(b.cells)) {
        cells[k] = rewrite(v, true);
        changed ||= cells[k] !== v;
      }
      return changed ? { ...b, cells } : b;
    }
    case 'cell': {
      if (typeof b.value !== 'string') return b;
      const value = rewrite(b.value, false);
      return value === b.value ? b : { ...b, value };
    }
    case 'table':
    case 'sql': {
      if (!b.formulaColumns) return b;
      const columns = b.formulaColumns.map((c) => ({ ...c, formula: rewrite(c.formula, false) }));
      return columns.every((c, i) => c.formula === b.formulaColumns![i]!.formula) ? b : { ...b, formulaColumns: columns };
    }
    case 'pivot': {
      const values = b.values.map((v) => (v.formula ? { ...v, formula: rewrite(v.formula, false) } : v));
      return values.every((v, i) => v.formula === b.values[i]!.formula) ? b : { ...b, values };
    }
    case 'chart':
      return b;
  }
}
