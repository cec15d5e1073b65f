/**
 * One-click reset of a connector: confirm (offering to quit Codex), result with Undo.
 */
import { useCallback, type ReactElement } from 'react';
import type { Connector, ResetResult, RestoreResult } from '../../shared/schemas';
import { call } from '../hooks/api';
import { useCodexState } from '../hooks/useCodexState';
import { useGuardedAction, type RunMode } from '../hooks/useGuardedAction';
import { resetVerb } from '../lib/model';
import { cleanText, plural } from '../lib/text';
import { CodexChoice, ConfirmActions, FailureNotice, FileList, RelaunchButton, Working } from './ActionParts';
import { Dialog } from './Dialog';

/** Props of the reset dialog. */
export interface ResetDialogProps {
  connector: Connector;
  account: string;
  onClose: () => void;
  /** Called after the reset (and after an undo) so the popup rescans and records the watch. */
  onReset: (r: ResetResult) => void;
  onUndone: (r: RestoreResult) => void;
}

/** Confirm → working → result (Undo) → undone. */
export function ResetDialog({ connector: c, account, onClose, onReset, onUndone }: ResetDialogProps): ReactElement {
  const name = cleanText(c.name, 40) || c.id;
  const verb = resetVerb(c);
  const codex = useCodexState();
  const reset = useGuardedAction<ResetResult>((force) =>
    call('resetConnector', { connectorId: c.id, identity: c.identity, ...(force ? { force } : {}) }),
  );
  const done = reset.stage.kind === 'done' ? reset.stage : null;
  const undo = useGuardedAction<RestoreResult>((force) =>
    call('restoreSnapshot', { id: done?.result.snapshot.id ?? '', ...(force ? { force } : {}) }),
  );
  const runReset = useCallback(async (m: RunMode) => {
    const r = await reset.run(m);
    if (r) onReset(r);
  }, [reset, onReset]);
  const runUndo = useCallback(async (m: RunMode) => {
    const r = await undo.run(m);
    if (r) onUndone(r);
  }, [undo, onUndone]);
  const busy = reset.stage.kind === 'working' || undo.stage.kind === 'working';
  const title = done ? (undo.stage.kind === 'done' ? 'Reset undone' : `${name}: cache reset`) : `${verb} ${name}?`;

  return (
    <Dialog title={title} busy={busy} onClose={onClose} testId="reset-dialog">
      {reset.stage.kind === 'idle' && (
        <>
          <p data-testid="reset-sentence">
            Relink backs up the connector caches of {account} and moves them aside, so Codex fetches a fresh {name} link when it
            next starts.
          </p>
          <p className="muted">Other connectors of this account reload too. You can undo this.</p>
          {codex?.running ? (
            <CodexChoice verb={verb} onQuit={() => void runReset('quit-first')} onForce={() => void runReset('force')} onCancel={onClose} />
          ) : (
            <ConfirmActions label={verb} onConfirm={() => void runReset('normal')} onCancel={onClose} />
          )}
        </>
      )}
      {reset.stage.kind === 'working' && <Working text="Backing up and moving the cache files…" />}
      {reset.stage.kind === 'codex-running' && (
        <CodexChoice verb={verb} message={reset.stage.message} onQuit={() => void runReset('quit-first')} onForce={() => void runReset('force')} onCancel={onClose} />
      )}
      {reset.stage.kind === 'failed' && (
        <FailureNotice action="reset" failure={reset.stage.failure} onRetry={() => void runReset('normal')} onClose={onClose} />
      )}
      {done && undo.stage.kind === 'idle' && <ResetDone result={done.result} quitCodex={done.quitCodex} onUndo={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'working' && <Working text="Putting the files back…" />}
      {undo.stage.kind === 'codex-running' && (
        <CodexChoice verb="Undo" message={undo.stage.message} onQuit={() => void runUndo('quit-first')} onForce={() => void runUndo('force')} onCancel={onClose} />
      )}
      {undo.stage.kind === 'failed' && <FailureNotice action="undo" failure={undo.stage.failure} onRetry={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'done' && (
        <div className="stack" data-testid="undo-done">
          <p>{plural(undo.stage.result.written.length, 'file')} put back: the cache is as it was before the reset.</p>
          <div className="dialog-actions">
            <button type="button" className="button button--primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function ResetDone(p: { result: ResetResult; quitCodex: boolean; onUndo: () => void; onClose: () => void }): ReactElement {
  const r = p.result;
  return (
    <div className="stack" data-testid="reset-done">
      <p>
        Moved {plural(r.moved.length, 'file')} aside. Backup <code data-testid="snapshot-id">{r.snapshot.id}</code> holds them.
      </p>
      <FileList files={r.moved} testId="moved-files" />
      {r.skipped.length > 0 && (
        <p className="muted">
          Left alone: {r.skipped.map((s) => `${cleanText(s.path.split('/').pop(), 24)} (${cleanText(s.reason, 60)})`).join(', ')}
        </p>
      )}
      <p className={r.codexRunning ? 'notice notice--attention notice-text' : 'notice notice-text'} data-testid="next-step">
        {r.codexRunning
          ? 'Codex is still running: the reset takes effect when it restarts. Quit and reopen Codex.'
          : p.quitCodex
            ? 'Next: relaunch Codex. It rebuilds the cache, and Relink shows here whether the link changed.'
            : 'Next: start Codex or open a new chat. It rebuilds the cache, and Relink shows here whether the link changed.'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button--primary" onClick={p.onClose} autoFocus>
          Done
        </button>
        {p.quitCodex && <RelaunchButton />}
        <button type="button" className="button" onClick={p.onUndo}>
          Undo
        </button>
      </div>
    </div>
  );
}
