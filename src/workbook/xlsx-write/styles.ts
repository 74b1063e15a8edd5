import { readCellStyle, styleKey, type CellStyle } from '../cell-style';
import { escapeXml, XML_HEAD } from './xml';

/** Custom number formats are numbered from 164 on (0-163 are Excel's built-in ones). */
const FIRST_CUSTOM = 164;
/** Fills 0 and 1 are reserved by Excel (none, gray125): solid fills come after. */
const FIRST_FILL = 2;

/** The formats a date or a date-time is shown with when the cell has none of its own. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const TIME_FORMAT = 'hh:mm:ss';

/** The file's cell styles (cellXfs): one per number format and cell style used together, index 0 being General and plain. */
export interface StyleTable {
  /** The style index (`s="…"`) of a number format with a cell style; 0 for General and plain. */
  styleOf(format: string | undefined, style?: CellStyle): number;
  /** xl/styles.xml with every combination asked for so far. */
  xml(): string;
}

interface Xf {
  numFmt: number;
  font: number;
  fill: number;
  align?: CellStyle['align'];
}

/** An index per distinct key, in the order first asked for, from `first` on. */
function indexer(first: number) {
  const keys: string[] = [];
  const at = new Map<string, number>();
  return {
    keys,
    of(key: string): number {
      let i = at.get(key);
      if (i === undefined) {
        keys.push(key);
        i = first + keys.length - 1;
        at.set(key, i);
      }
      return i;
    },
  };
}

export function createStyleTable(): StyleTable {
  const formats = indexer(FIRST_CUSTOM);
  const fonts = indexer(1); // font 0 is the default; keys 'b', 'i', 'bi'
  const fills = indexer(FIRST_FILL); // keys are RRGGBB
  const xfKeys = indexer(1);
  const xfs: Xf[] = [];
  return {
    styleOf(format, raw) {
      const plainFormat = format === undefined || format === '' || format.toLowerCase() === 'general';
      // Checked again here: the hex goes into the XML as it is.
      const style = raw && readCellStyle(raw);
      if (plainFormat && !style) return 0;
      const key = `${plainFormat ? '' : format}\u0000${styleKey(style)}`;
      const before = xfKeys.keys.length;
      const index = xfKeys.of(key);
      if (xfKeys.keys.length > before) {
        const fontKey = `${style?.bold ? 'b' : ''}${style?.italic ? 'i' : ''}`;
        xfs.push({
          numFmt: plainFormat ? 0 : formats.of(format!),
          font: fontKey ? fonts.of(fontKey) : 0,
          fill: style?.fill ? fills.of(style.fill) : 0,
          ...(style?.align ? { align: style.align } : {}),
        });
      }
      return index;
    },
    xml() {
      const numFmts = formats.keys.map((code, i) => `<numFmt numFmtId="${FIRST_CUSTOM + i}" formatCode="${escapeXml(code)}"/>`).join('');
      const fontXml = ['', ...fonts.keys].map((k) => `<font>${k.includes('b') ? '<b/>' : ''}${k.includes('i') ? '<i/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`).join('');
      const fillXml =
        '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
        fills.keys.map((rgb) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`).join('');
      const xfXml = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'].concat(xfs.map(xfOf)).join('');
      return (
        XML_HEAD +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        (formats.keys.length ? `<numFmts count="${formats.keys.length}">${numFmts}</numFmts>` : '') +
        `<fonts count="${fonts.keys.length + 1}">${fontXml}</fonts>` +
        `<fills count="${fills.keys.length + FIRST_FILL}">${fillXml}</fills>` +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        `<cellXfs count="${xfs.length + 1}">${xfXml}</cellXfs>` +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>'
      );
    },
  };
}

/** One `<xf>` of cellXfs, saying which of its parts apply (Excel ignores those that do not say so). */
function xfOf(x: Xf): string {
  const applies = `${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.fill ? ' applyFill="1"' : ''}${x.align ? ' applyAlignment="1"' : ''}`;
  const head = `<xf numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="0" xfId="0"${applies}`;
  return x.align ? `${head}><alignment horizontal="${x.align}"/></xf>` : `${head}/>`;
}
