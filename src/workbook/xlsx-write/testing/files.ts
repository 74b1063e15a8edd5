import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { XlsxSink } from '../types';

/** A sink writing to a file on disk, for the tests (Node only). */
export function fileSink(path: string): XlsxSink & { closed: Promise<void> } {
  const out = createWriteStream(path);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  return {
    closed,
    async write(chunk) {
      if (!out.write(chunk)) await once(out, 'drain');
    },
    abort() {
      out.destroy();
      resolveClosed();
    },
    async close() {
      out.end();
      await once(out, 'finish');
      resolveClosed();
    },
  };
}

/** Row chunks of `count` generated rows, `chunk` at a time, made as they are asked for. */
export async function* generatedRows(count: number, chunk: number, row: (i: number) => unknown[]): AsyncIterable<unknown[][]> {
  for (let start = 0; start < count; start += chunk) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) rows.push(row(i));
    yield rows;
  }
}
