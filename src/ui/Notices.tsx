import { useWorkbook } from '../state';

/** Messages about input that never became a block, such as an unsupported file type: a fixed stack, always in view. */
export function Notices() {
  const notices = useWorkbook((s) => s.notices);
  const dismiss = useWorkbook((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.length > 1 && (
        <button type="button" className="small notices-all" data-testid="dismiss-all-notices" onClick={() => notices.forEach((n) => dismiss(n.id))}>
          Dismiss all
        </button>
      )}
      {notices.map((n) => (
        <div key={n.id} className={`notice${n.tone === 'info' ? ' notice-info' : ''}`} role={n.tone === 'info' ? 'status' : 'alert'} data-testid="notice">
          <span>{n.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
