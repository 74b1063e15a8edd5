import type { DuckDBBundles } from '@duckdb/duckdb-wasm';
// Every DuckDB-WASM asset comes from our own bundle: the app must work with no network at all.
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiModule from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';

/** The bundles duckdb-wasm's `selectBundle` chooses from, all served from our origin. */
export function localBundles(withThreads: boolean): DuckDBBundles {
  const bundles: DuckDBBundles = {
    mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
    eh: { mainModule: ehModule, mainWorker: ehWorker },
  };
  if (withThreads) {
    bundles.coi = { mainModule: coiModule, mainWorker: coiWorker, pthreadWorker: coiPthreadWorker };
  }
  return bundles;
}

/** Which build a selected bundle is: `coi` (threads), `eh` or `mvp`. */
export function bundleName(mainModule: string): 'coi' | 'eh' | 'mvp' {
  if (mainModule === coiModule) return 'coi';
  return mainModule === ehModule ? 'eh' : 'mvp';
}
