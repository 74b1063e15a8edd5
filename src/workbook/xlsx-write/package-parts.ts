import { columnLetters } from '../formula';
import { escapeXml, XML_HEAD } from './xml';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The path of the n-th worksheet part (1-based). */
export function worksheetPath(n: number): string {
  return `xl/worksheets/sheet${n}.xml`;
}

/** [Content_Types].xml for a workbook of `count` worksheets. */
export function contentTypesXml(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) => `<Override PartName="/${worksheetPath(i + 1)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets +
    '</Types>'
  );
}

/** _rels/.rels: the package's one relationship, to the workbook. */
export function rootRelsXml(): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
}

/** xl/_rels/workbook.xml.rels: the worksheets as rId1…rIdN, then the styles. */
export function workbookRelsXml(count: number): string {
  const sheets = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${sheets}<Relationship Id="rId${count + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
}

/** xl/workbook.xml: the worksheets in order, and the defined names (name → formula text without `=`). */
export function workbookXml(sheets: readonly string[], names: ReadonlyMap<string, string>): string {
  const list = sheets.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const defined = [...names].map(([name, formula]) => `<definedName name="${escapeXml(name)}">${escapeXml(formula)}</definedName>`).join('');
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (defined ? `<definedNames>${defined}</definedNames>` : '') +
    // No fullCalcOnLoad: LibreOffice would then recompute on open and show its values, not Cellar's.
    '<calcPr calcId="191029"/>' +
    '</workbook>'
  );
}

/** The start of a worksheet part, up to and including `<sheetData>`. */
export function worksheetHead(options: { cols?: string; frozenTopRow?: boolean; freeze?: { rows: number; cols: number } }): string {
  const pane = frozenPane(options.frozenTopRow ? { rows: 1, cols: 0 } : options.freeze);
  const view = pane ? `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  return `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${view}<sheetFormatPr defaultRowHeight="15"/>${options.cols ?? ''}<sheetData>`;
}

/** The end of a worksheet part, from `</sheetData>`, with its merged ranges. */
export function worksheetTail(merges: readonly string[] = []): string {
  const merged = merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join('')}</mergeCells>` : '';
  return `</sheetData>${merged}</worksheet>`;
}

/** Excel's frozen pane: the split after `rows` rows and `cols` columns, the first scrolling cell, and the pane that holds it. */
function frozenPane(freeze: { rows: number; cols: number } | undefined): string | undefined {
  const rows = Math.max(0, Math.floor(freeze?.rows ?? 0));
  const cols = Math.max(0, Math.floor(freeze?.cols ?? 0));
  if (rows === 0 && cols === 0) return undefined;
  const active = rows && cols ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  const split = `${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''}`;
  return `<pane${split} topLeftCell="${columnLetters(cols)}${rows + 1}" activePane="${active}" state="frozen"/>`;
}
