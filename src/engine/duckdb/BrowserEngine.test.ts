import { engineSuite } from '../testing/engine-suite';
import { createNodeBrowserEngine } from '../testing/node-browser-engine';

// DuckDB-WASM's Node build in a worker thread, behind the app's own BrowserEngine.
engineSuite('BrowserEngine, DuckDB-WASM in a worker', () => createNodeBrowserEngine(), {
  knownGaps: {
    'keyword-param-names': 'paramRefs (sql-tokens.ts) takes only identifier tokens after $, and DuckDB tokenizes day, text, limit, target … as keywords',
    'bigint-params': "setVariableStatement (analyze.ts) hands a bigint to DuckDB-WASM's prepared statement, which JSON-serializes its arguments",
  },
});
