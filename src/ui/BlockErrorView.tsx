import type { ReadFix, ReadOptions } from '../engine';
import { useWorkbook, type BlockError } from '../state';

/** The host a blocked fetch names (network-guard.ts words it). */
const blockedHost = (message: string) => /: (\S+) is not among the hosts this workbook may read from/.exec(message)?.[1];

const LENIENT: ReadFix = { id: 'read-leniently', label: 'Read leniently (skip lines DuckDB cannot parse)', options: { lenient: true } };

/** A failure, in words, on the block that failed; for a file, the reads that may work instead. */
export function BlockErrorView({ error, onFix }: { error: BlockError; onFix?(options: ReadOptions): void }) {
  // Errors that carry no fixes of their own (a server's) still offer the lenient read they may take.
  const fixes = error.fixes ?? (error.canReadLeniently ? [LENIENT] : []);
  return (
    <div className="block-error" role="alert" data-testid="block-error" data-error-kind={error.kind}>
      <pre>{error.message}</pre>
      <AllowHost message={error.message} />
      {error.kind === 'consent' && <ReviewServer />}
      {onFix && fixes.length > 0 && (
        <div className="block-fixes" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {fixes.map((fix) => (
            <button key={fix.id} type="button" data-testid={fix.id} onClick={() => onFix(fix.options)}>
              {fix.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** For a fetch a workbook from a link was not allowed to make: allow that host. */
function AllowHost({ message }: { message: string }) {
  const allowHost = useWorkbook((s) => s.allowHost);
  const host = blockedHost(message);
  if (!host) return null;
  return (
    <button type="button" data-testid="allow-host" onClick={() => void allowHost(host)}>
      Allow {host} for this workbook
    </button>
  );
}

/** For a block of a workbook from a link that asks for a server it was not allowed to use. */
function ReviewServer() {
  const reviewServer = useWorkbook((s) => s.reviewServer);
  return (
    <button type="button" data-testid="review-server" onClick={() => reviewServer()}>
      Review what it would do on the server
    </button>
  );
}
