import { engineSuite } from '../testing/engine-suite';
import { createNodeBrowserEngine } from '../testing/node-browser-engine';

// DuckDB-WASM's Node build in a worker thread, behind the app's own BrowserEngine.
engineSuite('BrowserEngine, DuckDB-WASM in a worker', () => createNodeBrowserEngine());
