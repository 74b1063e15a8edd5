import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allFunctions } from '../functions';
import { renderReference } from '../reference';
import { constantResult, same, scalarResult, show } from '../testing/differential';
import { displayValue } from '../values';

const DOC = resolve(__dirname, '../../../../docs/formulas.md');
const CONFORMANCE_START = '<!-- conformance:start -->';

describe('the function reference', () => {
  test('docs/formulas.md lists every function of the catalog (run `npm run docs:formulas` after adding one)', () => {
    const rendered = renderReference();
    // What follows the reference is the Excel conformance table (src/workbook/xlsx's test writes it).
    const current = readFileSync(DOC, 'utf8');
    const start = current.indexOf(CONFORMANCE_START);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, start >= 0 ? `${rendered.trimEnd()}\n\n${current.slice(start)}` : rendered);
    const doc = readFileSync(DOC, 'utf8');
    const cut = doc.indexOf(CONFORMANCE_START);
    expect((cut >= 0 ? doc.slice(0, cut) : doc).trimEnd()).toBe(rendered.trimEnd());
  });

  test('the catalog has at least 100 functions, each with a summary and an example', () => {
    const functions = allFunctions();
    expect(functions.length).toBeGreaterThanOrEqual(100);
    for (const f of functions) {
      expect(f.summary.length, f.name).toBeGreaterThan(10);
      expect(f.example.formula.startsWith('='), f.name).toBe(true);
    }
  });

  // Every example gives its documented result in TypeScript, and in DuckDB where it can run there.
  for (const f of allFunctions()) {
    test(`${f.name}: ${f.example.formula} is ${f.example.result}`, async () => {
      const template = f.example.formula.slice(1);
      const scalar = scalarResult(template, {});
      expect(displayValue(scalar)).toBe(f.example.result);
      if (!f.sql || f.volatile) return;
      const sql = await constantResult(template, {});
      if (sql === 'no-sql') return;
      expect(same(scalar, sql), `${show(scalar)} in TypeScript, ${show(sql)} in DuckDB`).toBe(true);
    });
  }
});
