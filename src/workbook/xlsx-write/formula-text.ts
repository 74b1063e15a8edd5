import { declaredParameters, parseFormula, tokenize, type Token } from '../formula';
import { functionPrefix } from './excel-functions';
import { quoteSheetName } from './sheet-names';

const COLUMN_LETTERS = /^[A-Za-z]{1,3}$/;

/** How formulas' names map to the file: block names to worksheet names, and the workbook's defined names. */
export interface FormulaScope {
  /** Lower-cased block name → its worksheet's name. */
  worksheets: ReadonlyMap<string, string>;
  /** Lower-cased names the file defines (Cellar's named cells written as defined names). */
  names: ReadonlySet<string>;
}

/** A formula as a file holds it (no leading `=`), or why Excel could not read it. */
export type ExcelFormula = { ok: true; text: string } | { ok: false; reason: string };

/**
 * A Cellar sheet formula as Excel writes it in a file: no leading `=`, newer functions with their
 * `_xlfn.` prefix, `block!A1` as `'Worksheet name'!A1`. Everything else is kept byte for byte.
 * What Excel has no equivalent for (a table's column `[qty]`, a `$name`, a name the file does
 * not define, a formula that does not parse) comes back as a reason, and the cell keeps its value.
 */
export function toExcelFormula(text: string, scope: FormulaScope): ExcelFormula {
  let tokens: Token[];
  let parameters: Set<string>;
  try {
    // Parsed first so a formula Excel would refuse (an unclosed bracket) is caught here, not by Excel.
    parameters = declaredParameters(parseFormula(text, { sheet: true }));
    tokens = tokenize(text);
  } catch (e) {
    return { ok: false, reason: `the formula does not parse (${e instanceof Error ? e.message : String(e)})` };
  }
  let out = '';
  let at = text.startsWith('=') ? 1 : 0;
  const replace = (t: Token, by: string) => {
    out += text.slice(at, t.start) + by;
    at = t.end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const inColumnRange = before?.type === ':' || after?.type === ':';
    switch (t.type) {
      case 'ident': {
        if (parameters.has(t.text.replace(/^_xl(pm|op)\./i, '').toLowerCase())) {
          // A LET or LAMBDA name, called or not: Excel's files write it `_xlpm.x`.
          if (!/^_xl(pm|op)\./i.test(t.text)) replace(t, `_xlpm.${t.text}`);
        } else if (after?.type === '(') {
          const prefix = functionPrefix(t.text);
          if (prefix && !t.text.toLowerCase().startsWith('_xl')) replace(t, prefix + t.text.toUpperCase());
        } else if (!/^(TRUE|FALSE)$/i.test(t.text) && !(inColumnRange && COLUMN_LETTERS.test(t.text)) && !scope.names.has(t.text.toLowerCase())) {
          return { ok: false, reason: `${t.text} is a name the file does not define` };
        }
        break;
      }
      case 'sheet': {
        const name = scope.worksheets.get(String(t.value).toLowerCase());
        if (name === undefined) return { ok: false, reason: `${String(t.value)} is not a block in this export` };
        replace(t, `${quoteSheetName(name)}!`);
        break;
      }
      case 'param':
        // `$A` as one end of `$A:$C` is a column; any other `$name` is a Cellar named cell.
        if (!(inColumnRange && COLUMN_LETTERS.test(String(t.value)) && t.text === `$${String(t.value)}`))
          return { ok: false, reason: `${t.text} is a Cellar named cell, which Excel has no form of` };
        break;
      case 'column':
        return { ok: false, reason: `${t.text} reads a Cellar table's column, which Excel has no form of` };
      case 'error':
        if (t.value === '#ERROR!') return { ok: false, reason: 'the formula holds #ERROR!, which Excel has no form of' };
        break;
      case 'op':
        // A plain <f> already intersects where Cellar writes @ (as imported legacy formulas have it).
        if (t.text === '@') replace(t, '');
        else if (t.text === '#') {
          // A1#: Excel's file form is _xlfn.ANCHORARRAY(A1).
          if (before?.type !== 'a1' || tokens[i - 2]?.type === 'sheet') return { ok: false, reason: 'a spill reference to another sheet (Sheet!A1#) is not written yet' };
          out += `${text.slice(at, before.start)}_xlfn.ANCHORARRAY(${before.text})`;
          at = t.end;
        }
        break;
      default:
        break;
    }
  }
  return { ok: true, text: out + text.slice(at) };
}
