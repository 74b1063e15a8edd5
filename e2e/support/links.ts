import { expect, type Page } from '@playwright/test';
import type { TestServer } from '../../server/test/harness';
import type { Block, BlockId, CellBlock, SheetBlock, SqlBlock, TableBlock, WorkbookDocument } from '../../src/workbook/document';
import { DOCUMENT_VERSION } from '../../src/workbook/document';
import type { RunOn } from '../../src/workbook/placement';
import { zlibSync } from 'fflate';

/**
 * Crafted share links. The encoder is the link format of src/workbook/share/link.ts written out
 * here (the app's share barrel pulls in the DuckDB bundle, which Node cannot load): a version, a
 * dot, then base64url of zlib of [u32 header length][header JSON][file bytes…]. Written out, it
 * also lets a probe hand the app a header the app's own encoder would never make.
 */
export const SHARE_VERSION = 1;

export interface SharedFile {
  blockId: BlockId;
  bytes: Uint8Array;
}

/** The link's bytes before compression: a header (any JSON text) and the files after it. */
export function rawLink(headerJson: string, files: Uint8Array[] = []): Uint8Array {
  const json = new TextEncoder().encode(headerJson);
  const raw = new Uint8Array(4 + json.length + files.reduce((n, f) => n + f.length, 0));
  new DataView(raw.buffer).setUint32(0, json.length);
  raw.set(json, 4);
  let at = 4 + json.length;
  for (const f of files) {
    raw.set(f, at);
    at += f.length;
  }
  return raw;
}

export const toBase64Url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** A payload of already-made raw bytes (compressed here). */
export function packRaw(raw: Uint8Array, version = SHARE_VERSION): string {
  return `${version}.${toBase64Url(zlibSync(raw, { level: 9 }))}`;
}

function encodeShareLink(bundle: { doc: unknown; files: SharedFile[]; missing: unknown[] }): string {
  const header = { v: SHARE_VERSION, doc: bundle.doc, files: bundle.files.map((f) => ({ blockId: f.blockId, size: f.bytes.length })), missing: bundle.missing };
  return packRaw(rawLink(JSON.stringify(header), bundle.files.map((f) => f.bytes)));
}

let nextId = 0;
/** A fresh block id (ids only need to be unique within a link). */
export const blockId = (prefix = 'b'): BlockId => `${prefix}${++nextId}` as BlockId;

export function sqlBlock(name: string, sql: string, runOn?: RunOn): SqlBlock {
  return { id: blockId(), kind: 'sql', name, sql, ...(runOn ? { runOn } : {}) };
}

export function cellBlock(name: string, value: number | string): CellBlock {
  return { id: blockId(), kind: 'cell', name, control: { type: 'value' }, value: String(value) };
}

export function sheetBlock(name: string, cells: Record<string, string>): SheetBlock {
  return { id: blockId(), kind: 'sheet', name, cells };
}

/** A sheet of `count` cells: a header row `c1..c10`, then numbers, ten to a row. */
export function numberSheet(name: string, count: number): SheetBlock {
  const cells: Record<string, string> = {};
  const letters = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  for (let i = 0; i < count; i++) cells[`${letters(i % 10)}${Math.floor(i / 10) + 1}`] = String(i);
  return sheetBlock(name, cells);
}

/** A table block filled from a file the link carries (`files` entry made beside it). */
export function fileTable(name: string, fileName: string, bytes: Uint8Array): { block: TableBlock; file: SharedFile } {
  const block: TableBlock = { id: blockId(), kind: 'table', name, source: { kind: 'file', fileName, format: 'csv', size: bytes.length } };
  return { block, file: { blockId: block.id, bytes } };
}

export function urlTable(name: string, url: string): TableBlock {
  return { id: blockId(), kind: 'table', name, source: { kind: 'url', url, format: 'csv' } };
}

export function serverTable(name: string, table: string): TableBlock {
  return { id: blockId(), kind: 'table', name, source: { kind: 'server', table, format: 'csv' } };
}

export function doc(blocks: Block[], title = 'From a link'): WorkbookDocument {
  return { version: DOCUMENT_VERSION, title, blocks };
}

/** The `#w=` payload of a workbook and the files it carries. */
export function payloadOf(workbook: WorkbookDocument, files: SharedFile[] = []): string {
  return encodeShareLink({ doc: workbook, files, missing: [] });
}

/** The app's URL for a payload, with `?name=value` input params. */
export function linkUrl(payload: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `/${query ? `?${query}` : ''}#w=${payload}`;
}

/**
 * Opens `url` as a new visit of an already loaded app (a hash change alone would not reload it):
 * about:blank first, then the link, and waits for the app to be ready.
 */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.evaluate(() => window.cellar.ready);
}

/** Connects the app to `server` with `token` the way a reload would find it (the app keeps it in localStorage). */
export async function rememberServer(page: Page, server: TestServer, token = server.token): Promise<void> {
  await page.evaluate(([url, t]) => localStorage.setItem('cellar:server', JSON.stringify({ url, token: t })), [server.url, token] as const);
}

/** The names of the blocks in the open workbook. */
export async function blockNames(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cellar.document().blocks.map((b) => b.name));
}

/** Waits until every block of the open workbook has ended its run (ok or error). */
export async function expectAllSettled(page: Page, timeout = 90_000): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const n = window.cellar.document().blocks.length;
          const done = [...document.querySelectorAll('[data-testid="block-status"]')].filter((s) => /^(ok|error)/.test(s.textContent ?? '')).length;
          return done === n;
        }),
      { timeout },
    )
    .toBe(true);
}

/** The tab still answers: DuckDB runs a query and the page's main thread ran it. */
export async function expectAnswering(page: Page): Promise<void> {
  const rows = await Promise.race([
    page.evaluate(() => window.cellar.query('SELECT 1 AS one')),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the tab did not answer SELECT 1 within 15 s')), 15_000)),
  ]);
  expect(Number(rows[0]!.one)).toBe(1);
}

/**
 * Everything on a server, as the admin sees it: each table and view of every schema with its
 * row count and a digest of its rows. Equal before and after means nothing was written.
 */
export async function serverState(server: TestServer): Promise<Record<string, string>> {
  const list = await server.query("SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE NOT internal UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY ALL");
  const out: Record<string, string> = {};
  for (const row of list.toArray() as { s: string; t: string }[]) {
    const name = `"${row.s}"."${row.t}"`;
    const t = await server.query(`SELECT count(*)::VARCHAR || ':' || coalesce(md5(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR)), '') AS d FROM ${name} AS x`);
    out[`${row.s}.${row.t}`] = String(t.getChildAt(0)!.get(0));
  }
  return out;
}

/** Rows of `main.<table>` on the server (null when it does not exist). */
export async function mainRows(server: TestServer, table: string): Promise<number | null> {
  const t = await server.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${table}'`);
  if (Number(t.getChildAt(0)!.get(0)) === 0) return null;
  return Number((await server.query(`SELECT count(*) AS n FROM main."${table}"`)).getChildAt(0)!.get(0));
}
