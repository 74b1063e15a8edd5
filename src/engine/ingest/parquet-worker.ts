// parquet-wasm in a worker of its own: a damaged file can make it trap (`RuntimeError:
// unreachable`) inside a future it polls, where no promise of ours ever settles, and a trapped
// instance is not safe to use again. Here a trap ends only this worker; the page sees it as the
// worker's `error` event and the next file gets a fresh worker and instance.
import init, { ParquetFile } from 'parquet-wasm/esm';
import type { ParquetReply, ParquetRequest } from './parquet-protocol';

let file: ParquetFile | undefined;

const post = (reply: ParquetReply, transfer: Transferable[] = []) => self.postMessage(reply, { transfer });
// A trap is a RuntimeError (its name says what happened); parquet-wasm's own errors are plain Errors.
const fail = (e: unknown) => post({ type: 'error', message: e instanceof Error && e.name !== 'Error' ? `${e.name}: ${e.message}` : String(e instanceof Error ? e.message : e) });

self.addEventListener('unhandledrejection', (e) => fail(e.reason));

self.addEventListener('message', (e: MessageEvent<ParquetRequest>) => {
  void handle(e.data).catch(fail);
});

async function handle(request: ParquetRequest): Promise<void> {
  switch (request.type) {
    case 'open': {
      await init({ module_or_path: request.module });
      file = request.source.kind === 'file' ? await ParquetFile.fromFile(request.source.file) : await ParquetFile.fromUrl(request.source.url);
      const metadata = file.metadata();
      const groups = metadata.numRowGroups();
      const rows = Array.from({ length: groups }, (_, g) => metadata.rowGroup(g).numRows());
      const total = metadata.fileMetadata().numRows();
      // An empty file still has a schema: the empty table is made from it.
      const schema = groups === 0 ? file.schema().intoIPCStream() : undefined;
      return post({ type: 'opened', rows, total, schema }, schema ? [schema.buffer] : []);
    }
    case 'group': {
      if (!file) throw new Error('no file open');
      const ipc = (await file.read({ rowGroups: [request.index] })).intoIPCStream();
      return post({ type: 'group', index: request.index, ipc }, [ipc.buffer]);
    }
  }
}
