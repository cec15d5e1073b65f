/**
 * One-click reset of a connector: confirm (offering to quit Codex), result with Undo.
 */
import { useCallback, type ReactElement } from 'react';
import type { Connector, ResetResult, RestoreResult } from '../../shared/schemas';
import { call } from '../hooks/api';
import { useCodexState } from '../hooks/useCodexState';
import { useGuardedAction, type RunMode } from '../hooks/useGuardedAction';
import { resetVerb } from '../lib/model';
import { cleanText } from '../lib/text';
import { CodexChoice, ConfirmActions, FailureNotice, Working } from './ActionParts';
import { Dialog } from './Dialog';
import { ResetDone, UndoDone } from './ResetDone';

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
      {done && undo.stage.kind === 'idle' && <ResetDone result={done.result} quitCodex={done.quitCodex} scope="connector" onUndo={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'working' && <Working text="Putting the files back…" />}
      {undo.stage.kind === 'codex-running' && (
        <CodexChoice verb="Undo" message={undo.stage.message} onQuit={() => void runUndo('quit-first')} onForce={() => void runUndo('force')} onCancel={onClose} />
      )}
      {undo.stage.kind === 'failed' && <FailureNotice action="undo" failure={undo.stage.failure} onRetry={() => void runUndo('normal')} onClose={onClose} />}
      {undo.stage.kind === 'done' && <UndoDone result={undo.stage.result} onClose={onClose} />}
    </Dialog>
  );
}
