import { unescapeXml } from './workbook-xml';

/**
 * What a big worksheet's cells refer to outside it, read the way exceljs reads them (the exceljs
 * path and the big-sheet path must give a cell the same text and format): the shared strings, and
 * each cell style's number format code.
 */

/** exceljs's built-in number formats (lib/xlsx/defaultnumformats.js, en-US); other ids have no code. */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** exceljs's utils.isDateFmt: a number in a cell with such a format is a date (kept here as its serial). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's `_x000D_` escapes in string text (exceljs decodes upper-case hex only). */
export function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m === null ? undefined : m[1];
}

/**
 * Joined text of every `<t>` in an `<si>` or `<is>` (rich text runs joined), phonetic runs left
 * out; `_x000D_` escapes decoded where exceljs decodes them (shared strings, rich runs).
 */
export function runText(xml: string, escapes = true): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return escapes ? decodeEscapes(unescapeXml(out)) : unescapeXml(out);
}

/** xl/sharedStrings.xml's strings in order. */
export function parseSharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  for (const m of (xml ?? '').matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(runText(m[1] ?? ''));
  return out;
}

/** xl/styles.xml: for each cell style index (`s=`), its number format code, undefined for none or General. */
export function parseNumberFormats(xml: string | undefined): (string | undefined)[] {
  const custom = new Map<number, string>();
  const text = xml ?? '';
  for (const m of /<numFmts\b[\s\S]*?<\/numFmts>/.exec(text)?.[0].matchAll(/<numFmt\b[^>]*>/g) ?? []) {
    const id = parseInt(attribute(m[0], 'numFmtId') ?? '', 10);
    const code = attribute(m[0], 'formatCode');
    if (code !== undefined) custom.set(id, unescapeXml(code).replace(/[\\](.)/g, '$1'));
  }
  const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(text)?.[0] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = parseInt(attribute(m[0], 'numFmtId') ?? '', 10);
    const code = id ? (custom.get(id) ?? BUILT_IN[id]) : undefined;
    return code === 'General' ? undefined : code;
  });
}
