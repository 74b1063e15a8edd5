/** Messages between the page and the Parquet writer worker (parquet-writer-worker.ts). */
export type ParquetWriteRequest =
  | { type: 'start'; module: WebAssembly.Module; rowGroupRows: number }
  | { type: 'batch'; ipc: Uint8Array }
  | { type: 'end'; schema?: Uint8Array };

export type ParquetWriteReply =
  /** After `start` and after each batch: the writer wants the next one. */
  | { type: 'ready' }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'done' }
  | { type: 'error'; message: string };
