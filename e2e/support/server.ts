import { removeDir, startServer, tempDataDir, type TestServer } from '../../server/test/harness';
import { test } from './cellar';

/**
 * A real server process (npm run server's code, native DuckDB) for the tests of one spec file:
 * started with a data folder of its own before them, stopped and its folder removed after.
 * `setup` runs once it answers (the opener's own tables). Returns the running server.
 */
export function serverForFile(setup?: (server: TestServer) => Promise<void>): () => TestServer {
  let dataDir: string | undefined;
  let server: TestServer | undefined;
  test.beforeAll(async () => {
    dataDir = await tempDataDir();
    server = await startServer(dataDir);
    await setup?.(server);
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) await removeDir(dataDir);
  });
  return () => {
    if (!server) throw new Error('The server starts in beforeAll: read it inside a test.');
    return server;
  };
}
