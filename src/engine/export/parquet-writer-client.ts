import { parquetModule } from '../ingest/parquet-client';
import { ROW_GROUP_ROWS, type ParquetEncoder } from './parquet-encoder';
import type { ParquetWriteReply, ParquetWriteRequest } from './parquet-writer-protocol';

/**
 * The Parquet encoder in a worker (parquet-writer-worker.ts): one request at a time, each
 * answered `ready` (or `done`); the Parquet bytes come back as `chunk` messages in between.
 */
export async function startParquetWorker(onChunk: (bytes: Uint8Array) => void, rowGroupRows = ROW_GROUP_ROWS): Promise<ParquetEncoder> {
  const module = await parquetModule();
  const worker = new Worker(new URL('./parquet-writer-worker.ts', import.meta.url), { type: 'module', name: 'parquet-writer' });
  let pending: { resolve(): void; reject(e: Error): void } | undefined;
  let failure: Error | undefined;
  const settle = (e?: Error) => {
    const p = pending;
    pending = undefined;
    if (e) p?.reject(e);
    else p?.resolve();
  };
  const fail = (e: Error) => {
    failure ??= e;
    worker.terminate();
    settle(e);
  };
  worker.addEventListener('message', (e: MessageEvent<ParquetWriteReply>) => {
    const reply = e.data;
    if (reply.type === 'chunk') onChunk(reply.bytes);
    else if (reply.type === 'error') fail(new Error(`Parquet could not be written: ${reply.message}`));
    else settle();
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(new Error(`The Parquet writer stopped: ${e.message.replace(/^Uncaught /, '') || 'unknown error'}`));
  });
  const request = (message: ParquetWriteRequest, transfer: Transferable[] = []) => {
    if (failure) return Promise.reject(failure);
    return new Promise<void>((resolve, reject) => {
      pending = { resolve, reject };
      worker.postMessage(message, { transfer });
    });
  };
  await request({ type: 'start', module, rowGroupRows });
  return {
    write: (ipc) => request({ type: 'batch', ipc }, [ipc.buffer]),
    end: async (schema) => {
      await request({ type: 'end', schema });
      worker.terminate();
    },
    close: () => fail(new Error('closed')),
  };
}
