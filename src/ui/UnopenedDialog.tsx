import { useWorkbook } from '../state';

/** Asks about a workbook that did not finish opening on the last visit, instead of opening it again by itself. */
export function UnopenedDialog() {
  const unopened = useWorkbook((s) => s.unopened);
  const resolve = useWorkbook((s) => s.resolveUnopened);
  if (!unopened) return null;
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="unopened-title" data-testid="unopened-dialog">
        <h2 id="unopened-title">“{unopened.title}” did not finish opening</h2>
        <p>
          The last time this workbook was opened, the page stopped before it was ready (it froze or crashed). So it was not opened again by itself: you are in a new workbook, and
          nothing of it was changed.
        </p>
        <div className="dialog-actions">
          <button type="button" data-testid="unopened-delete" onClick={() => void resolve(false)}>
            Delete it
          </button>
          <button type="button" className="primary" data-testid="unopened-open" onClick={() => void resolve(true)}>
            Open it anyway
          </button>
        </div>
      </div>
    </div>
  );
}
