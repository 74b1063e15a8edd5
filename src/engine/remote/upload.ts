import type { UploadFormat, UploadResponse } from '../../../protocol';
import { EngineError } from '../errors';
import type { IngestProgress, IngestResult } from '../types';
import type { ServerClient } from './client';
import { bareStatusError, fromServerError, parseErrorBody, unreachable } from './errors';
import { sendBlob } from './send-blob';

/** How one file goes up. */
export interface UploadOptions {
  format: UploadFormat;
  /** Replace a table of that name instead of refusing. */
  replace?: boolean;
  /** CSV/TSV: skip lines DuckDB cannot parse. */
  lenient?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

/**
 * The server renames what is not `[A-Za-z0-9_]` (and so would make another table than asked);
 * the app names its tables that way already, so anything else is refused here.
 */
const SERVER_NAME = /^[A-Za-z0-9_]{1,128}$/;

/** Streams a file to `PUT /api/tables/:name` and answers what the server made of it. */
export async function uploadTable(client: ServerClient, file: Blob, table: string, options: UploadOptions): Promise<IngestResult> {
  const label = file instanceof File ? file.name : `${table}.${options.format}`;
  if (!SERVER_NAME.test(table)) {
    throw new EngineError('file', `${table} cannot be a table name on the server: use letters, digits and _ only.`, { file: label });
  }
  const query = new URLSearchParams({ format: options.format });
  if (options.replace) query.set('replace', '1');
  if (options.lenient) query.set('lenient', '1');
  const url = `${client.url}/api/tables/${table}?${query}`;
  const onProgress = options.onProgress && ((done: number, total: number) => options.onProgress?.({ done, total, unit: 'bytes' }));
  let sent;
  try {
    sent = await sendBlob(url, client.headers, file, { signal: options.signal, onProgress });
  } catch (e) {
    if (options.signal?.aborted) throw new EngineError('cancelled', `Uploading ${label} was cancelled`, { file: label }, { cause: e });
    throw unreachable(client.url, e, { file: label });
  }
  if (sent.status !== 200) {
    const error = parseErrorBody(sent.text);
    // Said the way the browser engine says it, so a block reads the same wherever it runs.
    if (error?.kind === 'conflict') throw new EngineError('file', `A table named ${table} already exists.`, { file: label });
    if (error) throw fromServerError(error, { url: client.url, purpose: 'upload', file: label });
    throw bareStatusError(sent.status, sent.statusText, { url: client.url, purpose: 'upload', file: label });
  }
  // The server's answer, typed by protocol/index.ts.
  const answer = JSON.parse(sent.text) as UploadResponse;
  return { table: answer.table, rows: answer.rows, columns: answer.columns };
}
