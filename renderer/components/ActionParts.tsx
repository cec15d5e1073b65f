/** Shared pieces of the reset and restore dialogs. */
import { useState, type ReactElement } from 'react';
import { call } from '../hooks/api';
import type { Failure, MovedFile } from '../../shared/schemas';
import { describeFailure } from '../lib/failure';
import { cleanText, describePath, formatBytes, plural } from '../lib/text';

/** "Codex is running": quit it first (and relaunch after), go ahead anyway, or cancel. */
export function CodexChoice(props: {
  verb: string;
  message?: string;
  onQuit: () => void;
  onForce: () => void;
  onCancel: () => void;
}): ReactElement {
  return (
    <div className="codex-choice stack" data-testid="codex-running">
      <p className="notice notice--attention notice-text">
        {props.message ? cleanText(props.message, 200) + ' ' : 'Codex is running. '}
        It keeps using the cached link until it restarts.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button--primary" onClick={props.onQuit} autoFocus>
          Quit Codex and {props.verb.toLowerCase()}
        </button>
        <button type="button" className="button" onClick={props.onForce} title="Takes effect when Codex restarts">
          {props.verb} anyway
        </button>
        <button type="button" className="button button--quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** "Relaunch Codex" after Relink quit it; says how the relaunch went. */
export function RelaunchButton(): ReactElement {
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'done' | 'failed'; text: string }>({ kind: 'idle' });
  const relaunch = async () => {
    setState({ kind: 'working' });
    const r = await call('relaunchCodex');
    if (r.ok && r.value.done) setState({ kind: 'done', text: 'Codex is starting.' });
    else setState({ kind: 'failed', text: r.ok ? cleanText(r.value.message, 160) : cleanText(r.message, 160) });
  };
  if (state.kind === 'done' || state.kind === 'failed') {
    return (
      <span role="status" className={state.kind === 'failed' ? 'inline-status inline-status--bad' : 'inline-status'} data-testid="relaunch-status">
        {state.kind === 'failed' ? `Could not relaunch Codex: ${state.text}` : state.text}
      </span>
    );
  }
  return (
    <button type="button" className="button" disabled={state.kind === 'working'} onClick={() => void relaunch()}>
      {state.kind === 'working' ? 'Relaunching…' : 'Relaunch Codex'}
    </button>
  );
}

/** A spinner line while the backend works. */
/** The confirm / cancel pair at the foot of a dialog; the confirm button takes focus. */
export function ConfirmActions({ label, onConfirm, onCancel }: { label: string; onConfirm: () => void; onCancel: () => void }): ReactElement {
  return (
    <div className="dialog-actions">
      <button type="button" className="button button--primary" onClick={onConfirm} autoFocus>
        {label}
      </button>
      <button type="button" className="button button--quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function Working({ text }: { text: string }): ReactElement {
  return (
    <p className="working" role="status" data-testid="working">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  );
}

/** What failed, what is left as it was, what to do next. */
export function FailureNotice(props: { action: 'reset' | 'restore' | 'undo'; failure: Failure; onRetry?: () => void; onClose: () => void }): ReactElement {
  const t = describeFailure(props.action, props.failure);
  return (
    <div role="alert" className="failure stack" data-testid="action-failed" data-code={props.failure.code}>
      <p className="failure-title">{t.title}</p>
      <p>{t.detail}</p>
      <p className="muted">{t.next}</p>
      <div className="dialog-actions">
        {props.onRetry && (
          <button type="button" className="button button--primary" onClick={props.onRetry}>
            Try again
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={props.onClose} autoFocus={!props.onRetry}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The files an action moved or wrote. */
export function FileList({ files, testId }: { files: readonly MovedFile[]; testId: string }): ReactElement {
  return (
    <ul className="file-list" data-testid={testId} aria-label={plural(files.length, 'file')}>
      {files.map((f) => (
        <li key={f.path} title={cleanText(f.path, 300)}>
          <span>{describePath(f.path).kind}</span>
          <code className="muted">{describePath(f.path).name}</code>
          <span className="muted bytes">{formatBytes(f.bytes)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Next steps from the backend, as a short list. */
export function NextSteps({ steps }: { steps: readonly string[] }): ReactElement | null {
  if (steps.length === 0) return null;
  return (
    <ul className="next-steps" aria-label="Next steps">
      {steps.slice(0, 4).map((s, i) => (
        <li key={i}>{cleanText(s, 200)}</li>
      ))}
    </ul>
  );
}
