import { useWorkbook } from '../state';

/** What a workbook from a link would do on the connected server; nothing runs there until the person allows it. */
export function ServerConsent() {
  const pending = useWorkbook((s) => s.pendingServer);
  const resolve = useWorkbook((s) => s.resolveServer);
  if (!pending) return null;
  const { statements, writes, reads } = pending.wants;
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="server-consent-title" data-testid="server-consent">
        <h2 id="server-consent-title">Let this workbook use your server?</h2>
        <p>
          This workbook came from a link, so it runs in your browser. It asks to use the server <code data-testid="server-consent-host">{new URL(pending.url).host}</code> you are
          connected to, with your token:
        </p>
        {statements.length > 0 && (
          <>
            <h3>It would run there</h3>
            <ul data-testid="server-consent-statements" className="consent-list">
              {statements.map((s) => (
                <li key={s.block}>
                  <strong>{s.block}</strong>
                  <pre>{s.sql}</pre>
                </li>
              ))}
            </ul>
          </>
        )}
        {writes.length > 0 && (
          <p data-testid="server-consent-writes">
            It would write these tables there, in this workbook&apos;s own space (never over the server&apos;s other tables): {writes.join(', ')}
          </p>
        )}
        {reads.length > 0 && <p data-testid="server-consent-reads">It would read these server tables: {reads.join(', ')}</p>}
        <div className="dialog-actions">
          <button type="button" data-testid="server-consent-deny" onClick={() => void resolve(false)}>
            Keep it in the browser
          </button>
          <button type="button" className="primary" data-testid="server-consent-allow" onClick={() => void resolve(true)}>
            Allow on this server
          </button>
        </div>
      </div>
    </div>
  );
}
