import ExcelJS from 'exceljs';
import type { ErrorCode } from '../formula';
import { attachBigSheet, splitBigSheets } from './big-sheet';
import { rewriteFormula } from './formula-text';
import { legacyFormula } from './legacy-formula';
import { frozenPanes } from './frozen-panes';
import { LeftOut, listWords } from './left-out';
import { nameScope } from './names';
import type { CachedValue, ImportedSheet, ImportedWorkbook, ReadXlsxOptions } from './types';
import { rawValues } from './raw-cells';
import { richErrorCells, richErrors } from './rich-errors';
import { sheetStyles } from './styles';
import { cachedOf, errorCell, numberCell, valueCell } from './values';
import { readWorkbookXml } from './workbook-xml';
import { inspectZip, notReadable, toBytes, XlsxImportError } from './zip-guard';

/** More sheets than anyone keeps in one workbook: past this a file is refused, not half-opened. */
export const MAX_SHEETS = 1000;

/** exceljs's cell.model, the fields read here (its .d.ts types only the public cell). */
interface CellModel {
  address: string;
  type: number;
  value?: unknown;
  formula?: string;
  sharedFormula?: string;
  /** `array` for an array formula (`<f t="array" ref="A1:A3">`), whose value spills over `ref`. */
  shareType?: string;
  ref?: string;
  result?: unknown;
  /** A hyperlink cell's text (its model has no value). */
  text?: unknown;
  comment?: unknown;
  style?: { numFmt?: string };
}

/** What exceljs loads onto a worksheet but leaves out of its .d.ts. */
interface LoadedParts {
  conditionalFormattings?: unknown[];
  dataValidations?: { model?: Record<string, unknown> };
}

const ValueType = { Merge: 1, Hyperlink: 5, Formula: 6 } as const;

/** A1 → 0-based row and column. */
function position(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** `A1:B3` (or `A1`) as 0-based corners. */
function area(ref: string): Area {
  const [a, b = a] = ref.split(':') as [string, string?];
  const p = position(a.replaceAll('$', ''));
  const q = position(b!.replaceAll('$', ''));
  return { r0: p.row, c0: p.col, r1: q.row, c1: q.col };
}

/** Whether a cell lies in an array formula's range other than at its formula's own cell. */
function inSpill(spills: readonly Area[], address: string): boolean {
  if (spills.length === 0) return false;
  const { row, col } = position(address);
  return spills.some((s) => row >= s.r0 && row <= s.r1 && col >= s.c0 && col <= s.c1 && !(row === s.r0 && col === s.c0));
}

/** The merged ranges, from exceljs's private map (its public model would rebuild every row). */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, { tl: string; br: string }> })._merges ?? {};
  return Object.values(merges).map((r) => `${r.tl}:${r.br}`);
}

/**
 * Reads an .xlsx (or .xlsm) into one ImportedSheet per worksheet. Works in Node and in a browser
 * worker (exceljs's browser build bundles its own zip reader). Refuses, with a message that says
 * what to do, files that are not workbooks, are encrypted, hold over MAX_SHEETS sheets or inflate
 * past MAX_INFLATED_BYTES; everything it does not import is named in `leftOut`.
 */
