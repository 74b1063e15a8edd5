/** Messages between the page and the Parquet worker (parquet-worker.ts). */
export type ParquetRequest =
  | { type: 'open'; module: WebAssembly.Module; source: { kind: 'file'; file: Blob } | { kind: 'url'; url: string } }
  | { type: 'group'; index: number };

export type ParquetReply =
  /** `rows` per row group; `schema` (Arrow IPC) only when there is no row group. */
  | { type: 'opened'; rows: number[]; total: number; schema?: Uint8Array }
  | { type: 'group'; index: number; ipc: Uint8Array }
  | { type: 'error'; message: string };
