import { isDateFormat, runText } from './big-sheet-parts';
import { errorCell, textCell } from './values';
import { unescapeXml } from './workbook-xml';
import { XlsxImportError } from './zip-guard';

/** What a cell scanned so far holds; TEXT and FORMULA keep an index into `texts` / `formulas` in `num`. */
export const NUMBER = 1;
export const TEXT = 2;
export const FORMULA = 3;

/** A formula as the file has it (not yet rewritten): its own text, or the shared master it repeats. */
export interface ScannedFormula {
  text: string;
  /** Where `text` was written; the cell moves it by its offset from here. */
  row: number;
  col: number;
  /** An array formula (`t="array"`): it spills, and keeps array semantics (no @, legacy-formula.ts). */
  array?: boolean;
}

/** What the scanner needs from the rest of the workbook. */
export interface ScanParts {
  strings: readonly string[];
  /** Cell style index → number format code (undefined: General or none). */
  formats: readonly (string | undefined)[];
}

/** What may come before `<sheetData>` (views, columns, properties); past this the part is not a worksheet Cellar reads. */
const MAX_HEAD = 16 * 1024 * 1024;
const HEAD = 0;
const DATA = 1;
const TAIL = 2;
/** After `<c` or `<row`: a space, `>` or `/` (not `<cols`, `<rowBreaks`). */
const endsName = (code: number) => code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
const FORMULA_TAG = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
const INLINE_TAG = /<is\b[^>]*>([\s\S]*?)<\/is>/;

/** Where the last `<c` or `<row` start tag in the text begins; 0 when none. */
function lastStart(s: string): number {
  for (let at = s.lastIndexOf('<'); at > 0; at = s.lastIndexOf('<', at - 1))
    if ((s.charCodeAt(at + 1) === 99 && endsName(s.charCodeAt(at + 2))) || (s.startsWith('<row', at) && endsName(s.charCodeAt(at + 4)))) return at;
  return 0;
}

/** An attribute's value in a start tag's attributes (` r="`), without a regular expression: this runs for every cell. */
function attribute(attributes: string, key: string): string | undefined {
  const at = attributes.indexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  return attributes.slice(start, attributes.indexOf('"', start));
}

/** The text of `<v>…</v>` in a cell's content. */
function valueText(inner: string): string | undefined {
  const open = inner.indexOf('<v');
  if (open < 0) return undefined;
  const start = inner.indexOf('>', open) + 1;
  if (inner[start - 2] === '/') return undefined;
  const end = inner.indexOf('</v>', start);
  return end < 0 ? undefined : inner.slice(start, end);
}

const unescape = (s: string) => (s.includes('&') ? unescapeXml(s) : s);

/** exceljs's utils.xmlDecode, which it runs on `t="str"` text a second time after the XML parser. */
function xmlDecodeAgain(s: string): string {
  return s.includes('&') ? s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c) : s;
}

/**
 * Reads a worksheet's XML piece by piece: the text before `<sheetData>` and after `</sheetData>`
 * is kept (exceljs reads it from an emptied copy of the part: columns, merges, hyperlinks, rules),
 * the cells in between go into flat growable arrays, in file order. A cell gets the text the exceljs
 * path gives it (values.ts): numbers as their `<v>` (dates too: their serial, with their format),
 * text quoted where it would read as something else, booleans TRUE/FALSE, errors `=#N/A`.
 */
export class SheetScan {
  head = '';
  tail = '';
  count = 0;
  rows = 0;
  cols = 0;
  row: Uint32Array = new Uint32Array(1024);
  col: Uint32Array = new Uint32Array(1024);
  kind: Uint8Array = new Uint8Array(1024);
  num: Float64Array = new Float64Array(1024);
  /** Index into formatCodes + 1; 0 none. */
  format: Uint16Array = new Uint16Array(1024);
  readonly formatCodes: string[] = [];
  readonly texts: string[] = [];
  readonly formulas: ScannedFormula[] = [];
  private state = HEAD;
  private pending = '';
  private headPieces: string[] = [];
  private headLength = 0;
  private carry = '';
  private dataFrom = 0;
  private rowAt = -1;
  private colAt = -1;
  private readonly masters = new Map<string, ScannedFormula>();
  /** Array formulas' ranges: the values Excel saved over them are left out, as read.ts does (the formula spills again). */
  private readonly spills: { r0: number; c0: number; r1: number; c1: number }[] = [];
  /** Style index → [format index + 1, is a date format]. */
  private readonly styles = new Map<number, [number, boolean]>();

