import type { Row } from '../engine';
import { eachStored, typedValue, type WorkbookDocument } from '../workbook';
import { isDate, isFormulaError, isFormulaText, type Scalar } from '../workbook/formula';
import { queryRows } from './data';
import { getEngine } from './engine';
import { useWorkbook } from './workbook-store';

/** `window.cellar`: read-only access for tests and the browser console. */
export interface CellarConsoleApi {
  /** Resolves once DuckDB has started and the last workbook is open again. */
  ready: Promise<void>;
  /** A copy of the workbook document. */
  document(): WorkbookDocument;
  /** Runs SQL in the page's DuckDB; rows as plain objects. */
  query(sql: string): Promise<Row[]>;
  /** Which DuckDB build runs and its version. */
  engine(): Promise<{ bundle: string; version: string }>;
  /** A sheet block's computed values, once it has run: its non-empty cells by address. */
  cells(blockName: string): Promise<Record<string, SheetCellValue>>;
}

/** A computed cell as tests read it: numbers as numbers, dates as Excel serials, an error by its code. */
export type SheetCellValue = { value: number | string | boolean | null } | { error: string };

declare global {
  interface Window {
    cellar: CellarConsoleApi;
  }
}

function cellValueOf(v: Scalar): SheetCellValue {
  if (isFormulaError(v)) return { error: v.code };
  if (isDate(v)) return { value: v.serial };
  return { value: v };
}

export function installConsoleApi(): void {
  const api: CellarConsoleApi = {
    ready: Promise.all([getEngine(), useWorkbook.getState().init()]).then(() => undefined),
    document: () => structuredClone(useWorkbook.getState().doc),
    query: queryRows,
    engine: async () => {
      const e = await getEngine();
      return { bundle: e.bundle, version: e.version };
    },
    cells: async (blockName) => {
      const { doc, runtime } = useWorkbook.getState();
      const b = doc.blocks.find((x) => x.kind === 'sheet' && x.name.toLowerCase() === blockName.toLowerCase());
      if (!b) throw new Error(`There is no sheet block named ${blockName}.`);
      await runtime.waitFor([b.id]);
      const node = runtime.node(b.id);
      const values = node.sheetValues ?? new Map<string, Scalar>();
      const out: Record<string, SheetCellValue> = {};
      for (const [key, v] of values) out[key] = cellValueOf(v);
      // A big sheet's stored constants (its formulas' values are in `values`).
      if (b.kind === 'sheet') eachStored({ cells: b.cells, data: node.sheetData }, (key, raw) => {
        if (out[key] === undefined && !(typeof raw === 'string' && isFormulaText(raw))) out[key] = cellValueOf(typeof raw === 'number' ? raw : typedValue(raw));
      });
      return out;
    },
  };
  Object.defineProperty(window, 'cellar', { value: Object.freeze(api), writable: false });
}
