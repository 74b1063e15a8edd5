/**
 * Imports point down the layers, and a test fails when one does not:
 *
 *   ui → state → workbook → sql        engine → sql (and protocol)
 *   server → protocol                  protocol → nothing
 *
 * Each file's layer is its folder (src/ui, src/state, src/workbook, src/engine, src/sql, server,
 * protocol); src/main.tsx is the app's entry and may import any layer of src/. Only relative
 * specifiers are read: packages are not layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Layer = 'app' | 'ui' | 'state' | 'workbook' | 'engine' | 'sql' | 'protocol' | 'server';

/** What each layer may import, besides itself. */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  app: ['ui', 'state', 'workbook', 'engine', 'sql'],
  ui: ['state', 'workbook', 'engine', 'sql'],
  state: ['workbook', 'engine', 'sql'],
  // The document model and the formula language compile to SQL text; they never run it.
  workbook: ['sql'],
  // The engine knows SQL, Arrow and files, and speaks the wire protocol to the server.
  engine: ['sql', 'protocol'],
  sql: [],
  protocol: [],
  server: ['protocol'],
};

/**
 * Imports across the layers that are allowed all the same, each with why. Paths from the root;
 * a file is test code when its name ends in .test.ts or it sits in a testing/ or __tests__/ folder.
 */
const SHARED: readonly { from: (file: string) => boolean; to: string; why: string }[] = [
  {
    from: (file) => file.startsWith('server/'),
    to: 'src/engine/arrow-validate.ts',
    why: 'the server checks an uploaded Arrow file with the checks the browser engine runs on one it reads',
  },
  {
    from: (file) => file.startsWith('server/') && isTestCode(file),
    to: 'src/engine/testing/damaged-arrow.ts',
    why: 'the same damaged Arrow files are fed to the browser engine and to the server',
  },
  {
    from: (file) => file.startsWith('src/engine/') && isTestCode(file),
    to: 'server/test/harness.ts',
    why: 'the remote engine is tested against a real server process, started by the server tests\' harness',
  },
  {
    from: (file) => file.startsWith('src/workbook/') && isTestCode(file),
    to: 'src/engine/testing/',
    why: 'formula and rename tests run their SQL in real DuckDB, through the engine\'s test builds of it',
  },
];

function isTestCode(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || /\/(testing|__tests__)\//.test(file);
}

function layerOf(file: string): Layer | undefined {
  if (file === 'src/main.tsx') return 'app';
  const [top, second] = file.split('/');
  if (top === 'server' || top === 'protocol') return top;
  if (top !== 'src') return undefined;
  switch (second) {
    case 'ui':
    case 'state':
    case 'workbook':
    case 'engine':
    case 'sql':
      return second;
    default:
      return undefined;
  }
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The root-relative path of each relative import in `text` (TypeScript's own scanner: no comments, no strings). */
function relativeImports(file: string, text: string): { specifier: string; target: string }[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const bare = specifier.replace(/\?.*$/, '').replace(/\.js$/, '.ts');
      const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), bare)).split(path.sep).join('/');
      return { specifier, target };
    });
}

function isShared(file: string, target: string): boolean {
  const bare = target.replace(/\.tsx?$/, '');
  return SHARED.some((s) => s.from(file) && (s.to.endsWith('/') ? target.startsWith(s.to) : s.to.replace(/\.tsx?$/, '') === bare));
}

/** Every import that points the wrong way, as `file: import 'specifier' (layer → layer)`. */
function wrongImports(files: readonly { file: string; text: string }[]): string[] {
  const wrong: string[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    if (!from) continue;
    for (const { specifier, target } of relativeImports(file, text)) {
      const to = layerOf(target);
      if (!to || to === from || ALLOWED[from].includes(to) || isShared(file, target)) continue;
      wrong.push(`${file}: import '${specifier}' (${from} → ${to})`);
    }
  }
  return wrong;
}

describe('imports point down the layers', () => {
  const files = ['src', 'server', 'protocol'].flatMap(sources).map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));

  test('the scan finds every layer', () => {
    const layers = new Set(files.map((f) => layerOf(f.file)));
    for (const layer of ['app', 'ui', 'state', 'workbook', 'engine', 'sql', 'protocol', 'server'] as const) expect(layers).toContain(layer);
  });

  test('no file imports a layer above it, or across from it', () => {
    expect(wrongImports(files)).toEqual([]);
  });

  test('a wrong import is named with its file and its specifier', () => {
    const text = "import { quoteIdent } from '../engine';\nimport { x } from './own';\n// import { y } from '../state';\n";
    expect(wrongImports([{ file: 'src/workbook/example.ts', text }])).toEqual(["src/workbook/example.ts: import '../engine' (workbook → engine)"]);
  });

  test('the server may import only the protocol and what is listed as shared', () => {
    const text = "import { HEADERS } from '../protocol/index.js';\nimport { x } from '../src/engine/arrow-validate.js';\nimport { y } from '../src/sql/index.js';\n";
    expect(wrongImports([{ file: 'server/example.ts', text }])).toEqual(["server/example.ts: import '../src/sql/index.js' (server → sql)"]);
  });
});
