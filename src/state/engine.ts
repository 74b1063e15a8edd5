import { createBrowserEngine, type BrowserEngine } from '../engine';

let starting: Promise<BrowserEngine> | undefined;

/** The page's one DuckDB-WASM engine, started on first use. */
export function getEngine(): Promise<BrowserEngine> {
  starting ??= createBrowserEngine({ threads: self.crossOriginIsolated });
  return starting;
}
