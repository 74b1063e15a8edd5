// parquet-wasm writing in a worker of its own, as the reader does (ingest/parquet-worker.ts):
// encoding and compressing a million rows takes seconds the page must not freeze for.
import init, * as pq from 'parquet-wasm/esm';
import { createParquetEncoder, type ParquetEncoder } from './parquet-encoder';
import type { ParquetWriteReply, ParquetWriteRequest } from './parquet-writer-protocol';

let encoder: ParquetEncoder | undefined;

const post = (reply: ParquetWriteReply, transfer: Transferable[] = []) => self.postMessage(reply, { transfer });
const fail = (e: unknown) => post({ type: 'error', message: e instanceof Error ? (e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message) : String(e) });

self.addEventListener('unhandledrejection', (e) => fail(e.reason));
self.addEventListener('message', (e: MessageEvent<ParquetWriteRequest>) => void handle(e.data).catch(fail));

async function handle(request: ParquetWriteRequest): Promise<void> {
  switch (request.type) {
    case 'start':
      await init({ module_or_path: request.module });
      encoder = createParquetEncoder(pq, (bytes) => post({ type: 'chunk', bytes }, [bytes.buffer]), request.rowGroupRows);
      return post({ type: 'ready' });
    case 'batch':
      await writer().write(request.ipc);
      return post({ type: 'ready' });
    case 'end':
      await writer().end(request.schema);
      return post({ type: 'done' });
  }
}

function writer(): ParquetEncoder {
  if (!encoder) throw new Error('the Parquet writer was not started');
  return encoder;
}