  constructor(
    private readonly sheet: string,
    private readonly parts: ScanParts,
  ) {}

  push(text: string): void {
    if (this.state === HEAD) {
      // Pieces are kept apart and only the new one is searched (with what may begin a tag cut in
      // two): searching a string grown by += copies all of it every time.
      const piece = this.carry + text;
      const open = piece.indexOf('<sheetData');
      const close = open < 0 ? -1 : piece.indexOf('>', open);
      if (close < 0) {
        const keep = open >= 0 ? open : Math.max(0, piece.length - '<sheetData'.length);
        this.headPieces.push(piece.slice(0, keep));
        this.carry = piece.slice(keep);
        this.headLength += keep;
        if (this.headLength + this.carry.length > MAX_HEAD) throw this.noCells();
        return;
      }
      this.headPieces.push(piece.slice(0, open));
      this.head = this.headPieces.join('');
      this.headPieces = [];
      text = piece.slice(close + 1);
      this.state = piece[close - 1] === '/' ? TAIL : DATA;
    }
    if (this.state === DATA) {
      this.pending += text;
      const end = this.pending.indexOf('</sheetData>', this.dataFrom);
      if (end >= 0) {
        this.cells(this.pending.slice(0, end));
        text = this.pending.slice(end + '</sheetData>'.length);
        this.pending = '';
        this.state = TAIL;
      } else {
        // Everything before the last element that starts is whole: scan it, keep the rest (one cell at most).
        const cut = lastStart(this.pending);
        if (cut > 0) {
          this.cells(this.pending.slice(0, cut));
          this.pending = this.pending.slice(cut);
        }
        this.dataFrom = Math.max(0, this.pending.length - '</sheetData>'.length);
        return;
      }
    }
    this.tail += text;
  }

  /** Checks the part ended as a worksheet does. */
  end(): void {
    if (this.state === HEAD) throw this.noCells();
    if (this.state !== TAIL || !/<\/worksheet>\s*$/.test(this.tail))
      throw new XlsxImportError(
        `The worksheet "${this.sheet}" is damaged: its XML stops ${this.state === TAIL ? 'after its cells' : `in the middle of its cells (after ${this.count.toLocaleString('en-US')} cells)`}. Open the workbook in Excel, let it repair the file, save it and drop it again.`,
      );
  }

  /** A part with no `<sheetData>` (or one under a namespace prefix, `<x:sheetData>`, which exceljs does not read either). */
  private noCells(): XlsxImportError {
    return new XlsxImportError(
      `The worksheet "${this.sheet}" has no cells Cellar can read (no <sheetData> in its XML): it was written by a program other than Excel or is damaged. Open the workbook in Excel, save it as .xlsx and drop it again.`,
    );
  }

  /** Whole `<row>` and `<c>` elements, found with indexOf (a regular expression per cell costs twice as much on 2 million cells). */
  private cells(xml: string): void {
    let at = xml.indexOf('<');
    while (at >= 0) {
      const gt = xml.indexOf('>', at);
      if (gt < 0) return;
      const closed = xml.charCodeAt(gt - 1) === 47;
      if (xml.charCodeAt(at + 1) === 99 && endsName(xml.charCodeAt(at + 2))) {
        const attributes = xml.slice(at + 2, closed ? gt - 1 : gt);
        if (closed) {
          this.cell(attributes, undefined);
          at = xml.indexOf('<', gt);
          continue;
        }
        const end = xml.indexOf('</c>', gt);
        if (end < 0) return;
        this.cell(attributes, xml.slice(gt + 1, end));
        at = xml.indexOf('<', end + 4);
        continue;
      }
      if (xml.startsWith('<row', at) && endsName(xml.charCodeAt(at + 4))) {
        const r = attribute(xml.slice(at + 4, gt), ' r="');
        this.rowAt = r === undefined ? this.rowAt + 1 : Number(r) - 1;
        this.colAt = -1;
      }
      at = xml.indexOf('<', gt);
    }
  }

