#!/usr/bin/env node
// Lists the licence of every package the app's bundle can contain (package.json's dependencies,
// followed through their own dependencies as Node resolves them) and fails on any that is not
// permissive: Cellar is MIT, and GPL code must never ship in its bundle (dev tools may be anything).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PERMISSIVE = /^(MIT|MIT\/X11|ISC|BSD-2-Clause|BSD-3-Clause|0BSD|Apache-2\.0|BlueOak-1\.0\.0|CC0-1\.0|Unlicense|Python-2\.0|Zlib)$/;

/**
 * Dependencies a package's browser build does not contain, so they never reach the bundle: Vite
 * takes a package's `browser` entry, and this checks that entry really leaves them out.
 */
const NOT_IN_BROWSER_BUILD = {
  // exceljs's Node-only streaming reader (its tree holds `buffers`, which declares no licence);
  // the browser build Vite bundles (dist/exceljs.min.js) reads with jszip instead.
  exceljs: ['unzipper'],
};
const root = process.cwd();

/** The folder of `name` as Node resolves it from `from` (a package folder). */
function resolve(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) return undefined;
  }
}

/** An SPDX expression is acceptable when one side of each OR is, and every side of each AND. */
function permissive(expr) {
  const clean = expr.replace(/[()]/g, '').trim();
  // "MIT/Apache-2.0" (as @ironcalc/wasm writes it) is a choice of either, like "MIT OR Apache-2.0".
  return clean.split(/\s+OR\s+|\//).some((alt) => alt.split(/\s+AND\s+/).every((id) => PERMISSIVE.test(id.trim())));
}

const seen = new Map();
const queue = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies).map((name) => [name, root]);
while (queue.length) {
  const [name, from] = queue.shift();
  const dir = resolve(name, from);
  if (!dir || seen.has(dir)) continue;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.licenses ?? []).map((l) => l.type ?? l).join(' OR ') || 'UNKNOWN';
  seen.set(dir, { name: `${pkg.name}@${pkg.version}`, license });
  const skipped = NOT_IN_BROWSER_BUILD[pkg.name] ?? [];
  if (skipped.length) {
    const build = readFileSync(join(dir, pkg.browser), 'utf8');
    for (const dep of skipped) if (build.includes(dep)) throw new Error(`${pkg.name}'s browser build (${pkg.browser}) mentions ${dep}: check its licence tree again`);
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) if (!skipped.includes(dep)) queue.push([dep, dir]);
}

const counts = new Map();
const bad = [];
for (const { name, license } of seen.values()) {
  counts.set(license, (counts.get(license) ?? 0) + 1);
  if (!permissive(license)) bad.push(`${name}: ${license}`);
}
// A devDependency reaches the bundle only if the app imports it. HyperFormula (GPL-3.0) is one on
// purpose: the .xlsx benchmark's peer (bench/xlsx-peer.mjs), run in Node, never in the app. Any
// non-permissive devDependency imported from src/ fails here, before Vite could bundle it.
const devDeps = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies ?? {});
const restricted = devDeps.filter((name) => {
  const dir = resolve(name, root);
  const pkg = dir && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return pkg && !permissive(typeof pkg.license === 'string' ? pkg.license : 'UNKNOWN');
});
const sources = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : /\.(ts|tsx|js|mjs)$/.test(n) ? [join(dir, n)] : []));
for (const file of existsSync(join(root, 'src')) ? sources(join(root, 'src')) : []) {
  const text = readFileSync(file, 'utf8');
  for (const name of restricted) {
    if (new RegExp(`(from|import\\(|require\\()\\s*['"]${name}(/[^'"]*)?['"]`).test(text)) bad.push(`${file.slice(root.length + 1)} imports ${name}, a devDependency that is not permissively licensed (a benchmark peer only)`);
  }
}
console.log(`${seen.size} packages can be bundled: ${[...counts].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`);
if (bad.length) {
  console.error(`Not permissive (GPL or unknown) — these must not ship:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
