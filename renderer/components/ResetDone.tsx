/** The result panels shared by the per-connector and the reset-all dialogs. */
import type { ReactElement } from 'react';
import type { ResetResult, RestoreResult } from '../../shared/schemas';
import { cleanText, plural } from '../lib/text';
import { FileList, RelaunchButton } from './ActionParts';

/** What was reset: one connector's caches, or every cache of every account. */
export type ResetScope = 'connector' | 'all';

const NEXT: Record<ResetScope, { quit: string; start: string }> = {
  connector: {
    quit: 'Next: relaunch Codex. It rebuilds the cache, and Relink shows here whether the link changed.',
    start: 'Next: start Codex or open a new chat. It rebuilds the cache, and Relink shows here whether the link changed.',
  },
  all: {
    quit: 'Next: relaunch Codex. It rebuilds every cache; History then lists each link that changed.',
    start: 'Next: start Codex or open a new chat. It rebuilds every cache; History then lists each link that changed.',
  },
};

/** Moved files, the backup that holds them, the next step, and Done / Relaunch / Undo. */
export function ResetDone(p: { result: ResetResult; quitCodex: boolean; scope: ResetScope; onUndo: () => void; onClose: () => void }): ReactElement {
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
            ? NEXT[p.scope].quit
            : NEXT[p.scope].start}
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

/** After Undo: how many files went back. */
export function UndoDone({ result, onClose }: { result: RestoreResult; onClose: () => void }): ReactElement {
  return (
    <div className="stack" data-testid="undo-done">
      <p>{plural(result.written.length, 'file')} put back: the cache is as it was before the reset.</p>
      <div className="dialog-actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
