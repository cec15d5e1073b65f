/**
 * Runs a reset or restore with Codex in mind: plain, after quitting Codex, or forced.
 *
 * Codex keeps serving its in-memory tools snapshot while it runs (codex-caches.md §12.6), so
 * the backend answers `codex-running` unless told to force; the popup then offers a choice.
 */
import { useCallback, useRef, useState } from 'react';
import type { Reply } from '../../shared/ipc';
import type { Failure } from '../../shared/schemas';
import { call } from './api';

/** Where an action stands. */
export type Stage<R> =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'codex-running'; message: string }
  | { kind: 'done'; result: R; quitCodex: boolean }
  | { kind: 'failed'; failure: Failure };

/** How to deal with a running Codex. */
export type RunMode = 'normal' | 'quit-first' | 'force';

/** A stage machine around `op(force)`; `run` ignores calls while one is in flight. */
export function useGuardedAction<R>(op: (force: boolean) => Promise<Reply<R>>): {
  stage: Stage<R>;
  run: (mode: RunMode) => Promise<R | null>;
  clear: () => void;
} {
  const [stage, setStage] = useState<Stage<R>>({ kind: 'idle' });
  const running = useRef(false);
  const opRef = useRef(op);
  opRef.current = op;

  const run = useCallback(async (mode: RunMode): Promise<R | null> => {
    if (running.current) return null;
    running.current = true;
    setStage({ kind: 'working' });
    try {
      let quit = false;
      if (mode === 'quit-first') {
        const q = await call('quitCodex');
        if (!q.ok) return void setStage({ kind: 'failed', failure: q }), null;
        if (!q.value.done) return void setStage({ kind: 'codex-running', message: q.value.message }), null;
        quit = true;
      }
      const r = await opRef.current(mode === 'force');
      if (r.ok) {
        setStage({ kind: 'done', result: r.value, quitCodex: quit });
        return r.value;
      }
      setStage(r.code === 'codex-running' ? { kind: 'codex-running', message: r.message } : { kind: 'failed', failure: r });
      return null;
    } finally {
      running.current = false;
    }
  }, []);

  const clear = useCallback(() => setStage({ kind: 'idle' }), []);
  return { stage, run, clear };
}
