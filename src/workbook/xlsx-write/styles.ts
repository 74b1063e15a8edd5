import { escapeXml, XML_HEAD } from './xml';

/** Custom number formats are numbered from 164 on (0-163 are Excel's built-in ones). */
const FIRST_CUSTOM = 164;

/** The formats a date or a date-time is shown with when the cell has none of its own. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const TIME_FORMAT = 'hh:mm:ss';

/** The file's cell styles: one per number format used, index 0 being General. */
export interface StyleTable {
  /** The style index (`s="…"`) of a number format; 0 for none or General. */
  styleOf(format: string | undefined): number;
  /** xl/styles.xml with every format asked for so far. */
  xml(): string;
}

export function createStyleTable(): StyleTable {
  const formats: string[] = [];
  const index = new Map<string, number>();
  return {
    styleOf(format) {
      if (format === undefined || format === '' || format.toLowerCase() === 'general') return 0;
      let at = index.get(format);
      if (at === undefined) {
        formats.push(format);
        at = formats.length;
        index.set(format, at);
      }
      return at;
    },
    xml() {
      const numFmts = formats.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM + i}" formatCode="${escapeXml(code)}"/>`).join('');
      const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        .concat(formats.map((_, i) => `<xf numFmtId="${FIRST_CUSTOM + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`))
        .join('');
      return (
        XML_HEAD +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        (formats.length ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : '') +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        `<cellXfs count="${formats.length + 1}">${xfs}</cellXfs>` +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>'
      );
    },
  };
}
