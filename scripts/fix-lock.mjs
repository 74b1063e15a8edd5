// The npm mirror this project is built against only carries the linux-x64 builds of
// @duckdb/node-bindings, so `npm install` writes a lock file without the other platforms'
// optional packages, and `npm ci` then refuses it as "out of sync". Adding the missing
// entries (platform-tagged, optional) keeps `npm ci` working; npm skips them on this OS.
// Run after any `npm install`: node scripts/fix-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const entry of Object.values(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const [dep, version] of Object.entries(entry.optionalDependencies)) {
    const depKey = `node_modules/${dep}`;
    if (lock.packages[depKey]) continue;
    const m = /-(darwin|linux|win32)-(arm64|x64)(-musl)?$/.exec(dep);
    if (!m) continue;
    const [, os, cpu, musl] = m;
    lock.packages[depKey] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`fix-lock: ${added} platform entr${added === 1 ? 'y' : 'ies'} added`);
