import { valueForControl } from '../cells';
import { isCellBlock, type WorkbookDocument } from '../document';

/**
 * Input values from a link's query (`?region=EU&year=2024`): each names a cell (case-insensitively)
 * and sets its value as its control reads text. A value cell is not given a formula this way.
 */
export function applyLinkParams(doc: WorkbookDocument, params: URLSearchParams): { doc: WorkbookDocument; applied: string[]; ignored: string[] } {
  const applied: string[] = [];
  const ignored: string[] = [];
  const byName = new Map(doc.blocks.filter(isCellBlock).map((b) => [b.name.toLowerCase(), b]));
  const values = new Map<string, string>();
  for (const [key, value] of params) {
    const cell = byName.get(key.toLowerCase());
    if (!cell || (cell.control.type === 'value' && value.trim().startsWith('='))) ignored.push(key);
    else values.set(cell.id, value);
  }
  const blocks = doc.blocks.map((b) => {
    const text = values.get(b.id);
    if (text === undefined || !isCellBlock(b)) return b;
    applied.push(b.name);
    return { ...b, value: valueForControl(b.control, text) };
  });
  return { doc: applied.length ? { ...doc, blocks } : doc, applied, ignored };
}
