import type { Category, FunctionSpec, ParamSpec } from '../catalog';
import { FormulaError } from '../errors';
import { columnLetters } from '../lexer';
import { toBoolean, toNumber, toText } from '../values';
import { isFormulaError } from '../errors';

/**
 * The catalog's entries for the calls references/ evaluates as special forms (they read
 * references, not values): completion, the reference and #NAME? detection know them from here.
 * Their scalar form is never reached through evaluate; called directly it says so.
 */
function form(name: string, category: Category, summary: string, params: ParamSpec[], example: FunctionSpec['example'], notes?: string): FunctionSpec {
  return {
    name,
    // Which cells they read is known only when they run: recomputed on every recalculation, as in Excel.
    ...(VOLATILE.has(name) ? { volatile: true } : {}),
    category,
    summary,
    params,
    example,
    ...(notes ? { notes } : {}),
    propagate: false,
    scalar: () => new FormulaError('#VALUE!', `${name} reads references: it is evaluated by the formula evaluator, not as a function of values.`),
  };
}

const VOLATILE = new Set(['OFFSET', 'INDIRECT', 'CELL']);

const ref = (name: string, optional = false): ParamSpec => ({ name, kind: 'range', ...(optional ? { optional } : {}) });
const value = (name: string, optional = false): ParamSpec => ({ name, ...(optional ? { optional } : {}) });

/** ADDRESS(row, column, [abs_num], [a1], [sheet_text]): a reference as text. */
const ADDRESS: FunctionSpec = {
  name: 'ADDRESS',
  category: 'lookup',
  summary: 'A cell\'s address as text, from its row and column numbers ($C$2 for 2, 3).',
  params: [value('row_num'), value('column_num'), value('abs_num', true), value('a1', true), value('sheet_text', true)],
  notes: 'abs_num: 1 $C$2, 2 C$2, 3 $C2, 4 C2. a1 FALSE writes R1C1 style (R2C3, R[2]C[3] when relative).',
  example: { formula: '=ADDRESS(2, 3)', result: '$C$2' },
  scalar(args) {
    const nums = [args[0], args[1], args[2] ?? 1].map((a) => toNumber((a ?? null) as never));
    for (const n of nums) if (isFormulaError(n)) return n;
    const [row, col, abs] = (nums as number[]).map(Math.trunc) as [number, number, number];
    const a1 = args[3] === undefined || args[3] === null ? true : toBoolean(args[3] as never);
    if (isFormulaError(a1)) return a1;
    if (row < 1 || row > 1_048_576 || col < 1 || col > 16_384 || abs < 1 || abs > 4) return new FormulaError('#VALUE!', 'ADDRESS: the row is 1 to 1048576, the column 1 to 16384, abs_num 1 to 4.');
    const absRow = abs === 1 || abs === 2;
    const absCol = abs === 1 || abs === 3;
    const text = a1
      ? `${absCol ? '$' : ''}${columnLetters(col - 1)}${absRow ? '$' : ''}${row}`
      : `R${absRow ? row : `[${row}]`}C${absCol ? col : `[${col}]`}`;
    const sheet = args[4] === undefined || args[4] === null ? '' : toText(args[4] as never);
    if (isFormulaError(sheet)) return sheet;
    if (sheet === '') return text;
    return `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`}!${text}`;
  },
};

export const REFERENCE_FUNCTIONS: readonly FunctionSpec[] = [
  form('ROW', 'lookup', 'The row number of a reference (an array of them for several rows), or of the formula\'s own cell.', [ref('reference', true)], { formula: '=ROW(INDIRECT("B5"))', result: '5' }, 'ROW(A1:A3) is {1;2;3}, which spills.'),
  form('COLUMN', 'lookup', 'The column number of a reference (an array of them for several columns), or of the formula\'s own cell.', [ref('reference', true)], { formula: '=COLUMN(INDIRECT("C1"))', result: '3' }),
  form('OFFSET', 'lookup', 'The reference a number of rows and columns away from another, optionally of another height and width.', [ref('reference'), value('rows'), value('cols'), value('height', true), value('width', true)], { formula: '=ROWS(OFFSET(INDIRECT("A1"), 1, 1, 3, 2))', result: '3' }, 'A height or width of 0 is #REF!; outside the sheet is #REF!. Recomputed on every change.'),
  form('INDIRECT', 'lookup', 'The reference a text names: "B2", "Sheet2!A1:C9", "D:D", or R1C1 style ("R2C3", "R[-1]C") when the second argument is FALSE.', [value('ref_text'), value('a1', true)], { formula: '=ROW(INDIRECT("R4C2", FALSE))', result: '4' }, 'Text that is not a reference is #REF!. Sheet names are the sheet blocks\' names. Recomputed on every change.'),
  form('ISREF', 'information', 'TRUE when the argument is a reference (a cell, a range, OFFSET or INDIRECT of one).', [value('value')], { formula: '=ISREF(INDIRECT("A1"))', result: 'TRUE' }),
  form('ISFORMULA', 'information', 'TRUE when the referenced cell holds a formula.', [ref('reference')], { formula: '=ISFORMULA(INDIRECT("A1"))', result: 'FALSE' }),
  form('FORMULATEXT', 'information', 'The formula a referenced cell holds, as text; #N/A when it holds none.', [ref('reference')], { formula: '=ISNA(FORMULATEXT(INDIRECT("A1")))', result: 'TRUE' }),
  form('SHEET', 'information', 'The number of a sheet: the formula\'s own, a reference\'s, or the one named.', [value('value', true)], { formula: '=SHEET(INDIRECT("A1"))', result: '1' }),
  form('SHEETS', 'information', 'How many sheets the workbook has (1 for a reference).', [ref('reference', true)], { formula: '=SHEETS(INDIRECT("A1"))', result: '1' }),
  form('CELL', 'information', 'About a cell: its "address", "col", "row", "contents", "type" (b blank, l text, v value), "sheet" or "filename".', [value('info_type'), ref('reference', true)], { formula: '=CELL("address", INDIRECT("B2"))', result: '$B$2' }, 'Without a reference, the formula\'s own cell. "filename" is empty: a workbook in the browser has no path.'),
  form('SINGLE', 'array', 'One value where a range or array is given: the cell in the formula\'s own row or column, or an array\'s first value. Written @ before a reference (=@A1:A10).', [value('value')], { formula: '=SINGLE({4,5,6})', result: '4' }),
  form('ANCHORARRAY', 'array', 'The cells an array formula spills into, written A1# after the formula\'s cell.', [ref('reference')], { formula: '=ISERROR(ANCHORARRAY(INDIRECT("A1")))', result: 'TRUE' }, 'A cell that spills nothing is #REF!.'),
  ADDRESS,
];
