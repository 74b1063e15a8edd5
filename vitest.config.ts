import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // Tests that run real DuckDB (WASM or native) take longer than Vitest's 5 s default on 2 cores.
    testTimeout: 60_000,
  },
});
