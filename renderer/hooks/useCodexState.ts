/** Asks once whether Codex is running, so a confirmation can offer to quit it first. */
import { useEffect, useState } from 'react';
import type { CodexState } from '../../shared/contract';
import { call } from './api';

/** `null` while unknown (or when the probe failed: the backend still guards the action). */
export function useCodexState(): CodexState | null {
  const [state, setState] = useState<CodexState | null>(null);
  useEffect(() => {
    let live = true;
    void call('getCodexState').then((r) => {
      if (live && r.ok) setState(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
