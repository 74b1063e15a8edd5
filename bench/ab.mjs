// `npm run bench -- --only=workbook --ab=<rev> [--b=<rev>]`: the reactive workbook (bench/workbook.mjs)
// against two builds in one run. A is <rev>, built in a temporary git worktree; B is --b's revision
// the same way, or else the working tree as it is. Each build is served by its own `vite preview`
// (the bench's server and headers) and both run in one Chromium. Each workbook is built once per
// build, in a page of its own, and the timed changes alternate between the two pages (A B, B A, …),
// so load from the rest of the machine falls on both alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { errorText, evaluate, launchChromium, query, startPreview } from './browser.mjs';
import { DATA_DIR, ROOT } from './data.mjs';
import { median, percentile, printTable } from './report.mjs';
import { aggregateChange, buildAggregate, buildChain, chainChange, checkChain, WORKBOOK } from './workbook.mjs';

const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 30);

/** `--ab=<rev>` / `--ab <rev>` and `--b=…`: the two builds, or undefined when --ab is not given. */
export function abArgs(argv) {
  const arg = (name) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(name.length + 3) : argv[i + 1];
  };
  const a = arg('ab');
  if (a === undefined) return undefined;
  if (!a) throw Object.assign(new Error('--ab needs a git revision: --ab=<rev> (a commit, tag or branch)'), { plain: true });
  return { a, b: arg('b') };
}

