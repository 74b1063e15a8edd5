// Tests only: IronCalc (MIT/Apache-2.0, a Rust spreadsheet engine, dev dependency) as a second,
// independent oracle for formulas on generated inputs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, Model } from '@ironcalc/wasm';

/** A value as IronCalc computed it: numbers to 15 significant digits, errors by code. */
export type OracleValue = number | string | boolean | { error: string } | null;

let ready = false;

/** Every formula's value in IronCalc, each computed in its own cell of one sheet. */
export function ironcalcValues(formulas: readonly string[]): OracleValue[] {
  if (!ready) {
    const wasm = createRequire(import.meta.url).resolve('@ironcalc/wasm/wasm_bg.wasm');
    initSync({ module: readFileSync(wasm) });
    ready = true;
  }
  const model = new Model('oracle', 'en', 'UTC', 'en');
  try {
    // Column A holds the formula; B its number as text with every digit (the formatted value keeps ~10).
    formulas.forEach((f, i) => {
      model.setUserInput(0, i + 1, 1, f);
      model.setUserInput(0, i + 1, 2, `=IF(ISNUMBER(A${i + 1}),TEXT(A${i + 1},"0.00000000000000E+00"),"")`);
    });
    model.evaluate();
    return formulas.map((_, i) => {
      const shown = model.getFormattedCellValue(0, i + 1, 1);
      switch (model.getCellType(0, i + 1, 1)) {
        case 1:
          return Number(model.getFormattedCellValue(0, i + 1, 2));
        case 2:
          return shown;
        case 4:
          return shown === 'TRUE';
        case 16:
          return { error: shown };
        default:
          return shown === '' ? null : shown;
      }
    });
  } finally {
    model.free();
  }
}