  private cell(attributes: string, inner: string | undefined): void {
    const ref = attribute(attributes, ' r="');
    const type = attribute(attributes, ' t="') ?? 'n';
    const s = attribute(attributes, ' s="');
    const style = s === undefined ? 0 : parseInt(s, 10);
    let row = this.rowAt;
    let col = this.colAt + 1;
    if (ref !== undefined) {
      let c = 0;
      let i = 0;
      for (; i < ref.length; i++) {
        const code = ref.charCodeAt(i);
        if (code < 65 || code > 90) break;
        c = c * 26 + code - 64;
      }
      col = c - 1;
      row = Number(ref.slice(i)) - 1;
    }
    this.colAt = col;
    if (inner === undefined || inner === '') return;
    const [format, dated] = style ? this.style(style) : [0, false];
    const f = inner.includes('<f') ? FORMULA_TAG.exec(inner) : null;
    if (f && (f[2] || /\st="/.test(f[1]!))) return this.formula(row, col, format, f[1]!, f[2] === undefined ? '' : unescape(f[2]));
    if (this.spills.length && this.spills.some((a) => row >= a.r0 && row <= a.r1 && col >= a.c0 && col <= a.c1)) return;
    let raw: string | undefined;
    if (type === 'inlineStr' && inner.includes('<is')) {
      const is = INLINE_TAG.exec(inner)?.[1] ?? '';
      raw = runText(is, /<r\b/.test(is));
    } else {
      const v = valueText(inner);
      raw = v === undefined ? undefined : unescape(v);
    }
    if (raw === undefined || raw === '') return;
    switch (type) {
      case 's': {
        const s = this.parts.strings[parseInt(raw, 10)];
        if (s) this.text(row, col, format, textCell(s));
        return;
      }
      case 'str': {
        const s = xmlDecodeAgain(raw);
        if (s) this.text(row, col, format, textCell(s));
        return;
      }
      case 'inlineStr':
        return this.text(row, col, format, textCell(raw));
      case 'b':
        return this.text(row, col, format, parseInt(raw, 10) !== 0 ? 'TRUE' : 'FALSE');
      case 'e':
        return this.text(row, col, format, errorCell(raw));
      default: {
        // A dated cell's exact <v> (raw-cells.ts puts it back on the exceljs path); others as exceljs parses them.
        const n = dated && Number.isFinite(Number(raw)) ? Number(raw) : parseFloat(raw);
        const i = this.add(row, col, NUMBER, format);
        this.num[i] = Object.is(n, -0) ? 0 : n;
      }
    }
  }

  /** A shared formula's master registers its text; the cells that share it repeat it, moved (formula-text.ts). */
  private formula(row: number, col: number, format: number, attributes: string, text: string): void {
    const shared = /\st="shared"/.test(attributes);
    const si = shared ? /\ssi="([^"]*)"/.exec(attributes)?.[1] : undefined;
    let formula: ScannedFormula = { text, row, col };
    if (/\st="array"/.test(attributes)) {
      formula.array = true;
      const ref = /\sref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"/.exec(attributes);
      const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      if (ref) this.spills.push({ r0: Number(ref[2]) - 1, c0: column(ref[1]!), r1: Number(ref[4] ?? ref[2]) - 1, c1: column(ref[3] ?? ref[1]!) });
    }
    if (si !== undefined) {
      if (/\sref="/.test(attributes)) this.masters.set(si, formula);
      else formula = this.masters.get(si) ?? formula;
    }
    const i = this.add(row, col, FORMULA, format);
    this.num[i] = this.formulas.length;
    this.formulas.push(formula);
  }

  private text(row: number, col: number, format: number, text: string): void {
    const i = this.add(row, col, TEXT, format);
    this.num[i] = this.texts.length;
    this.texts.push(text);
  }

  private style(s: number): [number, boolean] {
    let known = this.styles.get(s);
    if (!known) {
      const code = this.parts.formats[s];
      let index = code === undefined ? -1 : this.formatCodes.indexOf(code);
      if (code !== undefined && index < 0) index = this.formatCodes.push(code) - 1;
      known = [index + 1, code !== undefined && isDateFormat(code)];
      this.styles.set(s, known);
    }
    return known;
  }

  private add(row: number, col: number, kind: number, format: number): number {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.row[i] = row;
    this.col[i] = col;
    this.kind[i] = kind;
    this.format[i] = format;
    if (row >= this.rows) this.rows = row + 1;
    if (col >= this.cols) this.cols = col + 1;
    return i;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const more = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.row = more(this.row, new Uint32Array(n));
    this.col = more(this.col, new Uint32Array(n));
    this.kind = more(this.kind, new Uint8Array(n));
    this.num = more(this.num, new Float64Array(n));
    this.format = more(this.format, new Uint16Array(n));
  }
}
