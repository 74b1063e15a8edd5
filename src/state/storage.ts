import type { share, WorkbookDocument } from '../workbook';

type MissingTable = share.MissingTable;

/**
 * What survives a reload: workbook documents in IndexedDB (one record per workbook, written
 * whole — documents are small), and the files people dropped in the origin-private file system
 * (OPFS), so a workbook's tables can be read again. DuckDB itself stays in memory: a reload
 * re-reads the kept files, which needs no DuckDB state to be written safely while a tab dies.
 */

export interface WorkbookRecord {
  id: string;
  title: string;
  updatedAt: number;
  doc: WorkbookDocument | unknown;
  /**
   * Set for a workbook opened from a link: the hosts the person allowed it to fetch from. Kept
   * beside the document, never in it, so a link cannot grant itself anything.
   */
  allowedHosts?: string[];
  /** Set for a workbook opened from a link: the servers the person allowed it to use (none at first). */
  allowedServers?: string[];
  /** The schemas a link gave for local files it did not carry, shown until they are dropped. */
  placeholders?: MissingTable[];
}

export type WorkbookMeta = Pick<WorkbookRecord, 'id' | 'title' | 'updatedAt'>;

const DB_NAME = 'cellar';
const STORE = 'workbooks';
let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return database().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? request.error);
        tx.onabort = () => reject(tx.error ?? new Error('Saving was aborted'));
      }),
  );
}

export function saveWorkbook(record: WorkbookRecord): Promise<void> {
  return run('readwrite', (s) => s.put(record)).then(() => undefined);
}

export function loadWorkbook(id: string): Promise<WorkbookRecord | undefined> {
  return run('readonly', (s) => s.get(id) as IDBRequest<WorkbookRecord | undefined>);
}

export async function listWorkbooks(): Promise<WorkbookMeta[]> {
  const all = await run('readonly', (s) => s.getAll() as IDBRequest<WorkbookRecord[]>);
  return all.map(({ id, title, updatedAt }) => ({ id, title, updatedAt })).sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function deleteWorkbook(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
  await deleteFiles(id);
}

const CURRENT = 'cellar.currentWorkbook';
export const currentWorkbook = {
  get: (): string | null => localStorage.getItem(CURRENT),
  set: (id: string): void => localStorage.setItem(CURRENT, id),
};

// ---- dropped files, in OPFS: /workbook-<id>/<blockId>

async function workbookDir(workbookId: string, create: boolean): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(`workbook-${workbookId}`, { create });
  } catch {
    return undefined;
  }
}

/** Copies a dropped file into OPFS, streaming (the file may be hundreds of MB). */
export async function keepFile(workbookId: string, key: string, file: File): Promise<void> {
  const dir = await workbookDir(workbookId, true);
  if (!dir) throw new Error('This browser has no origin-private file system to keep files in.');
  const handle = await dir.getFileHandle(key, { create: true });
  const writable = await handle.createWritable();
  await file.stream().pipeTo(writable); // closes the writable, which commits it atomically
}

/** A kept file, named as it was dropped. */
export async function keptFile(workbookId: string, key: string, name: string): Promise<File | undefined> {
  const dir = await workbookDir(workbookId, false);
  try {
    const file = await (await dir?.getFileHandle(key))?.getFile();
    return file ? new File([file], name, { type: file.type, lastModified: file.lastModified }) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes kept files: all of a workbook's, or all but `keep`. */
export async function deleteFiles(workbookId: string, keep?: ReadonlySet<string>): Promise<void> {
  const dir = await workbookDir(workbookId, false);
  if (!dir) return;
  if (!keep) {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(`workbook-${workbookId}`, { recursive: true }).catch(() => undefined);
    return;
  }
  for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
    if (!keep.has(key)) await dir.removeEntry(key).catch(() => undefined);
  }
}

/** Asks the browser not to evict our storage under pressure; fine if it says no. */
export function askForPersistentStorage(): void {
  void navigator.storage?.persist?.().catch(() => false);
}
