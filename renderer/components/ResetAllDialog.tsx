/**
 * Reset every cache at once (`relink reset --all`): confirm (offering to quit Codex), result
 * with Undo. Same stages as the per-connector ResetDialog.
 */
import { useCallback, type ReactElement } from 'react';
import type { ResetResult, RestoreResult } from '../../shared/schemas';
import { call } from '../hooks/api';
import { useCodexState } from '../hooks/useCodexState';
import { useGuardedAction, type RunMode } from '../hooks/useGuardedAction';
import { CodexChoice, ConfirmActions, FailureNotice, Working } from './ActionParts';
import { Dialog } from './Dialog';
import { ResetDone, UndoDone } from './ResetDone';

/** Props of the reset-all dialog. */
export interface ResetAllDialogProps {
  onClose: () => void;
  /** Called after the reset and after an undo, so the popup rescans. */
  onChanged: () => void;
}

/** Confirm → working → result (Undo) → undone. */
export function ResetAllDialog({ onClose, onChanged }: ResetAllDialogProps): ReactElement {
  const codex = useCodexState();
  const reset = useGuardedAction<ResetResult>((force) => call('resetAll', force ? { force } : {}));
  const done = reset.stage.kind === 'done' ? reset.stage : null;
  const undo = useGuardedAction<RestoreResult>((force) =>
    call('restoreSnapshot', { id: done?.result.snapshot.id ?? '', ...(force ? { force } : {}) }),
  );
  const runReset = useCallback(async (m: RunMode) => (await reset.run(m)) && onChanged(), [reset, onChanged]);
  const runUndo = useCallback(async (m: RunMode) => (await undo.run(m)) && onChanged(), [undo, onChanged]);
  const busy = reset.stage.kind === 'working' || undo.stage.kind === 'working';
  const title = done ? (undo.stage.kind === 'done' ? 'Reset undone' : 'All caches reset') : 'Reset all caches?';

  return (
    <Dialog title={title} busy={busy} onClose={onClose} testId="reset-all-dialog">
      {reset.stage.kind === 'idle' && (
        <>
          <p data-testid="reset-all-sentence">
            Relink takes a backup first, then moves every connector cache (tools, server info, app directory and plugin catalog) of
            every account aside; Codex rebuilds them after a restart.
          </p>
          <p className="muted">Every connector reloads, not only the broken ones. You can undo this.</p>
          {codex?.running ? (
            <CodexChoice verb="Reset" onQuit={() => void runReset('quit-first')} onForce={() => void runReset('force')} onCancel={onClose} />
          ) : (
            <ConfirmActions label="Reset all" onConfirm={() => void runReset('normal')} onCancel={onClose} />
          )}
        </>
      )}
      {reset.stage.kind === 'working' && <Working text="Backing up and moving every cache file…" />}
      {reset.stage.kind === 'codex-running' && (
        <CodexChoice verb="Reset" message={reset.stage.message} onQuit={() => void runReset('quit-first')} onForce={() => void runReset('force')} onCancel={onClose} />
      )}
      {reset.stage.kind === 'failed' && (
        <FailureNotice action="reset" failure={reset.stage.failure} onRetry={() => void runReset('normal')} onClose={onClose} />
      )}
      {done && undo.stage.kind === 'idle' && (
        <ResetDone result={done.result} quitCodex={done.quitCodex} scope="all" onUndo={() => void runUndo('normal')} onClose={onClose} />
      )}
      {undo.stage.kind === 'working' && <Working text="Putting the files back…" />}
      {undo.stage.kind === 'codex-running' && (
        <CodexChoice verb="Undo" message={undo.stage.message} onQuit={() => void runUndo('quit-first')} onForce={() => void runUndo('force')} onCancel={onClose} />
      )}
      {undo.stage.kind === 'failed' && <FailureNotice action="undo" failure={undo.stage.failure} onRetry={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'done' && <UndoDone result={undo.stage.result} onClose={onClose} />}
    </Dialog>
  );
}
