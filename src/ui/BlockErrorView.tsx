import type { BlockError } from '../state';

/** A failure, in words, on the block that failed. */
export function BlockErrorView({ error, onReadLeniently }: { error: BlockError; onReadLeniently?(): void }) {
  return (
    <div className="block-error" role="alert" data-testid="block-error" data-error-kind={error.kind}>
      <pre>{error.message}</pre>
      {error.canReadLeniently && onReadLeniently && (
        <button type="button" data-testid="read-leniently" onClick={onReadLeniently}>
          Read leniently (skip lines DuckDB cannot parse)
        </button>
      )}
    </div>
  );
}
