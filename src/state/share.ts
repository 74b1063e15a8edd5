import { isTableBlock, share, type BlockId, type WorkbookDocument } from '../workbook';
import type { BlockRun } from './block-runs';
import * as storage from './storage';

/** What the Share dialog shows. */
export interface ShareResult {
  url: string;
  /** Bytes of compressed data in the link. */
  bytes: number;
  /** Local files inside the link, by file name. */
  embedded: string[];
  /** Local files left out (too big, or not in this browser): the opener drops them. */
  placeholders: string[];
}

/** The hash key a link's payload follows: `…/#w=1.eNp…`. */
const HASH_KEY = 'w';

/**
 * The link for a workbook: the document, the local files that fit (EMBED_LIMIT), and the schema
 * of the others. URL tables travel as their URL; the opener fetches them again after agreeing.
 */
export async function buildShareLink(input: { doc: WorkbookDocument; workbookId: string; files: ReadonlyMap<BlockId, File>; runs: Record<BlockId, BlockRun>; base: string }): Promise<ShareResult> {
  const tables = input.doc.blocks.filter(isTableBlock).filter((b) => b.source.kind === 'file');
  const candidates: share.EmbedCandidate[] = await Promise.all(
    tables.map(async (b) => {
      const fileName = b.source.kind === 'file' ? b.source.fileName : b.name;
      const file = input.files.get(b.id) ?? (await storage.keptFile(input.workbookId, b.id, fileName).catch(() => undefined));
      const run = input.runs[b.id];
      return {
        blockId: b.id,
        bytes: file ? new Uint8Array(await file.arrayBuffer()) : undefined,
        missing: { blockId: b.id, columns: fileColumns(run?.columns ?? [], b.formulaColumns), ...(run?.rows !== undefined ? { rows: run.rows } : {}) },
      };
    }),
  );
  const { payload, bundle, bytes } = share.chooseEmbeds(input.doc, candidates);
  const fileName = (id: BlockId) => {
    const b = tables.find((t) => t.id === id);
    return b && b.source.kind === 'file' ? b.source.fileName : String(id);
  };
  const url = new URL(input.base);
  url.search = '';
  url.hash = `${HASH_KEY}=${payload}`;
  // A big sheet carries its edits and formulas, never its stored cells: the opener drops its workbook.
  const bigSheets = input.doc.blocks.flatMap((b) => (b.kind === 'sheet' && b.data ? [b.data.file] : []));
  const placeholders = [...new Set([...bundle.missing.map((m) => fileName(m.blockId)), ...bigSheets])];
  return { url: url.href, bytes, embedded: bundle.files.map((f) => fileName(f.blockId)), placeholders };
}

/** A workbook published on a server: where, which document, and the read-only token to read it. */
export interface PublishedRef {
  url: string;
  id: string;
  token: string;
}

/** The hash key of a published workbook's short link: `…/#p=…`. */
const PUBLISHED_KEY = 'p';

/** The short link of a published workbook. */
export function publishedLink(base: string, ref: PublishedRef): string {
  const url = new URL(base);
  url.search = '';
  url.hash = `${PUBLISHED_KEY}=${share.toBase64Url(new TextEncoder().encode(JSON.stringify({ u: ref.url, i: ref.id, t: ref.token })))}`;
  return url.href;
}

/** A published link's reference, or undefined when it does not read as one. */
function readPublished(text: string): PublishedRef | undefined {
  try {
    const bytes = share.fromBase64Url(text);
    const v = bytes && (JSON.parse(new TextDecoder().decode(bytes)) as { u?: unknown; i?: unknown; t?: unknown });
    return v && typeof v.u === 'string' && typeof v.i === 'string' && typeof v.t === 'string' && /^https?:\/\//.test(v.u) ? { url: v.u, id: v.i, token: v.t } : undefined;
  } catch {
    return undefined;
  }
}

/** The link in the page's address, if it holds one, and the input values from its query. */
export function linkInLocation(location: Pick<Location, 'hash' | 'search'>): { payload?: string; published?: PublishedRef | 'invalid'; params: URLSearchParams } | undefined {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const params = new URLSearchParams(location.search);
  const payload = hash.get(HASH_KEY);
  if (payload) return { payload, params };
  const published = hash.get(PUBLISHED_KEY);
  return published ? { published: readPublished(published) ?? 'invalid', params } : undefined;
}

/** Takes the link out of the address bar, so a reload opens the workbook it made, not a new copy. */
export function forgetLinkInLocation(): void {
  const url = new URL(window.location.href);
  url.hash = '';
  url.search = '';
  window.history.replaceState(null, '', url.href);
}

/** Files a link carried, as the Files a dropped file would be (named as the table's source). */
export function filesOf(bundle: share.ShareBundle): Map<BlockId, File> {
  const out = new Map<BlockId, File>();
  for (const f of bundle.files) {
    const b = bundle.doc.blocks.find((x) => x.id === f.blockId);
    if (b && isTableBlock(b) && b.source.kind === 'file') out.set(b.id, new File([f.bytes as BlobPart], b.source.fileName));
  }
  return out;
}

/** A table's columns without its formula columns: those are computed, never in the file. */
function fileColumns<C extends { name: string }>(columns: readonly C[], formulas: readonly { name: string }[] = []): C[] {
  const computed = new Set(formulas.map((f) => f.name.toLowerCase()));
  return columns.filter((c) => !computed.has(c.name.toLowerCase()));
}

/**
 * What a table whose file is missing says, with the schema its link described: the file's own
 * columns (a link made before this rule listed formula columns too; they are left out here).
 */
export function missingFileMessage(fileName: string, missing: share.MissingTable | undefined, formulaColumns?: readonly { name: string }[]): string {
  const base = `${fileName} is not in this browser: drop it again to load this table.`;
  const columns = fileColumns(missing?.columns ?? [], formulaColumns);
  if (!missing || columns.length === 0) return base;
  const rows = missing.rows !== undefined ? `${new Intl.NumberFormat('en-US').format(missing.rows)} rows, ` : '';
  return `${base} It had ${rows}${columns.length} columns: ${columns.map((c) => `${c.name} ${c.type}`).join(', ')}.`;
}
