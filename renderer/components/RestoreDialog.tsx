/**
 * Restore a snapshot: the diff first, then confirm; the result offers Undo.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { Failure, RestoreResult, Snapshot, SnapshotDiff } from '../../shared/schemas';
import { call } from '../hooks/api';
import { useCodexState } from '../hooks/useCodexState';
import { useGuardedAction, type RunMode } from '../hooks/useGuardedAction';
import { changedConnectors, connectorChangeText, restoreFileCounts, snapshotTitle } from '../lib/history';
import { cleanText, plural } from '../lib/text';
import { formatTime } from '../lib/time';
import { CodexChoice, ConfirmActions, FailureNotice, FileList, NextSteps, RelaunchButton, Working } from './ActionParts';
import { Dialog } from './Dialog';

/** Props of the restore dialog. */
export interface RestoreDialogProps {
  snapshot: Snapshot;
  reference: string | undefined;
  onClose: () => void;
  onChanged: () => void;
}

/** Loads the diff (snapshot → now), shows it in restore direction, restores on confirm. */
export function RestoreDialog({ snapshot: s, reference, onClose, onChanged }: RestoreDialogProps): ReactElement {
  const [diff, setDiff] = useState<SnapshotDiff | Failure | null>(null);
  const codex = useCodexState();
  useEffect(() => {
    let live = true;
    void call('diffSnapshots', { from: s.id, to: 'current' }).then((r) => live && setDiff(r.ok ? r.value : r));
    return () => {
      live = false;
    };
  }, [s.id]);
  const restore = useGuardedAction<RestoreResult>((force) => call('restoreSnapshot', { id: s.id, ...(force ? { force } : {}) }));
  const done = restore.stage.kind === 'done' ? restore.stage.result : null;
  const undo = useGuardedAction<RestoreResult>((force) => call('restoreSnapshot', { id: done?.undo.id ?? '', ...(force ? { force } : {}) }));
  const run = useCallback(async (m: RunMode) => (await restore.run(m)) && onChanged(), [restore, onChanged]);
  const runUndo = useCallback(async (m: RunMode) => (await undo.run(m)) && onChanged(), [undo, onChanged]);
  const busy = restore.stage.kind === 'working' || undo.stage.kind === 'working';
  const when = formatTime(s.createdAt, reference);
  const title = undo.stage.kind === 'done' ? 'Restore undone' : done ? 'Backup restored' : `Restore the backup from ${when}?`;

  return (
    <Dialog title={title} busy={busy} onClose={onClose} testId="restore-dialog">
      {restore.stage.kind === 'idle' && (
        <>
          <p className="muted">{snapshotTitle(s)}{s.label ? ` · ${cleanText(s.label, 60)}` : ''}</p>
          {diff === null && <Working text="Comparing the backup with the cache now…" />}
          {diff && 'ok' in diff && <FailureNotice action="restore" failure={diff} onClose={onClose} />}
          {diff && !('ok' in diff) && <DiffPreview diff={diff} snapshot={s} />}
          {diff && !('ok' in diff) && (codex?.running ? (
            <CodexChoice verb="Restore" onQuit={() => void run('quit-first')} onForce={() => void run('force')} onCancel={onClose} />
          ) : (
            <ConfirmActions label="Restore" onConfirm={() => void run('normal')} onCancel={onClose} />
          ))}
        </>
      )}
      {restore.stage.kind === 'working' && <Working text="Backing up the current files and restoring…" />}
      {restore.stage.kind === 'codex-running' && (
        <CodexChoice verb="Restore" message={restore.stage.message} onQuit={() => void run('quit-first')} onForce={() => void run('force')} onCancel={onClose} />
      )}
      {restore.stage.kind === 'failed' && <FailureNotice action="restore" failure={restore.stage.failure} onRetry={() => void run('normal')} onClose={onClose} />}
      {done && undo.stage.kind === 'idle' && (
        <div className="stack" data-testid="restore-done">
          <p>
            Restored {plural(done.written.length, 'file')} from <code>{done.restoredFrom}</code>. The files it replaced are in backup{' '}
            <code data-testid="undo-snapshot-id">{done.undo.id}</code>.
          </p>
          <FileList files={done.written} testId="written-files" />
          {done.removed.length > 0 && <p className="muted">Moved aside: {plural(done.removed.length, 'file')} that did not exist then.</p>}
          {done.warnings.map((w, i) => (
            <p key={i} className="notice notice--attention notice-text">{cleanText(w, 200)}</p>
          ))}
          <NextSteps steps={done.nextSteps} />
          <div className="dialog-actions">
            <button type="button" className="button button--primary" onClick={onClose} autoFocus>Done</button>
            {restore.stage.kind === 'done' && restore.stage.quitCodex && <RelaunchButton />}
            <button type="button" className="button" onClick={() => void runUndo('normal')}>Undo</button>
          </div>
        </div>
      )}
      {undo.stage.kind === 'working' && <Working text="Putting the previous files back…" />}
      {undo.stage.kind === 'codex-running' && (
        <CodexChoice verb="Undo" message={undo.stage.message} onQuit={() => void runUndo('quit-first')} onForce={() => void runUndo('force')} onCancel={onClose} />
      )}
      {undo.stage.kind === 'failed' && <FailureNotice action="undo" failure={undo.stage.failure} onRetry={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'done' && (
        <div className="stack" data-testid="undo-done">
          <p>The cache is back to how it was before the restore.</p>
          <div className="dialog-actions">
            <button type="button" className="button button--primary" onClick={onClose} autoFocus>Done</button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function DiffPreview({ diff, snapshot }: { diff: SnapshotDiff; snapshot: Snapshot }): ReactElement {
  const changes = changedConnectors(diff);
  const counts = restoreFileCounts(diff, snapshot);
  return (
    <div className="diff stack" data-testid="restore-diff">
      {changes.length === 0 && counts.write === 0 && counts.remove === 0 ? (
        <p>The cache already matches this backup; restoring rewrites the same bytes.</p>
      ) : (
        <>
          <p>
            Writes back {plural(counts.write, 'file')}
            {counts.remove > 0 ? ` and moves ${plural(counts.remove, 'newer file')} aside` : ''}. A backup of the current files is taken first.
          </p>
          {changes.length > 0 && (
            <ul className="diff-list" aria-label="Link changes">
              {changes.map((c) => (
                <li key={`${c.identity}/${c.id}`} data-testid="diff-connector">{connectorChangeText(c, 'restore')}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <p className="muted">Restoring brings back the links this backup holds, stale ones included.</p>
    </div>
  );
}
