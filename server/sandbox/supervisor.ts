import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes, type ServerConfig } from '../config.js';
import { STUCK_AFTER_MS } from '../queries.js';
import { CHILD_ENV, isChildMessage, type ChildMessage, type ReadyMessage } from './messages.js';

/**
 * The query process's OS memory limit (RLIMIT_DATA) is DuckDB's memory limit plus this much:
 * room for Node, V8's heap, Arrow batches on their way out, and what DuckDB allocates outside
 * its buffer manager. Past it an allocation fails (DuckDB answers "Out of Memory Error"), so
 * the process's peak resident memory stays under the memory limit + MEMORY_MARGIN + its code.
 */
export const MEMORY_MARGIN = 512 * 2 ** 20;

/**
 * RLIMIT_DATA also counts every thread's stack as it is mapped (glibc's default is 8 MiB, from
 * RLIMIT_STACK), though little of it is ever touched: DuckDB's threads, libuv's and V8's are
 * allowed for on top of the margin, so a many-core machine does not lose it to stacks.
 */
const STACK_BYTES = 8 * 2 ** 20;
const NODE_THREADS = 16;

/** How long after the query process's own timer the HTTP process's backstop timer fires. */
const BACKSTOP_SLACK_MS = 150;

/** A query process whose event loop has not answered for this long is ended (at least). */
const WATCHDOG_MIN_MS = 10_000;

/** Why a query process ended, as the requests it had in flight need to hear it. */
export interface Death {
  /** `signal` or `exit code N`. */
  how: string;
  /** The request it was ended for, and why; null for a crash nobody asked for. */
  blamed: { request: string | null; reason: 'cancelled' | 'timeout' | 'too-large' | 'unresponsive' } | null;
}

/** The query process, restarted whenever it ends. */
export interface QueryProcess {
  /** The Unix socket it listens on. */
  readonly socket: string;
  /** What the first one said when it was ready. */
  readonly info: Omit<ReadyMessage, 'type'>;
  /** The running one's process id (for tests that read its /proc/PID/status). */
  readonly pid: number | null;
  /** Resolves when a query process is ready (at once unless one is restarting). */
  ready(timeoutMs: number): Promise<void>;
  /** Calls `onDeath` if the process ends while request `tag` is in flight; returns the undo. */
  track(tag: string, onDeath: (death: Death) => void): () => void;
  /** SIGTERM (the database closes cleanly), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts the query process and keeps one running; rejects if the first one cannot start. */
export async function startQueryProcess(config: ServerConfig): Promise<QueryProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-'));
  const socket = path.join(dir, 'query.sock');
  const stacks = STACK_BYTES * ((config.threads ?? os.availableParallelism()) + NODE_THREADS);
  const dataLimitKiB = Math.ceil((parseBytes(config.memoryLimit) + MEMORY_MARGIN + stacks) / 1024);
  const watchdogMs = Math.max(WATCHDOG_MIN_MS, config.statementTimeoutMs + 1000);
  const inFlight = new Map<string, (death: Death) => void>();
  const deadlines = new Map<string, NodeJS.Timeout>();
  let child: ChildProcess | null = null;
  let readyNow = false;
  let waiters: Array<() => void> = [];
  let stopping = false;
  let blamed: Death['blamed'] = null;
  let lastBeat = 0;
  let info: Omit<ReadyMessage, 'type'> | null = null;

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      blamed = null;
      readyNow = false;
      const entry = fileURLToPath(new URL('./child.ts', import.meta.url));
      // `ulimit -d` is setrlimit(RLIMIT_DATA) on the shell, which exec hands to Node.
      const p = spawn('/bin/sh', ['-c', `ulimit -d ${dataLimitKiB} || exit 70; exec "$@"`, 'sh', process.execPath, ...process.execArgv, entry], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, [CHILD_ENV.config]: JSON.stringify(config), [CHILD_ENV.socket]: socket },
      });
      child = p;
      p.on('message', (m: unknown) => {
        if (!isChildMessage(m)) return;
        onMessage(p, m);
        if (m.type === 'ready') resolve();
      });
      p.once('exit', (code, signal) => {
        const how = signal ?? `exit code ${code}`;
        if (!readyNow && !info) reject(new Error(`The query process did not start (${how})`));
        onExit(p, how);
      });
    });

  const onMessage = (p: ChildProcess, m: ChildMessage) => {
    lastBeat = performance.now();
    if (m.type === 'ready') {
      info ??= { adminToken: m.adminToken, duckdb: m.duckdb };
      readyNow = true;
      for (const w of waiters.splice(0)) w();
    } else if (m.type === 'stuck') {
      kill(p, { request: m.request, reason: m.reason });
    } else if (m.type === 'clock') {
      clearTimeout(deadlines.get(m.request));
      deadlines.delete(m.request);
      // The backstop of the query process's own timer, should its event loop be too late to act.
      const at = m.leftMs === null ? null : m.leftMs + STUCK_AFTER_MS.timeout + BACKSTOP_SLACK_MS;
      if (at !== null) deadlines.set(m.request, setTimeout(() => kill(p, { request: m.request, reason: 'timeout' }), at));
    }
  };

  const kill = (p: ChildProcess, why: NonNullable<Death['blamed']>) => {
    if (p !== child || p.exitCode !== null) return;
    blamed ??= why;
    p.kill('SIGKILL');
  };

  const onExit = (p: ChildProcess, how: string) => {
    if (p !== child) return;
    const wasReady = readyNow;
    readyNow = false;
    for (const timer of deadlines.values()) clearTimeout(timer);
    deadlines.clear();
    const death: Death = { how, blamed };
    for (const onDeath of [...inFlight.values()]) onDeath(death);
    inFlight.clear();
    if (stopping || !info) return;
    console.error(`The query process ended (${how}${blamed ? `, ${blamed.reason}` : ''}); starting another`);
    // One that dies before it is ready (a damaged database?) is not restarted in a tight loop.
    setTimeout(() => void launch(), wasReady ? 100 : 1000);
  };

  const watchdog = setInterval(() => {
    if (child && readyNow && performance.now() - lastBeat > watchdogMs) kill(child, { request: null, reason: 'unresponsive' });
  }, 500);
  watchdog.unref();

  await launch();
  return {
    socket,
    get info() {
      return info!;
    },
    get pid() {
      return child?.pid ?? null;
    },
    ready(timeoutMs) {
      if (readyNow) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          reject(new Error('The query process is restarting; try again in a moment'));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push(done);
      });
    },
    track(tag, onDeath) {
      inFlight.set(tag, onDeath);
      return () => {
        inFlight.delete(tag);
        clearTimeout(deadlines.get(tag));
        deadlines.delete(tag);
      };
    },
    async stop() {
      stopping = true;
      clearInterval(watchdog);
      const p = child;
      if (p && p.exitCode === null && p.signalCode === null) {
        const exited = new Promise((resolve) => p.once('exit', resolve));
        p.kill('SIGTERM');
        const force = setTimeout(() => p.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