const git = (...args) => {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw Object.assign(new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`), { plain: true });
  return r.stdout.trim();
};

function viteBuild(cwd, outDir) {
  const r = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw Object.assign(new Error(`vite build in ${cwd} failed (exit ${r.status})`), { plain: true });
}

/**
 * Builds a revision into bench/.data/ab/<sha>: a detached worktree in /tmp that borrows this
 * tree's node_modules, removed again after the build. No revision: the working tree as it is.
 */
function build(rev, log) {
  if (rev === undefined) {
    const dist = join(DATA_DIR, 'ab', 'worktree');
    log(`ab: building the working tree (HEAD ${git('rev-parse', '--short', 'HEAD')} and its uncommitted edits)`);
    viteBuild(ROOT, dist);
    return { label: 'working tree', dist };
  }
  let sha;
  try {
    sha = git('rev-parse', '--short', '--verify', `${rev}^{commit}`);
  } catch {
    throw Object.assign(new Error(`${rev}: not a commit of this repository (give a commit, tag or branch, e.g. --ab=HEAD~3)`), { plain: true });
  }
  const dist = join(DATA_DIR, 'ab', sha);
  const tree = `/tmp/cellar-ab-${sha}`;
  log(`ab: building ${rev} (${sha}) in ${tree}`);
  if (existsSync(tree)) git('worktree', 'remove', '--force', tree); // left by an interrupted run
  git('worktree', 'add', '--detach', tree, sha);
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    viteBuild(tree, dist);
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
  return { label: rev === sha ? sha : `${rev} (${sha})`, dist };
}

/** The i-th timed value: cycles through a workbook's values after its first (set while building). */
const valueAt = (values, i) => values[1 + (i % (values.length - 1))];

/**
 * Builds a workbook on both pages, one warm-up change each, then `rounds` rounds of one timed
 * change per build, in the order A B, then B A, and so on.
 */
async function alternate({ pages, build, change, values, rounds, what, log }) {
  const wbs = [];
  for (const [i, page] of pages.entries()) {
    log(`ab: ${what}: building it on ${'AB'[i]}`);
    wbs.push(await build(page));
  }
  for (const [i, wb] of wbs.entries()) log(`ab: ${what}: warm-up on ${'AB'[i]}: ${Math.round((await change(wb, valueAt(values, 0))).latency)} ms`);
  const out = [[], []];
  for (let r = 0; r < rounds; r++) {
    const value = valueAt(values, r + 1);
    for (const side of r % 2 ? [1, 0] : [0, 1]) out[side].push(await change(wbs[side], value));
    log(`ab: ${what}: round ${r + 1}/${rounds}: A ${Math.round(out[0].at(-1).latency)} ms, B ${Math.round(out[1].at(-1).latency)} ms`);
  }
  return { samples: out, wbs };
}

/** A fresh context and page per build, with the app loaded and DuckDB started. */
async function openPages(browser, urls) {
  const contexts = await Promise.all(urls.map(() => browser.newContext({ viewport: { width: 1400, height: 900 } })));
  const pages = [];
  for (const [i, context] of contexts.entries()) {
    const page = await context.newPage();
    await page.goto(urls[i]);
    await evaluate(page, () => window.cellar.ready, undefined, 'cellar.ready');
    pages.push(page);
  }
  return { pages, close: () => Promise.all(contexts.map((c) => c.close())) };
}

/** Blocks a change ran that it does not feed, over all of one side's samples. */
const extraRuns = (samples, expected) => [...new Set(samples.flatMap((s) => s.ran.filter((b) => !expected.includes(b))))];

const fmt = (ms) => (ms == null ? '—' : `${Math.round(ms)} ms`);
const ratio = (b, a) => (a == null || b == null || a === 0 ? '—' : (b / a).toFixed(2));

function rows(result) {
  const row = (work, pick) => {
    const [a, b] = result.samples.map((side) => side?.map(pick));
    const [ma, mb, pa, pb] = [median(a), median(b), percentile(a, 90), percentile(b, 90)];
    // Each round's B over its A, then their median: a change of load between rounds cancels out.
    const paired = median(a.map((x, i) => b[i] / x).filter((x) => b.length === a.length && Number.isFinite(x)));
    return { work, aMedian: fmt(ma), aP90: fmt(pa), bMedian: fmt(mb), bP90: fmt(pb), ratio: ratio(mb, ma), ratioP90: ratio(pb, pa), paired: paired == null ? '—' : paired.toFixed(2) };
  };
  return result.what === 'aggregate'
    ? [row('(a) cell change → aggregate over flights_3m on screen', (s) => s.latency), row('(a) … its statement alone, run directly', (s) => s.direct)]
    : [
      row(`(b) cell change → the last of a chain of ${WORKBOOK.CHAIN_LENGTH} on screen`, (s) => s.latency),
      row(`(b) … the ${WORKBOOK.CHAIN_LENGTH} statements alone (sum)`, (s) => s.directSum),
      row('(b) … the overhead: latency − the statements\' sum', (s) => s.overhead),
    ];
}

const COLUMNS = [['work', 'work'], ['aMedian', 'A median'], ['aP90', 'A p90'], ['bMedian', 'B median'], ['bP90', 'B p90'], ['ratio', 'B/A median'], ['ratioP90', 'B/A p90'], ['paired', 'B/A per round (median)']];

/** The whole A/B run; resolves to the exit code (1 when a workbook failed on either side). */
export async function runAb({ a, b }, log) {
  if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) throw Object.assign(new Error(`BENCH_AB_ROUNDS must be a whole number ≥ 1, not ${process.env.BENCH_AB_ROUNDS}`), { plain: true });
  const builds = [build(a, log), build(b, log)];
  const servers = [];
  const stopAll = () => servers.forEach((s) => s.stop());
  process.on('exit', stopAll); // run.mjs exits on a signal: its previews go with it
  let browser;
  const result = { date: new Date().toISOString(), rounds: ROUNDS, builds: builds.map((x) => x.label), load: { before: loadavg() }, parts: [], errors: {} };
  try {
    for (const x of builds) servers.push(await startPreview(x.dist));
    log(`ab: A = ${builds[0].label} on ${servers[0].url}, B = ${builds[1].label} on ${servers[1].url}; ${ROUNDS} rounds`);
    browser = await launchChromium();
    const urls = servers.map((s) => s.url);
    const parts = [
      { what: 'aggregate', values: WORKBOOK.AGGREGATE_VALUES, build: buildAggregate, change: aggregateChange, expected: (wb) => ['min_delay', wb.block] },
      { what: 'chain', values: WORKBOOK.CHAIN_VALUES, build: (page) => buildChain(page, log), change: chainChange, expected: (wb) => ['x', ...wb.names] },
    ];
    for (const part of parts) {
      const { pages, close } = await openPages(browser, urls);
      try {
        const threads = await Promise.all(pages.map(async (p) => Number((await query(p, "SELECT current_setting('threads') AS t"))[0].t)));
        if (threads[0] !== threads[1]) throw new Error(`A runs DuckDB with ${threads[0]} threads, B with ${threads[1]}`);
        const { samples, wbs } = await alternate({ ...part, pages, rounds: ROUNDS, log });
        if (part.what === 'chain') for (const [i, wb] of wbs.entries()) await checkChain(wb, samples[i].at(-1).value);
        const extra = wbs.map((wb, i) => extraRuns(samples[i], part.expected(wb)));
        result.parts.push({ what: part.what, threads: threads[0], samples, extra });
      } catch (e) {
        result.errors[part.what] = errorText(e);
        log(`ab: ${part.what}: FAILED: ${errorText(e)}`);
        if (!browser.isConnected()) break;
      } finally {
        await close();
      }
    }
  } finally {
    stopAll();
    if (browser) await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  }
  result.load.after = loadavg();
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(join(DATA_DIR, 'ab-run.json'), JSON.stringify(result, null, 2));
  printAb(result);
  return Object.keys(result.errors).length > 0 ? 1 : 0;
}

/** The table of a run (also for bench/.data/ab-run.json read back). */
export function printAb(result) {
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\nReactive workbook, A/B in one run: A = ${result.builds[0]}, B = ${result.builds[1]}; ${result.rounds} rounds, one change per build each, alternating`);
  console.log(`load average (1, 5, 15 min) ${load(result.load.before)} before, ${load(result.load.after)} after; p90 nearest-rank\n`);
  printTable({ rows: result.parts.flatMap((p) => rows(p)), notes: [] }, COLUMNS);
  for (const p of result.parts) {
    p.extra.forEach((blocks, i) => blocks.length && console.log(`${'AB'[i]}, ${p.what}: also re-ran ${blocks.join(', ')}, which the cell does not feed`));
  }
  for (const [what, e] of Object.entries(result.errors)) console.log(`${what}: FAILED: ${e}`);
  console.log(`\nraw samples in ${join(DATA_DIR, 'ab-run.json').replace(`${ROOT}/`, '')}`);
}
