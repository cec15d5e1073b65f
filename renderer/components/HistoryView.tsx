/** The history list: snapshots newest first with what they hold and how they differ from now. */
import type { ReactElement } from 'react';
import type { LinkChange } from '../../shared/evidence';
import type { Failure, Snapshot, SnapshotDiff } from '../../shared/schemas';
import { describeFailure } from '../lib/failure';
import { diffSummary, heldLinks, linkChangeText, snapshotTitle } from '../lib/history';
import { cleanText, plural } from '../lib/text';
import { formatFull, formatTime } from '../lib/time';
import { useRovingFocus } from '../hooks/useRovingFocus';
import { EmptyState } from './EmptyState';
import { LabelEditor } from './LabelEditor';

/** Props of the history view. */
export interface HistoryViewProps {
  list: Snapshot[] | null;
  failure: Failure | null;
  diffs: Record<string, SnapshotDiff | Failure>;
  reference: string | undefined;
  onRestore: (s: Snapshot) => void;
  onLabel: (s: Snapshot) => void;
  onRetry: () => void;
  /** Link drift on record, newest first; null hides the section. */
  linkChanges: LinkChange[] | null;
}

/** Backups, then the link changes Relink has seen. */
export function HistoryView(p: HistoryViewProps): ReactElement {
  return (
    <div className="view">
      <BackupList {...p} />
      {p.linkChanges && p.linkChanges.length > 0 && (
        <section aria-labelledby="link-changes-title" data-testid="link-changes">
          <h2 className="group-title" id="link-changes-title">
            Link changes
          </h2>
          <ul className="rows changes">
            {p.linkChanges.slice(0, 20).map((c) => (
              <li key={`${c.at}/${c.identity}/${c.connectorId}`} className="row" data-testid="link-change">
                <span className="row-main">
                  <span className="row-name">{cleanText(c.name, 40)}</span> <code className="link-id">{linkChangeText(c)}</code>
                </span>
                <time className="snap-time" dateTime={c.at} title={formatFull(c.at)}>
                  {formatTime(c.at, p.reference)}
                </time>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Newest first; Enter on a focused row opens its restore preview. */
function BackupList(p: HistoryViewProps): ReactElement {
  const { ref, onKeyDown } = useRovingFocus<HTMLUListElement>(p.list);
  if (p.failure && !p.list) {
    const t = describeFailure('restore', p.failure);
    return (
      <EmptyState title="Backups cannot be listed" testId="history-error" actions={<button type="button" className="button" onClick={p.onRetry}>Try again</button>}>
        <p>{p.failure.message}</p>
        <p className="muted">{t.next}</p>
      </EmptyState>
    );
  }
  if (!p.list) return <p className="working">Loading backups…</p>;
  if (p.list.length === 0) {
    return (
      <EmptyState title="No backups yet" testId="no-backups">
        <p>Relink takes a backup before every reset or restore. They appear here, newest first.</p>
      </EmptyState>
    );
  }
  return (
    <ul className="rows" ref={ref} onKeyDown={onKeyDown} aria-label="Backups, newest first">
      {p.list.map((s) => {
        const d = p.diffs[s.id];
        const held = heldLinks(s);
        const title = snapshotTitle(s);
        return (
          <li
            key={s.id}
            className="row snap"
            data-roving=""
            tabIndex={-1}
            data-testid="snapshot-row"
            data-snapshot-id={s.id}
            aria-label={`${title}, ${formatTime(s.createdAt, p.reference)}`}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.target === e.currentTarget) {
                e.preventDefault();
                p.onRestore(s);
              }
            }}
          >
            <div className="row-main">
              <div className="row-title">
                <span className="row-name">{title}</span>
                <time className="snap-time" dateTime={s.createdAt} title={formatFull(s.createdAt)}>
                  {formatTime(s.createdAt, p.reference)}
                </time>
              </div>
              <LabelEditor snapshot={s} onSaved={p.onLabel} />
              <div className="row-meta">
                {held.length === 0 && <span className="meta-item">{plural(s.files.length, 'file')}, no links</span>}
                {held.map((h) => (
                  <span key={h.key} className="meta-item" data-testid="held-link">
                    {h.name} <code className="link-id">{h.links.join(', ')}</code>
                  </span>
                ))}
              </div>
              <div className="row-meta muted" data-testid="since">
                {d === undefined ? 'Comparing with now…' : 'ok' in d ? 'Cannot compare with now' : diffSummary(d)}
              </div>
            </div>
            <button type="button" className="button row-action" onClick={() => p.onRestore(s)} aria-label={`Restore: ${title}, ${formatTime(s.createdAt, p.reference)}`}>
              Restore
            </button>
          </li>
        );
      })}
    </ul>
  );
}
