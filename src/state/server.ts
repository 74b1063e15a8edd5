import { create } from 'zustand';
import { createRemoteEngine, health, isEngineError, messageOf, type RemoteEngine, type TableInfo } from '../engine';
import { getEngine } from './engine';

/** The backend server this browser is connected to, if any. */
export interface ServerState {
  url?: string;
  token?: string;
  status: 'none' | 'connecting' | 'connected' | 'unreachable';
  version?: string;
  readOnly?: boolean;
  /** Why connecting failed, or why the server is unreachable. */
  message?: string;
  tables: TableInfo[];
  /** Checks and connects; the URL and token are kept in this browser. */
  connect(url: string, token: string): Promise<void>;
  disconnect(): void;
  refreshTables(): Promise<void>;
  /** A query failed because the server could not be reached: retry until it answers again. */
  reportUnreachable(message: string): void;
  /** The remote engine while a server is configured (connected or briefly unreachable). */
  remote?: RemoteEngine;
  /** Which workbook each request is for: on the server, each workbook reads and writes its own namespace. */
  setWorkbookOf(fn: () => string | undefined): void;
  /** Calls `fn` each time an unreachable server answers again; returns how to stop. */
  onBack(fn: () => void): () => void;
}

const KEY = 'cellar:server';
const RETRY_MS = 3000;

/** The remote engine while a server is configured (connected or briefly unreachable). */
export function getRemote(): RemoteEngine | undefined {
  return useServer.getState().remote;
}

/** Tells the remote engine which workbook is open (its namespace on the server), at each request. */
export function setServerWorkbook(fn: () => string | undefined): void {
  useServer.getState().setWorkbookOf(fn);
}

/** Calls `fn` each time an unreachable server answers again (blocks that failed run again). */
export function onServerBack(fn: () => void): () => void {
  return useServer.getState().onBack(fn);
}

function stored(): { url: string; token: string } | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { url?: unknown; token?: unknown } | null;
    return typeof v?.url === 'string' && typeof v.token === 'string' ? { url: v.url, token: v.token } : undefined;
  } catch {
    return undefined;
  }
}

export const useServer = create<ServerState>()((set, get) => {
  let workbookOf: () => string | undefined = () => undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const reconnectListeners = new Set<() => void>();
  const check = async (url: string, token: string): Promise<boolean> => {
    try {
      const h = await health(url, token);
      set({ status: 'connected', version: h.version, readOnly: h.readOnly, message: undefined });
      await get().refreshTables();
      return true;
    } catch (e) {
      const unreachable = isEngineError(e) && e.kind === 'unreachable';
      set({ status: unreachable ? 'unreachable' : 'none', message: messageOf(e) });
      return false;
    }
  };
  const scheduleRetry = () => {
    clearTimeout(retry);
    retry = setTimeout(async () => {
      const { url, token, status } = get();
      if (!url || !token || status !== 'unreachable') return;
      if (await check(url, token)) for (const fn of reconnectListeners) fn();
      else if (get().status === 'unreachable') scheduleRetry();
    }, RETRY_MS);
  };
  const saved = typeof window === 'undefined' ? undefined : stored();
  if (saved) queueMicrotask(() => void get().connect(saved.url, saved.token));
  return {
    status: 'none',
    tables: [],
    async connect(url, token) {
      const clean = url.trim().replace(/\/+$/, '');
      set({ url: clean, token, status: 'connecting', message: undefined });
      const parser = await getEngine();
      set({ remote: createRemoteEngine({ url: clean, token, parser, workbook: () => workbookOf() }) });
      const ok = await check(clean, token);
      if (ok || get().status === 'unreachable') localStorage.setItem(KEY, JSON.stringify({ url: clean, token }));
      if (!ok && get().status === 'unreachable') scheduleRetry();
      if (!ok && get().status === 'none') set({ remote: undefined });
    },
    disconnect() {
      clearTimeout(retry);
      localStorage.removeItem(KEY);
      set({ remote: undefined, url: undefined, token: undefined, status: 'none', version: undefined, readOnly: undefined, message: undefined, tables: [] });
    },
    async refreshTables() {
      const remote = get().remote;
      if (!remote) return;
      try {
        set({ tables: await remote.catalog.tables() });
      } catch (e) {
        if (isEngineError(e) && e.kind === 'unreachable') get().reportUnreachable(e.message);
      }
    },
    setWorkbookOf(fn) {
      workbookOf = fn;
    },
    onBack(fn) {
      reconnectListeners.add(fn);
      return () => reconnectListeners.delete(fn);
    },
    reportUnreachable(message) {
      if (!get().remote || get().status === 'unreachable') return;
      set({ status: 'unreachable', message });
      scheduleRetry();
    },
  };
});
