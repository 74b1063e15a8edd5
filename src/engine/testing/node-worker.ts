// Tests only: a Web Worker over Node's worker_threads, so DuckDB-WASM's own Node worker
// (dist/duckdb-node-eh.worker.cjs) runs behind an AsyncDuckDB exactly as the browser's does.
// duckdb-wasm's tests use the `web-worker` package for this; it is not a dependency here.
import { Worker as ThreadWorker } from 'node:worker_threads';

/**
 * The worker script talks to `globalThis.onmessage` / `globalThis.postMessage` as a Web Worker
 * does; in a worker thread those go through `parentPort`.
 */
function bootstrap(script: string): string {
  return `
    const { parentPort } = require('node:worker_threads');
    globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
    parentPort.on('message', (data) => globalThis.onmessage?.({ data }));
    require(${JSON.stringify(script)});
  `;
}

/** A DOM `Worker` running a CommonJS worker script in a Node worker thread. */
export class NodeWebWorker extends EventTarget implements Worker {
  onmessage: ((this: Worker, ev: MessageEvent) => unknown) | null = null;
  onmessageerror: ((this: Worker, ev: MessageEvent) => unknown) | null = null;
  onerror: ((this: AbstractWorker, ev: ErrorEvent) => unknown) | null = null;
  private readonly thread: ThreadWorker;

  /** `quiet` drops what the worker prints: DuckDB-WASM logs every failed query to the console. */
  constructor(script: string, options: { quiet?: boolean } = {}) {
    super();
    const quiet = options.quiet ?? true;
    this.thread = new ThreadWorker(bootstrap(script), { eval: true, stdout: quiet, stderr: quiet });
    if (quiet) {
      this.thread.stdout.resume();
      this.thread.stderr.resume();
    }
    this.thread.on('message', (data: unknown) => {
      const event = new MessageEvent('message', { data });
      this.onmessage?.call(this, event);
      this.dispatchEvent(event);
    });
    this.thread.on('error', (error: Error) => this.dispatchEvent(Object.assign(new Event('error'), { error, message: error.message })));
    this.thread.on('exit', () => this.dispatchEvent(new Event('close')));
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    const list = Array.isArray(transfer) ? transfer : (transfer?.transfer ?? []);
    // DuckDB-WASM transfers only ArrayBuffers, which worker_threads moves as the DOM does.
    this.thread.postMessage(message, list.filter((t): t is ArrayBuffer => t instanceof ArrayBuffer));
  }

  terminate(): void {
    void this.thread.terminate();
  }
}
