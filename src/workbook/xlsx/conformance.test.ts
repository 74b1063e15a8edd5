import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { agrees, computeWorkbook } from './conformance-check';
import { fileKey, passes, renderReport, withReport, type Baseline, type FileResult } from './conformance-report';
import { readXlsx } from './read';

// Beside the repository (../shared), or where this machine keeps it when the repository is cloned
// elsewhere (CI's clean clone); CELLAR_EXCEL_CONFORMANCE names another place.
const CORPUS = [process.env.CELLAR_EXCEL_CONFORMANCE, '../shared/excel-conformance', '/work/shared/excel-conformance'].find((dir) => dir && existsSync(dir)) ?? '../shared/excel-conformance';
const BASELINE = 'src/workbook/xlsx/conformance-baseline.json';
const DOC = 'docs/formulas.md';

function workbooks(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? workbooks(join(dir, f)) : f.endsWith('.xlsx') ? [join(dir, f)] : []))
    .sort();
}

async function check(path: string): Promise<FileResult> {
  const rel = relative(CORPUS, path).split(/[\\/]/);
  const result: FileResult = { category: rel.length > 1 ? rel[0]! : '(top level)', file: rel[rel.length - 1]!, agreeing: 0, total: 0 };
  try {
    const wb = await readXlsx(readFileSync(path), { blockName: (n) => `x_${n.replace(/\W/g, '_')}` });
    for (const s of wb.sheets) result.total += Object.keys(s.cached ?? {}).length;
    const values = await computeWorkbook(wb);
    for (const s of wb.sheets)
      for (const [address, cached] of Object.entries(s.cached ?? {})) if (agrees(cached, values.get(s.block.toLowerCase())?.get(address) ?? null)) result.agreeing++;
  } catch (e) {
    result.failure = e instanceof Error ? e.message : String(e);
  }
  return result;
}

describe.skipIf(!existsSync(CORPUS))(`Excel conformance (${CORPUS}; skipped when the folder is missing)`, () => {
  test('every formula cell of the Excel-saved workbooks computes as Excel computed it, no worse than the baseline', async () => {
    const results: FileResult[] = [];
    const slow: string[] = [];
    for (const path of workbooks(CORPUS)) {
      const started = performance.now();
      results.push(await check(path));
      const seconds = (performance.now() - started) / 1000;
      if (seconds > 5) slow.push(`${relative(CORPUS, path)} ${seconds.toFixed(1)} s`);
    }
    const report = renderReport(results);
    console.log(`${report}\n\nFiles that took over 5 s (read and computed): ${slow.join(', ') || 'none'}.`);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, withReport(readFileSync(DOC, 'utf8'), report));
    if (process.env.UPDATE_BASELINE) {
      const baseline: Baseline = {
        agreeing: results.reduce((a, r) => a + r.agreeing, 0),
        total: results.reduce((a, r) => a + r.total, 0),
        passing: results.filter(passes).map(fileKey),
      };
      writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
    }
    const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline;
    const now = new Set(results.filter(passes).map(fileKey));
    expect(baseline.passing.filter((f) => !now.has(f)), 'files that agreed fully with Excel and no longer do').toEqual([]);
    expect(results.reduce((a, r) => a + r.agreeing, 0), 'formula cells agreeing with Excel').toBeGreaterThanOrEqual(baseline.agreeing);
  }, 900_000);
});

if (!existsSync(CORPUS)) console.warn(`Excel conformance skipped: ${CORPUS} is missing (the Excel-saved workbooks live beside the repository).`);