export async function readXlsx(input: Uint8Array | ArrayBuffer, options: ReadXlsxOptions): Promise<ImportedWorkbook> {
  const bytes = toBytes(input);
  const parts = inspectZip(bytes);
  const xml = await readWorkbookXml(bytes);
  if (xml.sheets.length > MAX_SHEETS)
    throw new XlsxImportError(`This workbook has ${xml.sheets.length} sheets; Cellar opens at most ${MAX_SHEETS}. Move the sheets you need into a smaller workbook in Excel and drop that.`);
  // Worksheets too big for exceljs's cell objects are scanned into column stores; exceljs gets them emptied.
  const big = await splitBigSheets(bytes, xml, options.bigSheetBytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(big.bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw notReadable(e instanceof Error ? e.message : String(e));
  }
  const worksheets = wb.worksheets.filter((ws): ws is ExcelJS.Worksheet => ws !== undefined);
  const order = new Map(xml.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  worksheets.sort((a, b) => (order.get(a.name.toLowerCase()) ?? 0) - (order.get(b.name.toLowerCase()) ?? 0));
  const blocks = new Map(worksheets.map((ws) => [ws.name.toLowerCase(), options.blockName(ws.name)]));
  const names = nameScope(xml.names, blocks);
  const leftOut = new LeftOut();
  const sheets: ImportedSheet[] = [];
  const errors = await richErrors((path) => xml.part(path));
  for (const ws of worksheets) {
    const { sheet, dated } = readSheet(ws, { block: blocks.get(ws.name.toLowerCase())!, date1904: xml.date1904, blocks, name: names.forSheet(ws.name), leftOut });
    const part = xml.sheets.find((s) => s.name.toLowerCase() === ws.name.toLowerCase())?.part;
    const sheetXml = dated.size && part ? await xml.part(part) : undefined;
    if (sheetXml !== undefined) exactDates(sheet, rawValues(sheetXml, dated));
    if (errors.size && part) realErrors(sheet, richErrorCells((await xml.part(part)) ?? '', errors));
    const scanned = part === undefined ? undefined : big.parts.get(part);
    if (scanned) attachBigSheet(sheet, scanned, { blocks, name: names.forSheet(ws.name) }, leftOut);
    sheets.push(sheet);
  }

  for (const s of xml.sheets) {
    if (s.charts) leftOut.add('Charts', s.name);
    if (s.pivots) leftOut.add('Pivot tables', s.name);
  }
  const chartSheets = xml.sheets.filter((s) => s.chart).map((s) => s.name);
  if (chartSheets.length) leftOut.say(`The chart sheet${chartSheets.length > 1 ? 's' : ''} ${listWords(chartSheets)} ${chartSheets.length > 1 ? 'were' : 'was'} not imported.`);
  if (parts.some((p) => p.toLowerCase() === 'xl/vbaproject.bin')) leftOut.say('The macros (VBA) were not imported and never run.');
  if (parts.some((p) => p.startsWith('xl/externalLinks/'))) leftOut.say('Links to other workbooks were not followed: formulas that read them keep their text and compute as errors.');
  if (xml.date1904) leftOut.say("The workbook uses Excel's 1904 date system: its dates were imported as 1900-system serial numbers, so they show 4 years and 1 day earlier than in Excel.");
  for (const n of names.kept) leftOut.say(`The defined name ${n} is a LAMBDA, which Cellar cannot inline: formulas that use it show #NAME?.`);
  return { sheets, leftOut: leftOut.list(), date1904: xml.date1904 };
}

/** Puts the errors Excel saved as #VALUE! with a rich value back as what they are (see rich-errors.ts). */
function realErrors(sheet: ImportedSheet, errors: Map<string, ErrorCode>): void {
  for (const [address, code] of errors) {
    if (sheet.cached?.[address] !== undefined) sheet.cached[address] = { type: 'error', value: code };
    else if (sheet.cells[address] !== undefined) sheet.cells[address] = errorCell(code);
  }
}

/** Puts back the exact `<v>` of the cells exceljs turned into Dates (see raw-cells.ts). */
function exactDates(sheet: ImportedSheet, raw: Map<string, CachedValue>): void {
  for (const [address, v] of raw) {
    if (sheet.cached?.[address] !== undefined) sheet.cached[address] = v;
    else if (v.type === 'number') sheet.cells[address] = numberCell(v.value);
    else if (v.type === 'error') sheet.cells[address] = errorCell(v.value);
  }
}

interface SheetContext {
  block: string;
  date1904: boolean;
  blocks: ReadonlyMap<string, string>;
  name(name: string): string | undefined;
  leftOut: LeftOut;
}

/**
 * One worksheet. A shared formula's cells get the master's text moved by their offset from it; an
 * array formula keeps its text on its top-left cell, and the rest of its range keeps the values
 * Excel saved there (plain values, so other formulas read what Excel showed).
 */
function readSheet(ws: ExcelJS.Worksheet, ctx: SheetContext): { sheet: ImportedSheet; dated: Set<string> } {
  const cells: Record<string, string> = {};
  const formats: Record<string, string> = {};
  const cached: Record<string, CachedValue> = {};
  const masters = new Map<string, { text: string; row: number; col: number }>();
  const rewrite = { blocks: ctx.blocks, name: ctx.name };
  let links = false;
  const dated = new Set<string>();
  const spills: Area[] = [];
  const master = (address: string) => {
    let m = masters.get(address);
    if (!m) {
      const model = ws.getCell(address).model as unknown as CellModel;
      m = { text: model.formula ?? '', ...position(address) };
      masters.set(address, m);
    }
    return m;
  };
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const m = cell.model as unknown as CellModel;
      if (m.comment !== undefined || cell.note !== undefined) ctx.leftOut.add('Comments', ws.name);
      if (m.type === ValueType.Merge) return;
      if (m.style?.numFmt && m.style.numFmt !== 'General') formats[m.address] = m.style.numFmt;
      if (m.type === ValueType.Formula) {
        let text: string;
        if (m.sharedFormula !== undefined) {
          const from = master(m.sharedFormula);
          const at = position(m.address);
          text = rewriteFormula(from.text, rewrite, at.row - from.row, at.col - from.col);
        } else text = rewriteFormula(m.formula ?? '', rewrite);
        const array = m.shareType === 'array';
        if (array && m.ref) spills.push(area(m.ref));
        // A plain formula computes as Excel computed it before dynamic arrays: `@` where a range gives one value.
        cells[m.address] = array ? `=${text}` : legacyFormula(`=${text}`);
        cached[m.address] = cachedOf(m.result, ctx.date1904);
        if (m.result instanceof Date) dated.add(m.address);
        return;
      }
      // The values Excel saved where an array formula spilled: the formula computes them again (as constants they would block it).
      if (inSpill(spills, m.address)) return;
      if (m.type === ValueType.Hyperlink) links = true;
      if (m.value instanceof Date) dated.add(m.address);
      const value = m.type === ValueType.Hyperlink ? m.text : m.value;
      const text = valueCell(value as Parameters<typeof valueCell>[0], ctx.date1904);
      if (text !== undefined) cells[m.address] = text;
    }),
  );
  if (links) ctx.leftOut.add('Hyperlinks (their text was kept)', ws.name);
  const loaded = ws as unknown as LoadedParts;
  if (loaded.conditionalFormattings?.length) ctx.leftOut.add('Conditional formats', ws.name);
  if (Object.keys(loaded.dataValidations?.model ?? {}).length) ctx.leftOut.add('Data validation rules', ws.name);
  if (ws.getImages().length) ctx.leftOut.add('Images', ws.name);
  const widths: Record<string, number> = {};
  for (const col of ws.columns ?? []) if (col.width !== undefined && col.letter) widths[col.letter] = col.width;
  const merges = mergesOf(ws);
  const freeze = frozenPanes(ws.views);
  const styles = sheetStyles(ws);
  const sheet: ImportedSheet = {
    name: ws.name,
    block: ctx.block,
    cells,
    ...(Object.keys(formats).length ? { formats } : {}),
    ...(Object.keys(widths).length ? { widths } : {}),
    ...(merges.length ? { merges } : {}),
    ...(freeze ? { freeze } : {}),
    ...(Object.keys(styles).length ? { styles } : {}),
    ...(Object.keys(cached).length ? { cached } : {}),
  };
  return { sheet, dated };
}
