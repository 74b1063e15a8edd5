import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // Tests that run real DuckDB (WASM or native) take longer than Vitest's 5 s default on 2 cores.
    testTimeout: 60_000,
    // A server test's beforeAll starts real server processes (an HTTP process and its query
    // process, each loading tsx): 4-5 s alone, more while other files load the cores.
    hookTimeout: 60_000,
    // One test file per core: the files are CPU-bound in DuckDB while Vitest's own process is
    // mostly idle, so its default (cores − 1, one worker on CI's 2 cores) left a core unused:
    // 7 min instead of 17 for the whole suite there.
    maxWorkers: availableParallelism(),
  },
});
