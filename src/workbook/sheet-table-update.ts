import { quoteIdent } from '../sql';
import { isDate, isFormulaError, type Scalar } from './formula';
import { parseAddress, sheetReader, type SheetCells } from './sheet-cells';
import { columnSqlType, literalOf, usedBounds, type Bounds, type SheetColumnType } from './sheet-table';

/** What a sheet's table was last made from: enough to tell whether an edit can update it in place. */
export interface SheetTableShape {
  table: string;
  bounds: Bounds;
  types: SheetColumnType[];
  names: string[];
}

/** More changed cells than this and the table is made again rather than updated cell by cell. */
const MAX_UPDATED_CELLS = 2_000;

const same = (a: Scalar | undefined, b: Scalar | undefined) =>
  a === b || (isDate(a) && isDate(b) && a.serial === b.serial && a.withTime === b.withTime) || (isFormulaError(a) && isFormulaError(b) && a.code === b.code);

/**
 * The UPDATEs that bring a sheet's table from the values it was made from (`before`) to `after`,
 * or undefined when it must be made again: the used range or the header row changed, a column's
 * type would change, or too many cells did. An edit of one cell of a 200,000-row sheet is then one
 * UPDATE, not 2 million values sent to DuckDB again. Rows are addressed by rowid: the table was
 * made in row order (CREATE TABLE AS over the rows in order).
 */
export function tableUpdates(sheet: SheetCells, before: ReadonlyMap<string, Scalar>, after: ReadonlyMap<string, Scalar>, shape: SheetTableShape): string[] | undefined {
  const changed: { row: number; col: number; key: string }[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (same(before.get(key) ?? null, after.get(key) ?? null)) continue;
    const a = parseAddress(key);
    if (!a) continue;
    changed.push({ ...a, key });
    if (changed.length > MAX_UPDATED_CELLS) return undefined;
  }
  const bounds = usedBounds(sheet, after);
  const { r0, r1, c0, c1 } = shape.bounds;
  if (!bounds || bounds.r0 !== r0 || bounds.r1 !== r1 || bounds.c0 !== c0 || bounds.c1 !== c1) return undefined;
  if (changed.some((c) => c.row === r0)) return undefined;
  const inside = changed.filter((c) => c.row > r0 && c.row <= r1 && c.col >= c0 && c.col <= c1);
  if (inside.length === 0) return [];
  const reader = sheetReader(sheet, after);
  const byColumn = new Map<number, typeof inside>();
  for (const c of inside) byColumn.set(c.col, [...(byColumn.get(c.col) ?? []), c]);
  const statements: string[] = [];
  for (const [col, cells] of byColumn) {
    const type = shape.types[col - c0]!;
    // The column's type is what a new table would give it: read the whole column (fast: stored cells are typed arrays).
    const column = function* () {
      for (let r = r0 + 1; r <= r1; r++) yield reader.at(r, col);
    };
    if (columnSqlType(column()) !== type) return undefined;
    const name = quoteIdent(shape.names[col - c0]!);
    const cases = cells.map((c) => `WHEN ${c.row - r0 - 1} THEN ${literalOf(reader.at(c.row, col), type)}`).join(' ');
    statements.push(`UPDATE ${quoteIdent(shape.table)} SET ${name} = CASE rowid ${cases} END WHERE rowid IN (${cells.map((c) => c.row - r0 - 1).join(', ')})`);
  }
  return statements;
}
