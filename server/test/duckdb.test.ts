import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_LAYOUT, openDatabase, type Database, type Lease } from '../duckdb.js';
import { dataset, removeDir, tempDataDir } from './harness.js';

// The database on its own, without HTTP in front: the server's statement policy refuses SET
// before DuckDB sees it, so these check the layer under it.

let dir: string;
let db: Database;
let lease: Lease;

beforeAll(async () => {
  dir = await tempDataDir();
  await mkdir(path.join(dir, DATA_LAYOUT.uploads));
  await mkdir(path.join(dir, DATA_LAYOUT.temp));
  db = await openDatabase({ dataDir: dir, memoryLimit: '64MB', threads: undefined, connections: 2 });
  lease = await db.acquire();
});

afterAll(async () => {
  lease?.release();
  db?.close();
  await removeDir(dir);
});

const run = (sql: string) => lease.connection.runAndReadAll(sql).then((r) => r.getRowObjectsJS());

describe('the sandboxed database', () => {
  it('locks its configuration: SQL cannot set the sandbox back', async () => {
    for (const sql of [
      'SET enable_external_access = true',
      "SET allowed_directories = ['/']",
      "SET memory_limit = '100GB'",
      'SET autoload_known_extensions = true',
      "SET temp_directory = '/tmp'",
      'SET lock_configuration = false',
      'RESET enable_external_access',
    ]) {
      await expect(run(sql), sql).rejects.toThrow(/the configuration has been locked/);
    }
    const [settings] = await run(
      "SELECT current_setting('enable_external_access') AS ext, current_setting('memory_limit') AS mem, current_setting('temp_directory') AS temp, current_setting('autoinstall_known_extensions') AS autoinstall",
    );
    expect(settings).toEqual({ ext: false, mem: '61.0 MiB', temp: path.join(dir, DATA_LAYOUT.temp), autoinstall: false });
  });

  it('reads files only in uploads/, never elsewhere in the data folder or outside it', async () => {
    await copyFile(dataset('seattle-weather.csv'), path.join(dir, DATA_LAYOUT.uploads, 'w.csv'));
    expect(await run(`SELECT count(*) AS n FROM read_csv('${path.join(dir, DATA_LAYOUT.uploads, 'w.csv')}')`)).toEqual([{ n: 1461n }]);
    for (const file of [
      '/etc/passwd',
      path.join(dir, DATA_LAYOUT.secrets, 'admin-token'),
      path.join(dir, DATA_LAYOUT.uploads, '..', DATA_LAYOUT.secrets, 'admin-token'),
      `${path.join(dir, DATA_LAYOUT.uploads)}-sibling/x.csv`,
    ]) {
      await expect(run(`SELECT * FROM read_text('${file}')`), file).rejects.toThrow(/Permission Error/);
    }
    await expect(run("COPY (SELECT 1) TO '/tmp/cellar-evil.csv'")).rejects.toThrow(/Permission Error/);
    await expect(run('INSTALL httpfs')).rejects.toThrow(/Permission Error/);
    await expect(run('LOAD httpfs')).rejects.toThrow(/disabled/);
  });

  it('fails a query past the memory limit with an out-of-memory error', async () => {
    await expect(run('SELECT list(range) FROM range(50000000)')).rejects.toThrow(/Out of Memory Error/);
  });

  it('spills to temp files inside the data folder when a sort outgrows memory', async () => {
    const temp = path.join(dir, DATA_LAYOUT.temp);
    let seen = 0;
    const watch = setInterval(() => void readdir(temp).then((f) => (seen = Math.max(seen, f.length))), 20);
    try {
      const rows = await run('SELECT max(x) AS x FROM (SELECT range AS x, md5(range::VARCHAR) AS m FROM range(2000000) ORDER BY m)');
      expect(rows).toEqual([{ x: 1_999_999n }]);
    } finally {
      clearInterval(watch);
    }
    expect(seen).toBeGreaterThan(0);
  });
});
