/**
 * The recovery ladder for one connector: refetch, quit Codex, reset, relaunch, reconnect in
 * ChatGPT; it stops as soon as the connector works on a new link.
 */
import { useState, type ReactElement } from 'react';
import type { LadderResult } from '../../shared/evidence';
import type { Connector, Failure } from '../../shared/schemas';
import { call } from '../hooks/api';
import { useCodexState } from '../hooks/useCodexState';
import { needsQuitConsent, OUTCOME_LABEL, STEP_LABEL } from '../lib/ladder';
import { linkChangeText } from '../lib/history';
import { cleanText } from '../lib/text';
import { ConfirmActions, FailureNotice, NextSteps, Working } from './ActionParts';
import { Dialog } from './Dialog';

type Stage = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: LadderResult } | { kind: 'failed'; failure: Failure };

/** Props of the ladder dialog. */
export interface LadderDialogProps {
  connector: Connector;
  onClose: () => void;
  onDone: () => void;
}

/** Explain → run → the steps it took and what to do next. */
export function LadderDialog({ connector: c, onClose, onDone }: LadderDialogProps): ReactElement {
  const name = cleanText(c.name, 40) || c.id;
  const codex = useCodexState();
  const [allowQuit, setAllowQuit] = useState(true);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const run = async (quit: boolean) => {
    setStage({ kind: 'working' });
    const r = await call('reconnect', { connectorId: c.id, identity: c.identity, allowQuit: quit });
    setStage(r.ok ? { kind: 'done', result: r.value } : { kind: 'failed', failure: r });
    onDone();
  };
  return (
    <Dialog title={`Recovery steps for ${name}`} busy={stage.kind === 'working'} onClose={onClose} testId="ladder-dialog">
      {stage.kind === 'idle' && (
        <>
          <p>Relink tries these in order and stops as soon as {name} works on a new link:</p>
          <ol className="next-steps">
            {Object.values(STEP_LABEL).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {codex?.desktopRunning && (
            <label className="check">
              <input type="checkbox" checked={allowQuit} onChange={(e) => setAllowQuit(e.target.checked)} />
              Let Relink quit and relaunch Codex Desktop
            </label>
          )}
          <ConfirmActions label="Start" onConfirm={() => void run(allowQuit)} onCancel={onClose} />
        </>
      )}
      {stage.kind === 'working' && <Working text="Working through the steps… this can take a minute." />}
      {stage.kind === 'failed' && <FailureNotice action="reset" failure={stage.failure} onRetry={() => void run(allowQuit)} onClose={onClose} />}
      {stage.kind === 'done' && <LadderDone result={stage.result} name={name} onAllowQuit={() => void run(true)} onClose={onClose} />}
    </Dialog>
  );
}

function LadderDone(p: { result: LadderResult; name: string; onAllowQuit: () => void; onClose: () => void }): ReactElement {
  const r = p.result;
  return (
    <div className="stack" data-testid="ladder-done" data-healthy={String(r.healthy)}>
      <p className={r.healthy ? 'notice notice--ok notice-text' : 'notice notice--attention notice-text'}>
        {r.healthy ? `${p.name} works again: ${linkChangeText({ from: r.linksBefore, to: r.linksAfter })}.` : `${p.name} still needs reconnecting.`}
      </p>
      {r.steps.length > 0 && (
        <ol className="ladder-steps" aria-label="Steps taken">
          {r.steps.map((s, i) => (
            <li key={i} data-testid="ladder-step" data-step={s.step} data-outcome={s.outcome}>
              <span className="ladder-step-title">
                {STEP_LABEL[s.step]} <span className={`outcome outcome--${s.outcome}`}>{OUTCOME_LABEL[s.outcome]}</span>
              </span>
              <span className="muted">{cleanText(s.detail, 200)}</span>
            </li>
          ))}
        </ol>
      )}
      <NextSteps steps={r.nextSteps} />
      <div className="dialog-actions">
        <button type="button" className="button button--primary" onClick={p.onClose} autoFocus>
          Done
        </button>
        {needsQuitConsent(r.steps) && (
          <button type="button" className="button" onClick={p.onAllowQuit}>
            Allow quitting Codex and continue
          </button>
        )}
      </div>
    </div>
  );
}
