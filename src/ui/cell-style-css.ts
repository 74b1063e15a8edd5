import type { CSSProperties } from 'react';
import type { CellStyle } from '../workbook/cell-style';

/** A sheet cell's inline style: its width when not the default, and its bold, italic, fill and alignment. */
export function cellCss(style: CellStyle | undefined, width: number | undefined): CSSProperties | undefined {
  if (!style && width === undefined) return undefined;
  return {
    ...(width !== undefined ? { width } : {}),
    ...(style?.bold ? { fontWeight: 700 } : {}),
    ...(style?.italic ? { fontStyle: 'italic' } : {}),
    ...(style?.fill ? { background: `#${style.fill}` } : {}),
    ...(style?.align ? { textAlign: style.align } : {}),
  };
}
