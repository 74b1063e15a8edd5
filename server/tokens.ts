import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Principal } from './auth.js';

/** The admin token and the read-only tokens, kept in the data folder's `secrets/`. */
export interface TokenStore {
  /** Printed at start so the person running the server can connect. */
  readonly adminToken: string;
  resolve(token: string): Principal | null;
  /** Makes, saves and returns a new read-only token; only its hash is kept. */
  createReadOnly(): Promise<string>;
}

interface ReadTokenFile {
  tokens: Array<{ hash: string; created: string }>;
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

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
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
  const readHashes = new Set(readTokens.tokens.map((t) => t.hash));

  return {
    adminToken,
    resolve(token) {
      const h = hash(token);
      const id = h.toString('hex').slice(0, 16);
      if (timingSafeEqual(h, adminHash)) return { role: 'admin', id };
      return readHashes.has(h.toString('hex')) ? { role: 'read', id } : null;
    },
    async createReadOnly() {
      const token = newToken();
      const h = hash(token).toString('hex');
      readTokens.tokens.push({ hash: h, created: new Date().toISOString() });
      readHashes.add(h);
      await writeSecret(readFileName, JSON.stringify(readTokens, null, 2) + '\n');
      return token;
    },
  };
}
