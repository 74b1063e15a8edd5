import type { Row } from '../engine';
import type { WorkbookDocument } from '../workbook';
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
}

declare global {
  interface Window {
    cellar: CellarConsoleApi;
  }
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
  };
  Object.defineProperty(window, 'cellar', { value: Object.freeze(api), writable: false });
}
