import type { ReactNode } from 'react';
import { columnLetters } from '../workbook/formula/lexer';
import type { ColumnLayout } from './sheet-geometry';

/**
 * The header row: the select-all corner, the frozen columns' letters (sticky), a gap for the
 * columns scrolled past, and the visible columns' letters. Each letter's right edge is a grip to
 * drag (resize) or double-click (autofit) when `resizable`.
 */
export function SheetColumnHeads({ layout, first, last, frozen, selLeft, selRight, headW, resizable }: {
  layout: ColumnLayout;
  first: number;
  last: number;
  frozen: number;
  selLeft: number;
  selRight: number;
  headW: number;
  resizable: boolean;
}) {
  const head = (c: number, sticky: boolean): ReactNode => (
    <div
      key={c}
      className={`sheet-colhead${c >= selLeft && c <= selRight ? ' on' : ''}${sticky ? ' pinned' : ''}${sticky && c === frozen - 1 ? ' pin-edge' : ''}`}
      role="columnheader"
      data-col={c}
      style={{ width: layout.width(c), ...(sticky ? { left: headW + layout.left(c) } : {}) }}
    >
      {columnLetters(c)}
      {resizable && <div className="sheet-col-grip" data-grip={c} data-testid="sheet-col-grip" title="Drag to resize; double-click to fit the contents" />}
    </div>
  );
  const heads: ReactNode[] = [];
  for (let c = 0; c < frozen; c++) heads.push(head(c, true));
  heads.push(<div key="gap" className="sheet-gap" style={{ width: layout.left(first) - layout.left(frozen) }} />);
  for (let c = first; c <= last; c++) heads.push(head(c, false));
  return (
    <div className="sheet-colheads" role="row">
      <div className="sheet-corner" data-corner="" title="Select all" />
      {heads}
    </div>
  );
}
