import { Unzlib, zlibSync } from 'fflate';
import type { ColumnInfo } from '../../sql';
import type { BlockId, WorkbookDocument } from '../document';
import { readDocument } from '../migrate';
import { fromBase64Url, toBase64Url } from './base64url';
import { ShareLinkError } from './errors';
import { checkLinkWorkbook, checkPayloadLength } from './limits';

export { ShareLinkError };

/**
 * A workbook as a link: the document (versioned), the small local files it was made from, and
 * for the local files left out, their schema so the opener knows what to drop. Encoded as
 * `<envelope version>.<base64url of zlib of [header length][header JSON][file bytes…]>`; zlib's
 * checksum catches a tampered or cut link, and the version a link from a newer Cellar.
 */
export const SHARE_VERSION = 1;
/** Links carry at most this many bytes once inflated (a zip bomb is refused, not unpacked). */
const MAX_INFLATED = 64 * 1024 * 1024;

/** A local file that travels inside the link, for the table block it fills. */
export interface SharedFile {
  blockId: BlockId;
  bytes: Uint8Array;
}

/** A local table too big to embed: what the opener sees while the file is missing. */
export interface MissingTable {
  blockId: BlockId;
  columns: ColumnInfo[];
  rows?: number;
}

export interface ShareBundle {
  doc: WorkbookDocument;
  files: SharedFile[];
  missing: MissingTable[];
}


interface Header {
  v: number;
  doc: unknown;
  files: { blockId: string; size: number }[];
  missing: MissingTable[];
}

/** The link's payload (what follows `#w=`). */
export function encodeShareLink(bundle: ShareBundle): string {
  const header: Header = { v: SHARE_VERSION, doc: bundle.doc, files: bundle.files.map((f) => ({ blockId: f.blockId, size: f.bytes.length })), missing: bundle.missing };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const raw = new Uint8Array(4 + json.length + bundle.files.reduce((n, f) => n + f.bytes.length, 0));
  new DataView(raw.buffer).setUint32(0, json.length);
  raw.set(json, 4);
  let at = 4 + json.length;
  for (const f of bundle.files) {
    raw.set(f.bytes, at);
    at += f.bytes.length;
  }
  return `${SHARE_VERSION}.${toBase64Url(zlibSync(raw, { level: 9 }))}`;
}

/** Reads a link's payload; throws ShareLinkError saying what is wrong with it. */
export function decodeShareLink(payload: string): ShareBundle {
  checkPayloadLength(payload.length);
  const dot = payload.indexOf('.');
  const version = Number(payload.slice(0, dot));
  if (dot < 1 || !Number.isInteger(version) || version < 1) throw new ShareLinkError('This is not a Cellar link: it has no version.');
  if (version > SHARE_VERSION) throw new ShareLinkError(`This link was made by a newer Cellar (link version ${version}); this one opens up to version ${SHARE_VERSION}. Update Cellar to open it.`);
  const packed = fromBase64Url(payload.slice(dot + 1));
  if (!packed || packed.length === 0) throw new ShareLinkError('This link is damaged: it holds characters a Cellar link never has.');
  const raw = inflate(packed);
  if (raw.length < 4) throw new ShareLinkError('This link is cut short.');
  const headerLength = new DataView(raw.buffer, raw.byteOffset).getUint32(0);
  if (4 + headerLength > raw.length) throw new ShareLinkError('This link is cut short.');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(4, 4 + headerLength))) as Header;
  } catch {
    throw new ShareLinkError('This link is damaged: its workbook does not read as JSON.');
  }
  if (typeof header !== 'object' || header === null || !Array.isArray(header.files) || !Array.isArray(header.missing)) throw new ShareLinkError('This link is damaged: it has no workbook.');
  let doc: WorkbookDocument;
  try {
    doc = readDocument(header.doc);
  } catch (e) {
    throw new ShareLinkError(`This link's workbook cannot be opened: ${(e as Error).message}`);
  }
  checkLinkWorkbook(doc);
  const ids = new Set(doc.blocks.filter((b) => b.kind === 'table').map((b) => b.id as string));
  let at = 4 + headerLength;
  const files: SharedFile[] = header.files.map((f) => {
    if (typeof f?.blockId !== 'string' || !ids.has(f.blockId) || !Number.isInteger(f.size) || f.size < 0 || at + f.size > raw.length) throw new ShareLinkError('This link is damaged: its files do not match its workbook.');
    const bytes = raw.slice(at, at + f.size);
    at += f.size;
    return { blockId: f.blockId as BlockId, bytes };
  });
  if (at !== raw.length) throw new ShareLinkError('This link is damaged: it holds more than its workbook says.');
  const missing = header.missing.filter((m): m is MissingTable => ids.has(m?.blockId) && Array.isArray(m.columns) && m.columns.every((c) => typeof c?.name === 'string' && typeof c?.type === 'string'));
  return { doc, files, missing: missing.map((m) => ({ blockId: m.blockId, columns: m.columns.map((c) => ({ name: c.name, type: c.type })), ...(typeof m.rows === 'number' ? { rows: m.rows } : {}) })) };
}

function inflate(packed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const stream = new Unzlib((chunk, final) => {
    size += chunk.length;
    if (size > MAX_INFLATED) throw new ShareLinkError('This link is too big to open: it unpacks to more than 64 MB.');
    chunks.push(chunk);
    done ||= final;
  });
  try {
    stream.push(packed, true);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('This link is damaged or cut short: its data does not unpack.');
  }
  if (!done) throw new ShareLinkError('This link is cut short.');
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  // fflate drops zlib's checksum unread; it is what tells a tampered link from a good one.
  const expected = new DataView(packed.buffer, packed.byteOffset + packed.length - 4).getUint32(0);
  if (adler32(out) !== expected) throw new ShareLinkError('This link is damaged: its checksum does not match (was it edited or cut?).');
  return out;
}

/** zlib's Adler-32 checksum (RFC 1950). */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before the sums must be reduced (RFC 1950).
  for (let i = 0; i < bytes.length; i += 5552) {
    const end = Math.min(i + 5552, bytes.length);
    for (let j = i; j < end; j++) {
      a += bytes[j]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
