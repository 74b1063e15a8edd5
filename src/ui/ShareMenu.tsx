import { useState } from 'react';
import { usePopover } from './usePopover';
import { messageOf } from '../engine';
import { useServer, useWorkbook, type ShareResult } from '../state';

const kb = (n: number) => `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;

/** Share: a link that holds the whole workbook, and what it carries of its local files. */
export function ShareMenu() {
  const shareLink = useWorkbook((s) => s.shareLink);
  const publish = useWorkbook((s) => s.publish);
  const canPublish = useServer((s) => s.status === 'connected' && !s.readOnly);
  const { open, setOpen, ref } = usePopover();
  const [result, setResult] = useState<ShareResult | { error: string }>();
  const [published, setPublished] = useState<{ url?: string; progress?: string; error?: string }>();
  const [copied, setCopied] = useState(false);

  const publishNow = async () => {
    setPublished({ progress: 'Publishing…' });
    try {
      const url = await publish((progress) => setPublished({ progress }));
      setPublished({ url });
    } catch (e) {
      setPublished({ error: messageOf(e) });
    }
  };

  const make = async () => {
    setOpen(true);
    setResult(undefined);
    setCopied(false);
    setResult(await shareLink().catch((e: unknown) => ({ error: messageOf(e) })));
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" data-testid="share-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => (open ? setOpen(false) : void make())}>
        Share
      </button>
      {open && (
        <div className="menu share-menu" role="dialog" aria-label="Share this workbook" data-testid="share-dialog">
          {!result && <p className="muted">Making the link…</p>}
          {result && 'error' in result && <p className="block-error">{result.error}</p>}
          {result && 'url' in result && (
            <>
              <label className="share-label" htmlFor="share-link">
                Anyone with this link opens a copy of this workbook:
              </label>
              <div className="share-row">
                <input id="share-link" data-testid="share-link" readOnly value={result.url} onFocus={(e) => e.currentTarget.select()} />
                <button
                  type="button"
                  className="primary"
                  data-testid="share-copy"
                  onClick={() => void navigator.clipboard?.writeText(result.url).then(() => setCopied(true), () => setCopied(false))}
                >
                  {copied ? 'Copied' : 'Copy'}
                </button>
              </div>
              <p className="muted share-facts" data-testid="share-facts">
                {kb(result.bytes)} of compressed data in the link.
                {result.embedded.length > 0 && <> Inside it: {result.embedded.join(', ')}.</>}
                {result.placeholders.length > 0 && <> Too big to carry (the opener drops the same file): {result.placeholders.join(', ')}.</>} Tables from URLs are fetched again by the opener, who is asked first.
              </p>
              {canPublish && (
                <div className="share-publish">
                  <button type="button" className="small" data-testid="publish-button" onClick={() => void publishNow()}>
                    Publish to the server
                  </button>{' '}
                  <span className="muted">uploads the local tables and gives a short link that loads everything from the server (read-only).</span>
                  {published?.progress && <p className="muted">{published.progress}</p>}
                  {published?.error && <p className="block-error">{published.error}</p>}
                  {published?.url && <input data-testid="published-link" readOnly value={published.url} onFocus={(e) => e.currentTarget.select()} />}
                </div>
              )}
              <button type="button" className="small" onClick={() => setOpen(false)}>
                Close
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Before a shared workbook fetches from hosts outside this app, the person sees them and agrees. */
export function LinkConsent() {
  const pending = useWorkbook((s) => s.pendingLink);
  const resolveLink = useWorkbook((s) => s.resolveLink);
  if (!pending) return null;
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="consent-title" data-testid="consent-dialog">
        <h2 id="consent-title">Open “{pending.title}”?</h2>
        <p>This workbook came from a link. To show its data it would fetch from:</p>
        <ul data-testid="consent-hosts">
          {pending.hosts.map((h) => (
            <li key={h}>
              <code>{h}</code>
            </li>
          ))}
        </ul>
        <p className="muted">It opens as a workbook of its own: it cannot read your other workbooks. Nothing is fetched from these hosts unless you allow it.</p>
        <div className="dialog-actions">
          <button type="button" data-testid="consent-deny" onClick={() => void resolveLink(false)}>
            Open without fetching
          </button>
          <button type="button" className="primary" data-testid="consent-allow" onClick={() => void resolveLink(true)}>
            Allow and open
          </button>
        </div>
      </div>
    </div>
  );
}
