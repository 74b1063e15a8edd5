import { useRef, useState } from 'react';

/** The formula bar's plain editor: shows `value` until typed in; commits on Enter or when it loses focus, Escape puts the text back. */
export function FormulaInput({ value, onCommit, onCancel }: { value: string; onCommit(text: string): void; onCancel(): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  // Read by the blur that follows Enter or Escape, after the draft has been dealt with.
  const draftRef = useRef<string | null>(null);
  const set = (text: string | null) => {
    draftRef.current = text;
    setDraft(text);
  };
  return (
    <input
      className="sheet-formula-input"
      data-testid="sheet-formula-bar"
      aria-label="Formula bar"
      spellCheck={false}
      value={draft ?? value}
      onChange={(e) => set(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== 'Escape') return;
        e.preventDefault();
        const text = draftRef.current ?? value;
        set(null);
        if (e.key === 'Enter') onCommit(text);
        else onCancel();
      }}
      onBlur={() => {
        const text = draftRef.current;
        set(null);
        if (text !== null && text !== value) onCommit(text);
      }}
    />
  );
}
