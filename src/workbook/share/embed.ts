import type { BlockId, WorkbookDocument } from '../document';
import { encodeShareLink, type MissingTable, type ShareBundle } from './link';

/** Local files travel inside a link while the link's compressed data stays under this (bytes). */
export const EMBED_LIMIT = 200 * 1024;
/** Files bigger than this are not tried: even text compresses less than twentyfold. */
const TRY_LIMIT = 20 * EMBED_LIMIT;

/** A local table's file, and what the opener is told of it if it stays out of the link. */
export interface EmbedCandidate {
  blockId: BlockId;
  /** Undefined when the file is not in this browser any more. */
  bytes: Uint8Array | undefined;
  missing: MissingTable;
}

/** Bytes of compressed data a link's payload holds (it is base64url: 4 characters for 3 bytes). */
const payloadBytes = (payload: string) => Math.ceil(((payload.length - payload.indexOf('.') - 1) * 3) / 4);

/**
 * Which local files go inside the link: smallest first, each kept while the whole link's
 * compressed data stays under `limit`; the others become placeholders with their schema.
 */
export function chooseEmbeds(doc: WorkbookDocument, candidates: EmbedCandidate[], limit = EMBED_LIMIT): { payload: string; bundle: ShareBundle; bytes: number } {
  const bundle: ShareBundle = { doc, files: [], missing: candidates.map((c) => c.missing) };
  let payload = encodeShareLink(bundle);
  const sorted = candidates.filter((c) => c.bytes && c.bytes.length <= TRY_LIMIT).sort((a, b) => a.bytes!.length - b.bytes!.length);
  for (const c of sorted) {
    const next: ShareBundle = { doc, files: [...bundle.files, { blockId: c.blockId, bytes: c.bytes! }], missing: bundle.missing.filter((m) => m.blockId !== c.blockId) };
    const encoded = encodeShareLink(next);
    if (payloadBytes(encoded) > limit) continue;
    Object.assign(bundle, next);
    payload = encoded;
  }
  return { payload, bundle, bytes: payloadBytes(payload) };
}
