// Tests only; imported by node-browser-engine.ts before anything loads @duckdb/duckdb-wasm. In the
// browser the bundler gives the app and DuckDB-WASM one apache-arrow. In Node, DuckDB-WASM's
// CommonJS build require()s Arrow's CommonJS copy while our modules import its ES copy, and an
// Arrow Table refuses record batches of the other copy (it checks with instanceof, and fails as
// "Maximum call stack size exceeded" in Table's unwrap). Hand that require() the ES copy, as the
// bundler would.
import * as arrow from 'apache-arrow';
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const duckdbNode = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs');
const arrowCjs = createRequire(duckdbNode).resolve('apache-arrow');

if (require.cache[duckdbNode] && require.cache[arrowCjs]?.exports !== arrow) {
  throw new Error('DuckDB-WASM was loaded before src/engine/testing/node-browser-engine.ts: import that first in the test file');
}
if (!require.cache[arrowCjs]) {
  const module = new Module(arrowCjs);
  module.filename = arrowCjs;
  module.loaded = true;
  module.exports = arrow;
  require.cache[arrowCjs] = module;
}
