import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists } from './files.js';
import type { Principal } from './auth.js';
import { namespaceOf } from './scope.js';

/** The admin token and the read-only tokens, kept in the data folder's `secrets/`. */
export interface TokenStore {
  /** Printed at start so the person running the server can connect. */
  readonly adminToken: string;
  resolve(token: string): Principal | null;
  /** Makes, saves and returns a new read-only token for `workbooks`; only its hash is kept. */
  createReadOnly(workbooks: readonly string[]): Promise<string>;
}

/**
 * One read-only token and the workbooks it reads. With none (made without a workbook, or before
 * workbooks had namespaces, when every table was there) it reads the shared `main` schema only.
 */
interface ReadToken {
  hash: string;
  created: string;
  workbooks?: string[];
}

interface ReadTokenFile {
  tokens: ReadToken[];
}

const ADMIN_FILE = 'admin-token';
const READ_FILE = 'read-tokens.json';

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Writes a secret so that no other user can read it and no reader sees half a file. */
async function writeSecret(file: string, text: string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, file);
}

/** Loads the tokens of `dir`, making the admin token on first start. */
export async function openTokenStore(dir: string): Promise<TokenStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const adminFile = path.join(dir, ADMIN_FILE);
  const readFileName = path.join(dir, READ_FILE);
  let adminToken = (await readIfExists(adminFile))?.trim();
  if (!adminToken) {
    adminToken = newToken();
    await writeSecret(adminFile, adminToken + '\n');
  }
  const adminHash = hash(adminToken);
  const saved = await readIfExists(readFileName);
  const readTokens: ReadTokenFile = saved ? (JSON.parse(saved) as ReadTokenFile) : { tokens: [] };
  const readHashes = new Map(readTokens.tokens.map((t) => [t.hash, t]));
  const readPrincipal = (t: ReadToken, id: string): Principal => ({
    role: 'read',
    id,
    workbooks: t.workbooks ?? [],
    namespaces: t.workbooks?.length ? t.workbooks.map(namespaceOf) : ['main'],
  });

  return {
    adminToken,
    resolve(token) {
      const h = hash(token);
      const id = h.toString('hex').slice(0, 16);
      if (timingSafeEqual(h, adminHash)) return { role: 'admin', id, workbooks: [], namespaces: [] };
      const read = readHashes.get(h.toString('hex'));
      return read ? readPrincipal(read, id) : null;
    },
    async createReadOnly(workbooks) {
      const token = newToken();
      const entry: ReadToken = { hash: hash(token).toString('hex'), created: new Date().toISOString(), workbooks: [...workbooks] };
      readTokens.tokens.push(entry);
      readHashes.set(entry.hash, entry);
      await writeSecret(readFileName, JSON.stringify(readTokens, null, 2) + '\n');
      return token;
    },
  };
}
