import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// DuckDB-WASM only gets threads (SharedArrayBuffer) on a cross-origin isolated page.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * What the page may run (docs/sharing.md, "What the page may run", says why each directive).
 * Scripts come only from our own origin; WebAssembly may compile (DuckDB, parquet-wasm), nothing
 * may `eval`. connect-src stays open: a workbook reads the URLs its person allows (the app asks per
 * workbook and per host), and a deployment that knows its servers narrows it in its own header.
 */
export const CSP: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  // DuckDB's worker starts from a blob: URL (the network guard that wraps its fetches).
  'worker-src': "'self' blob:",
  'connect-src': '* data: blob:',
  'img-src': "'self' data: blob:",
  // ag-grid, CodeMirror and vega-embed inject <style> elements and style attributes.
  'style-src': "'self' 'unsafe-inline'",
  'object-src': "'none'",
  'base-uri': "'none'",
};

export const cspHeader = (policy: Record<string, string>) =>
  Object.entries(policy)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

// The dev server only: @vitejs/plugin-react puts React Fast Refresh's preamble in an inline
// <script> of index.html, which 'self' refuses. Production and preview never have inline scripts.
const DEV_CSP = { ...CSP, 'script-src': `${CSP['script-src']} 'unsafe-inline'` };

/**
 * The same headers for static hosts: `_headers` (Netlify, Cloudflare Pages) in the build, and the
 * policy as a <meta> in the built index.html, so a host that sets no headers still applies it (a
 * header the host adds can only narrow it: both policies must allow a load).
 */
function staticHeaders(): Plugin {
  const policy = cspHeader(CSP);
  return {
    name: 'cellar-static-headers',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    generateBundle() {
      const lines = Object.entries({ ...isolation, 'Content-Security-Policy': policy }).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), staticHeaders()],
  server: { headers: { ...isolation, 'Content-Security-Policy': cspHeader(DEV_CSP) } },
  preview: { headers: { ...isolation, 'Content-Security-Policy': cspHeader(CSP) } },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
