// Where a SQL block runs: in the browser's DuckDB, on the server's, or (auto) where its inputs
// live, moving the smaller side when they live on both — as MotherDuck's hybrid execution does.

/** Where a block asks to run. */
export type RunOn = 'auto' | 'browser' | 'server';
export type Side = 'browser' | 'server';

/** One table a block reads, and where copies of it are. */
export interface PlacedInput {
  name: string;
  /** `full`: every row is in the browser; `partial`: only the first rows of a server result; `none`. */
  browser: 'full' | 'partial' | 'none';
  server: boolean;
  /** Rows, where known (the larger of the two sides'). */
  rows?: number;
}

/** Where to run, and which inputs move there first. */
export interface Placement {
  side: Side;
  /** Tables to copy browser → server (push) or server → browser (pull) before running. */
  push: string[];
  pull: string[];
}

/** A block that cannot run where it asks, in words. */
export class PlacementError extends Error {
  override name = 'PlacementError';
}

const onlyInBrowser = (i: PlacedInput) => i.browser === 'full' && !i.server;
const onlyOnServer = (i: PlacedInput) => i.server && i.browser !== 'full';
const rowsOf = (inputs: PlacedInput[]) => inputs.reduce((n, i) => n + (i.rows ?? 0), 0);

/**
 * Places a block. With no server connected everything runs in the browser. An input the server
 * has only part of in the browser is read on the server (pulling a partial copy would give wrong
 * answers); an input neither side has is the SQL's own business (DuckDB says it is missing).
 */
export function placeBlock(runOn: RunOn, inputs: PlacedInput[], serverConnected: boolean): Placement {
  if (!serverConnected) {
    if (runOn === 'server') throw new PlacementError('This block runs on the server, and no server is connected: connect one, or run it in the browser.');
    return browser(inputs);
  }
  if (runOn === 'browser') return browser(inputs);
  if (runOn === 'server') return { side: 'server', push: inputs.filter(onlyInBrowser).map((i) => i.name), pull: [] };
  const local = inputs.filter(onlyInBrowser);
  const remote = inputs.filter(onlyOnServer);
  if (remote.length === 0) return { side: 'browser', push: [], pull: [] };
  if (local.length === 0) return { side: 'server', push: [], pull: [] };
  // Both sides hold inputs the other lacks: move the side with fewer rows, unless a server input
  // is only partly in the browser — those stay on the server.
  const pullable = remote.every((i) => i.browser === 'none');
  if (pullable && rowsOf(remote) < rowsOf(local)) return { side: 'browser', push: [], pull: remote.map((i) => i.name) };
  return { side: 'server', push: local.map((i) => i.name), pull: [] };
}

function browser(inputs: PlacedInput[]): Placement {
  const partial = inputs.find((i) => i.browser === 'partial');
  if (partial) {
    throw new PlacementError(`${partial.name} is on the server, and only its first rows are in the browser: run this block on the server (or auto).`);
  }
  return { side: 'browser', push: [], pull: inputs.filter((i) => i.browser === 'none' && i.server).map((i) => i.name) };
}
