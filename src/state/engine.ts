import { createBrowserEngine, type LocalEngine } from '../engine';

let starting: Promise<LocalEngine> | undefined;

/**
 * The page's one DuckDB-WASM engine, started on first use. Single-threaded for now: in
 * DuckDB-WASM 1.32's threaded (COI) build, DuckDB's pthreads cannot see file handles registered on
 * its main worker, so a large CSV scanned in parallel fails ("No HTML5 file registered with
 * name …"); see docs/benchmarks.md for what that costs. `?threads=1` opts in for experiments.
 */
export function getEngine(): Promise<LocalEngine> {
  const threads = self.crossOriginIsolated && new URLSearchParams(self.location.search).get('threads') === '1';
  starting ??= createBrowserEngine({ threads });
  return starting;
}
