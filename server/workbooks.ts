import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Shared workbook documents, one JSON file each, under ids the server makes. */
export interface WorkbookStore {
  /** Saves a document (already checked to be JSON) and returns its new id. */
  save(json: string): Promise<string>;
  /** The document saved under `id`, or null when the id is malformed or unknown. */
  load(id: string): Promise<string | null>;
}

/** 128 random bits, base64url: unguessable, and safe as a file name by construction. */
const ID = /^[A-Za-z0-9_-]{22}$/;

/** The workbook store over `dir`, created if missing. */
export async function openWorkbookStore(dir: string): Promise<WorkbookStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    async save(json) {
      const id = randomBytes(16).toString('base64url');
      await writeFile(path.join(dir, `${id}.json`), json, { flag: 'wx', mode: 0o600 });
      return id;
    },
    async load(id) {
      if (!ID.test(id)) return null;
      try {
        return await readFile(path.join(dir, `${id}.json`), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}
