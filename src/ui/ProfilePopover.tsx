import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { messageOf, type ColumnInfo } from '../engine';
import { profileColumn, type ColumnProfile } from '../state';
import { whereClause, type ColumnFilter } from '../workbook';

interface ProfilePopoverProps {
  table: string;
  /** The grid's filters: the profile is of the rows it shows. */
  filters?: Record<string, ColumnFilter>;
  column: ColumnInfo;
  anchor: DOMRect;
  onClose(): void;
}

const fmt = new Intl.NumberFormat('en-US');

/** A column's profile, computed in SQL when opened: nulls, distinct values, range, distribution. */
export function ProfilePopover({ table, filters, column, anchor, onClose }: ProfilePopoverProps) {
  const [profile, setProfile] = useState<ColumnProfile | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    profileColumn(table, column, filters).then(
      (p) => live && setProfile(p),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filters when it opened
  }, [table, column]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const left = Math.min(anchor.left, window.innerWidth - 300);
  return createPortal(
    <div className="popover-backdrop" onMouseDown={onClose}>
      <div
        className="profile"
        data-testid="column-profile"
        style={{ top: anchor.bottom + 6, left: Math.max(8, left) }}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <div className="profile-title">
          <strong>{column.name}</strong> <span className="col-type">{column.type}</span>
        </div>
        {error && <div className="error-text">{error}</div>}
        {!profile && !error && <div className="muted">Profiling…</div>}
        {profile && <ProfileBody profile={profile} filtered={whereClause(filters) !== ''} />}
      </div>
    </div>,
    document.body,
  );
}

function ProfileBody({ profile, filtered }: { profile: ColumnProfile; filtered: boolean }) {
  const pct = profile.total > 0 ? (100 * profile.nulls) / profile.total : 0;
  return (
    <>
      <dl className="profile-stats">
        <dt title={filtered ? 'The rows the grid shows, with its filters' : undefined}>{filtered ? 'Rows shown' : 'Rows'}</dt>
        <dd data-testid="profile-total">{fmt.format(profile.total)}</dd>
        <dt>Nulls</dt>
        <dd data-testid="profile-nulls">
          {fmt.format(profile.nulls)} ({pct.toFixed(1)}%)
        </dd>
        <dt>Distinct</dt>
        <dd data-testid="profile-distinct">{fmt.format(profile.distinct)}</dd>
        <dt>Min</dt>
        <dd data-testid="profile-min">{profile.min ?? '—'}</dd>
        <dt>Max</dt>
        <dd data-testid="profile-max">{profile.max ?? '—'}</dd>
      </dl>
      {profile.histogram && <Histogram bins={profile.histogram} />}
      {profile.topValues && <TopValues values={profile.topValues} total={profile.total} />}
    </>
  );
}

function Histogram({ bins }: { bins: NonNullable<ColumnProfile['histogram']> }) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  return (
    <div className="histogram" data-testid="profile-histogram" aria-label="Histogram">
      {bins.map((b) => (
        <div key={b.bin} className="bar" style={{ height: `${(100 * b.count) / max}%` }} title={fmt.format(b.count)} />
      ))}
    </div>
  );
}

function TopValues({ values, total }: { values: NonNullable<ColumnProfile['topValues']>; total: number }) {
  return (
    <table className="top-values" data-testid="profile-top-values">
      <tbody>
        {values.map((v) => (
          <tr key={v.value ?? '\u0000null'}>
            <td className="value">{v.value ?? <em>null</em>}</td>
            <td className="count">{fmt.format(v.count)}</td>
            <td className="share">
              <div className="share-bar" style={{ width: `${total > 0 ? (100 * v.count) / total : 0}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
