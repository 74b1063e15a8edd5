import { Zip, ZipDeflate } from 'fflate';
import type { DeflateLevel, XlsxSink } from './types';

/** Text is gathered to about this many characters before it is compressed and sent on. */
const BATCH_CHARS = 1 << 18;
/** Plain ZIP (no ZIP64, which fflate does not write) holds entries under 4 GiB; keep a margin. */
export const MAX_ENTRY_BYTES = 2 ** 32 - 2 ** 26;

/** One part of the package being written: text in, compressed bytes out to the sink as they come. */
export interface ZipEntry {
  /** Appends text; resolves once what was compressed so far has reached the sink. */
  write(text: string): Promise<void>;
  /** Bytes of uncompressed text written so far (a close estimate between flushes). */
  readonly bytes: number;
  close(): Promise<void>;
}

export interface ZipOut {
  entry(path: string): ZipEntry;
  /** Writes a whole part at once. */
  add(path: string, text: string): Promise<void>;
  /** Ends the archive and closes the sink. */
  finish(): Promise<void>;
  /** Stops: the sink is aborted (a web stream) and nothing more is written. */
  abort(reason: unknown): Promise<void>;
}

/**
 * A ZIP archive written through fflate's streaming Zip, one entry at a time, each deflated as its
 * text arrives: at most one batch of text and its compressed bytes are held at once, whatever the
 * size of the file. Works the same in Node and in a browser worker (fflate is plain JavaScript).
 * Level 1 by default: measured on 200,000 rows x 10 columns, 6.4 s and 16.6 MB against 11.2 s and
 * 13.5 MB at level 6 (deflate is most of the time).
 */
export function createZipOut(sink: XlsxSink, level: DeflateLevel = 1): ZipOut {
  const out = sinkWriter(sink);
  const pending: Uint8Array[] = [];
  let failure: unknown;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else pending.push(chunk);
  });
  const encoder = new TextEncoder();
  const drain = async () => {
    if (failure) throw failure;
    while (pending.length) await out.write(pending.shift()!);
  };
  return {
    entry(path) {
      const file = new ZipDeflate(path, { level });
      zip.add(file);
      let buffered = '';
      let bytes = 0;
      const flush = async (final: boolean) => {
        const data = encoder.encode(buffered);
        bytes += data.length;
        buffered = '';
        file.push(data, final);
        await drain();
      };
      return {
        get bytes() {
          return bytes + buffered.length;
        },
        async write(text) {
          buffered += text;
          if (buffered.length >= BATCH_CHARS) await flush(false);
        },
        close: () => flush(true),
      };
    },
    async add(path, text) {
      const entry = this.entry(path);
      await entry.write(text);
      await entry.close();
    },
    async finish() {
      zip.end();
      await drain();
      await out.close();
    },
    async abort(reason) {
      zip.terminate();
      pending.length = 0;
      await out.abort(reason);
    },
  };
}

/** The sink behind one interface: write in order, close, abort. */
function sinkWriter(sink: XlsxSink): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(reason: unknown): Promise<void> } {
  if (typeof WritableStream !== 'undefined' && sink instanceof WritableStream) {
    const writer = sink.getWriter();
    return {
      async write(chunk) {
        await writer.ready;
        await writer.write(chunk);
      },
      close: () => writer.close(),
      abort: (reason) => writer.abort(reason),
    };
  }
  const plain = sink as Exclude<XlsxSink, WritableStream<Uint8Array>>;
  return {
    async write(chunk) {
      await plain.write(chunk);
    },
    async close() {
      await plain.close?.();
    },
    async abort(reason) {
      await plain.abort?.(reason);
    },
  };
}
