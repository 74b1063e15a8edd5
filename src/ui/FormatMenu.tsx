import { useState } from 'react';
import { useLocale } from '../state';
import { FORMAT_PRESETS, formatCodeProblem, LOCALES } from '../workbook/format';
import { usePopover } from './usePopover';

/**
 * The sheet's Format menu: number, currency, percent, date, time, General or a custom Excel code
 * for the selected cells, and the locale numbers are typed and shown in.
 */
export function FormatMenu({ current, onFormat }: { current: string | undefined; onFormat?(code: string | null): void }) {
  const { open, setOpen, ref } = usePopover();
  const [custom, setCustom] = useState('');
  const [problem, setProblem] = useState<string>();
  const locale = useLocale((s) => s.locale);
  const setLocale = useLocale((s) => s.setLocale);
  const apply = (code: string | null) => {
    onFormat?.(code);
    setOpen(false);
  };
  const applyCustom = () => {
    const why = formatCodeProblem(custom);
    setProblem(why);
    if (!why) apply(custom.trim());
  };
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="sheet-tool"
        data-testid="format-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!onFormat}
        title={onFormat ? `Number format of the selected cells${current ? ` (now ${current})` : ''}` : 'Number formats are not available in this build'}
        onMouseDown={(e) => e.preventDefault() /* keep the grid's focus and selection */}
        onClick={() => {
          setCustom(current ?? '');
          setProblem(undefined);
          setOpen(!open);
        }}
      >
        Format
      </button>
      {open && (
        <div className="menu format-menu" role="menu" aria-label="Number format">
          {FORMAT_PRESETS.map((p) => (
            <button key={p.id} type="button" role="menuitem" data-testid={`format-${p.id}`} aria-checked={(current ?? 'General') === p.code} onClick={() => apply(p.id === 'general' ? null : p.code)}>
              {p.label}
            </button>
          ))}
          <label className="format-custom">
            Custom code
            <input
              data-testid="format-custom"
              value={custom}
              placeholder="#,##0.00;[Red]-#,##0.00"
              spellCheck={false}
              onChange={(e) => setCustom(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && applyCustom()}
            />
          </label>
          <button type="button" data-testid="format-custom-apply" onClick={applyCustom}>
            Apply custom code
          </button>
          {problem && (
            <p className="block-error" data-testid="format-error">
              {problem}
            </p>
          )}
          <label className="format-custom">
            Typing and showing numbers
            <select data-testid="format-locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
              {LOCALES.map((l) => (
                <option key={l.tag} value={l.tag}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}
