import { INTERNAL_PREFIX } from '../sql';
import { isCellBlock, isSqlBlock, isTableBlock, type Block, type BlockId, type FormulaColumn, type WorkbookDocument } from '../workbook';

/** Blocks whose content an edit changed (not added, removed or only renamed): they run again. */
export function editedBlocks(prev: WorkbookDocument, next: WorkbookDocument, runSqlEdits: boolean): BlockId[] {
  const before = new Map(prev.blocks.map((b) => [b.id, b]));
  return next.blocks.filter((b) => {
    const old = before.get(b.id);
    return old !== undefined && contentChanged(old, b, runSqlEdits);
  }).map((b) => b.id);
}

/** Whether an edit changed what a block computes (renames and moves do not). */
function contentChanged(old: Block, b: Block, runSqlEdits: boolean): boolean {
  const formulasChanged = (x: Block, y: Block) => (x.kind === 'table' || x.kind === 'sql') && (y.kind === 'table' || y.kind === 'sql') && JSON.stringify(x.formulaColumns ?? []) !== JSON.stringify(y.formulaColumns ?? []);
  if (isSqlBlock(old) && isSqlBlock(b)) return (runSqlEdits && old.sql !== b.sql) || old.runOn !== b.runOn || formulasChanged(old, b);
  if (isTableBlock(old) && isTableBlock(b)) return old.lenient !== b.lenient || old.encoding !== b.encoding || String(old.textColumns) !== String(b.textColumns) || JSON.stringify(old.source) !== JSON.stringify(b.source) || formulasChanged(old, b);
  if (old.kind === 'sheet' && b.kind === 'sheet') return old.cells !== b.cells;
  if (old.kind === 'pivot' && b.kind === 'pivot') return old.source !== b.source || JSON.stringify([old.rows, old.columns, old.values]) !== JSON.stringify([b.rows, b.columns, b.values]);
  if (old.kind === 'chart' && b.kind === 'chart') return old.source !== b.source || old.spec !== b.spec || old.select !== b.select || old.selection !== b.selection;
  if (isCellBlock(old) && isCellBlock(b)) return old.value !== b.value || JSON.stringify(old.control) !== JSON.stringify(b.control);
  return false;
}

/** `Untitled workbook`, or `Untitled workbook 2` … whichever is free. */
export function nextTitle(taken: string[]): string {
  const base = 'Untitled workbook';
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}

/** Why a formula column cannot be added as it is, in words. */
export function formulaColumnProblem(column: FormulaColumn, taken: string[]): string | undefined {
  const name = column.name.trim();
  if (name === '') return 'A formula column needs a name.';
  if (name.startsWith(INTERNAL_PREFIX)) return `Names starting with ${INTERNAL_PREFIX} are kept for Cellar itself.`;
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) return `There is already a column named ${name}.`;
  if (!column.formula.trim().startsWith('=')) return 'A formula starts with =, as in =[qty]*[price].';
  return undefined;
}
