import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists } from './files.js';

/** A stored document and the workbook it was published from (null for documents from before namespaces). */
export interface StoredWorkbook {
  json: string;
  workbook: string | null;
}

/** Shared workbook documents, one JSON file each, under ids the server makes. */
export interface WorkbookStore {
  /** Saves a document (already checked to be JSON) published from `workbook`; returns its new id. */
  save(json: string, workbook: string | null): Promise<string>;
  /** The document saved under `id`, or null when the id is malformed or unknown. */
  load(id: string): Promise<StoredWorkbook | null>;
}

/** 128 random bits, base64url: unguessable, and safe as a file name by construction. */
const ID = /^[A-Za-z0-9_-]{22}$/;

/** The workbook store over `dir`, created if missing. */
export async function openWorkbookStore(dir: string): Promise<WorkbookStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    async save(json, workbook) {
      const id = randomBytes(16).toString('base64url');
      // The owner first: a document is never readable without the record of whose it is.
      if (workbook !== null) await writeFile(path.join(dir, `${id}.workbook`), workbook, { flag: 'wx', mode: 0o600 });
      await writeFile(path.join(dir, `${id}.json`), json, { flag: 'wx', mode: 0o600 });
      return id;
    },
    async load(id) {
      if (!ID.test(id)) return null;
      const json = await readIfExists(path.join(dir, `${id}.json`));
      if (json === null) return null;
      return { json, workbook: (await readIfExists(path.join(dir, `${id}.workbook`)))?.trim() || null };
    },
  };
}
