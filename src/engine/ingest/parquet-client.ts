import type { ParquetReply, ParquetRequest } from './parquet-protocol';

/** parquet-wasm's compiled module, fetched and compiled once; each worker instantiates it anew. */
let compiled: Promise<WebAssembly.Module> | undefined;

export function parquetModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const { default: url } = await import('parquet-wasm/esm/parquet_wasm_bg.wasm?url');
    return WebAssembly.compileStreaming(fetch(url));
  })();
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

/** Why the worker could not go on: its own words, or the trap that ended it. */
export class ParquetWorkerError extends Error {
  override readonly name = 'ParquetWorkerError';
  constructor(message: string, readonly trapped: boolean) {
    super(message);
  }
}

/**
 * One Parquet file open in a worker of its own. Requests go one at a time; any failure, a trap
 * included, rejects the pending one and ends the worker.
 */
export class ParquetReader {
  private pending: { resolve(reply: ParquetReply): void; reject(e: Error): void } | undefined;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (e: MessageEvent<ParquetReply>) => {
      if (e.data.type === 'error') this.fail(new ParquetWorkerError(e.data.message, false));
      else this.settle((p) => p.resolve(e.data));
    });
    // An uncaught error in the worker: a wasm trap in a future parquet-wasm was polling.
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.fail(new ParquetWorkerError(e.message.replace(/^Uncaught /, '') || 'the Parquet reader stopped', true));
    });
    worker.addEventListener('messageerror', () => this.fail(new ParquetWorkerError('a message from the Parquet reader could not be read', false)));
  }

  static async open(source: { kind: 'file'; file: Blob } | { kind: 'url'; url: string }, signal?: AbortSignal) {
    const module = await parquetModule();
    const reader = new ParquetReader(new Worker(new URL('./parquet-worker.ts', import.meta.url), { type: 'module', name: 'parquet' }));
    signal?.addEventListener('abort', () => reader.fail(new ParquetWorkerError('cancelled', false)), { once: true });
    const opened = await reader.request({ type: 'open', module, source });
    if (opened.type !== 'opened') throw new Error(`unexpected reply ${opened.type}`);
    return { reader, rows: opened.rows, total: opened.total, schema: opened.schema };
  }

  /** The row group `index`, as an Arrow IPC stream. */
  async group(index: number): Promise<Uint8Array> {
    const reply = await this.request({ type: 'group', index });
    if (reply.type !== 'group') throw new Error(`unexpected reply ${reply.type}`);
    return reply.ipc;
  }

  close(): void {
    this.worker.terminate();
    this.failure ??= new ParquetWorkerError('closed', false);
  }

  private request(request: ParquetRequest): Promise<ParquetReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.worker.terminate();
    this.settle((p) => p.reject(e));
  }

  private settle(fn: (p: NonNullable<ParquetReader['pending']>) => void): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) fn(p);
  }
}
