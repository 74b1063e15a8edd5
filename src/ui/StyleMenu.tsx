import type { CellAlign, CellStyle } from '../workbook/cell-style';
import { usePopover } from './usePopover';
import './style-menu.css';

/** Light fills that keep black text readable, as Excel's most used ones. */
export const FILL_SWATCHES: readonly { rgb: string; label: string }[] = [
  { rgb: 'FFFF00', label: 'Yellow' },
  { rgb: 'FFC7CE', label: 'Light red' },
  { rgb: 'FCE4D6', label: 'Light orange' },
  { rgb: 'C6EFCE', label: 'Light green' },
  { rgb: 'BDD7EE', label: 'Light blue' },
  { rgb: 'D9D2E9', label: 'Light purple' },
  { rgb: 'E7E6E6', label: 'Grey' },
];

const ALIGNS: readonly { align: CellAlign; label: string; icon: string }[] = [
  { align: 'left', label: 'Align left', icon: '⇤' },
  { align: 'center', label: 'Center', icon: '↔' },
  { align: 'right', label: 'Align right', icon: '⇥' },
];

/** A change to the selected cells' styles: the fields to set, a field set to undefined cleared. */
export type StylePatch = { [K in keyof CellStyle]?: CellStyle[K] | undefined };

/**
 * Bold, italic, fill and alignment for the selected cells. B and I toggle as Excel's do: from the
 * active cell (bold there unbolds the whole selection); an alignment pressed again goes back to
 * the cell's own (numbers right, text left).
 */
export function StyleMenu({ current, onStyle }: { current: CellStyle | undefined; onStyle?(patch: StylePatch): void }) {
  const { open, setOpen, ref } = usePopover();
  const keep = (e: { preventDefault(): void }) => e.preventDefault(); // keep the grid's focus and selection
  const fill = (rgb: string | undefined) => {
    onStyle?.({ fill: rgb });
    setOpen(false);
  };
  return (
    <div className="style-menu" role="group" aria-label="Cell style">
      <button type="button" className="sheet-tool style-tool" data-testid="style-bold" aria-pressed={!!current?.bold} disabled={!onStyle} title="Bold (Ctrl+B)" onMouseDown={keep} onClick={() => onStyle?.({ bold: current?.bold ? undefined : true })}>
        <b>B</b>
      </button>
      <button type="button" className="sheet-tool style-tool" data-testid="style-italic" aria-pressed={!!current?.italic} disabled={!onStyle} title="Italic (Ctrl+I)" onMouseDown={keep} onClick={() => onStyle?.({ italic: current?.italic ? undefined : true })}>
        <i>I</i>
      </button>
      <div className="menu-anchor" ref={ref}>
        <button type="button" className="sheet-tool style-tool" data-testid="style-fill" aria-haspopup="menu" aria-expanded={open} disabled={!onStyle} title="Fill colour" onMouseDown={keep} onClick={() => setOpen(!open)}>
          <span className="style-fill-icon" style={{ background: current?.fill ? `#${current.fill}` : undefined }} />
        </button>
        {open && (
          <div className="menu style-fill-menu" role="menu" aria-label="Fill colour">
            <div className="style-swatches">
              {FILL_SWATCHES.map((s) => (
                <button key={s.rgb} type="button" role="menuitemradio" aria-checked={current?.fill === s.rgb} className="style-swatch" data-testid={`style-fill-${s.rgb}`} title={s.label} aria-label={s.label} style={{ background: `#${s.rgb}` }} onMouseDown={keep} onClick={() => fill(s.rgb)} />
              ))}
            </div>
            <button type="button" role="menuitem" data-testid="style-fill-none" onMouseDown={keep} onClick={() => fill(undefined)}>
              No fill
            </button>
          </div>
        )}
      </div>
      {ALIGNS.map((a) => (
        <button
          key={a.align}
          type="button"
          className="sheet-tool style-tool"
          data-testid={`style-align-${a.align}`}
          aria-pressed={current?.align === a.align}
          disabled={!onStyle}
          title={a.label}
          aria-label={a.label}
          onMouseDown={keep}
          onClick={() => onStyle?.({ align: current?.align === a.align ? undefined : a.align })}
        >
          {a.icon}
        </button>
      ))}
    </div>
  );
}
