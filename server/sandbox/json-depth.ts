import { createReadStream } from 'node:fs';
import { ApiError } from '../errors.js';

/**
 * How deep a JSON upload may nest. DuckDB's read_json crashes the process on 30,000 levels and
 * spends minutes typing 1,000 (5 s on 200); a table past 64 levels is not a table anyone reads.
 * The same bound as Arrow uploads' nesting.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/** Follows JSON text a chunk at a time and says when its nesting passes `max`. */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private offset = 0;

  constructor(private readonly max = MAX_JSON_DEPTH) {}

  /** Throws a bad-request ApiError as soon as the text nests deeper than `max`. */
  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (OPEN.has(b)) {
        if (++this.depth > this.max) {
          throw new ApiError(
            'bad-request',
            `The JSON nests deeper than ${this.max} levels (at byte ${this.offset + i}); the server reads JSON up to ${this.max} levels deep: flatten the file`,
          );
        }
      } else if (CLOSE.has(b) && this.depth > 0) this.depth--;
    }
    this.offset += chunk.length;
  }
}

/** Reads a JSON (or NDJSON) file once and refuses it if it nests too deep, before DuckDB parses it. */
export async function checkJsonFileDepth(file: string, max = MAX_JSON_DEPTH): Promise<void> {
  const scanner = new JsonDepthScanner(max);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) scanner.push(chunk as Buffer);
}
