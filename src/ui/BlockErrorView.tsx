import { useWorkbook, type BlockError } from '../state';

/** The host a blocked fetch names (network-guard.ts words it). */
const blockedHost = (message: string) => /: (\S+) is not among the hosts this workbook may read from/.exec(message)?.[1];

/** A failure, in words, on the block that failed. */
export function BlockErrorView({ error, onReadLeniently }: { error: BlockError; onReadLeniently?(): void }) {
  return (
    <div className="block-error" role="alert" data-testid="block-error" data-error-kind={error.kind}>
      <pre>{error.message}</pre>
      <AllowHost message={error.message} />
      {error.canReadLeniently && onReadLeniently && (
        <button type="button" data-testid="read-leniently" onClick={onReadLeniently}>
          Read leniently (skip lines DuckDB cannot parse)
        </button>
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
