// How long readXlsx takes on the benchmark's 200,000 × 10 workbook, and the peak memory of the
// process, with the big sheet read whole by exceljs ("whole") and by the streaming scanner into a
// column store ("big"). Each mode runs in a process of its own so its peak RSS is its own.
//   npx tsx bench/xlsx-read.ts [rows]        (default 200000; writes bench/.data/xlsx-<rows>.xlsx once)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataCellCount } from '../src/workbook/sheet-data';
import { readXlsx } from '../src/workbook/xlsx/read';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { ensureXlsx } from './xlsx-data.mjs';

interface Result {
  mode: string;
  seconds: number;
  /** User + system CPU seconds: the machine may be shared, so wall time alone misleads. */
  cpu: number;
  peakMB: number;
  cells: number;
}

async function measure(path: string, mode: string): Promise<Result> {
  const bytes = new Uint8Array(readFileSync(path));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const wb = await readXlsx(bytes, { blockName: (s) => s, bigSheetBytes: mode === 'whole' ? Number.POSITIVE_INFINITY : undefined });
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(c0);
  const cpu = (used.user + used.system) / 1e6;
  const cells = wb.sheets.reduce((n, s) => n + Object.keys(s.cells).length + (s.data ? dataCellCount(s.data) : 0), 0);
  return { mode, seconds, cpu, peakMB: process.resourceUsage().maxRSS / 1024, cells };
}

const [, , first, second] = process.argv;
if (first === '--child') {
  const [mode, path] = second!.split('=');
  console.log(JSON.stringify(await measure(path!, mode!)));
} else {
  const rows = Number(first ?? 200_000);
  const { path, bytes } = (await ensureXlsx(rows, console.log)) as { path: string; bytes: number };
  console.log(`${path}: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${rows.toLocaleString('en-US')} rows × 10`);
  const self = fileURLToPath(import.meta.url);
  for (const mode of ['big', 'whole']) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--child', `${mode}=${path}`], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop()!) as Result;
    console.log(`${r.mode.padEnd(6)} ${r.seconds.toFixed(2)} s (CPU ${r.cpu.toFixed(2)} s), peak RSS ${Math.round(r.peakMB)} MB, ${r.cells.toLocaleString('en-US')} cells`);
  }
}
