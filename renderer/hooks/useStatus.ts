/**
 * Loads the inventory, refreshes on demand and whenever main reports `status:changed`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Failure, StatusReport } from '../../shared/schemas';
import { call, onChanged } from './api';

/** What the popup knows about the caches right now. */
export interface StatusState {
  /** `loading` until the first reply; then `ready` (with a report or a failure). */
  phase: 'loading' | 'ready';
  report: StatusReport | null;
  failure: Failure | null;
  refreshing: boolean;
  /** Increments after every reply, so dependants reload even when the backend clock is fixed. */
  version: number;
  refresh: () => Promise<void>;
}

/** Status of the caches, kept fresh by `onChanged`. Overlapping refreshes are coalesced. */
export function useStatus(): StatusState {
  const [phase, setPhase] = useState<'loading' | 'ready'>('loading');
  const [report, setReport] = useState<StatusReport | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const [version, setVersion] = useState(0);

  const load = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true; // a change arrived mid-scan: scan once more when this one ends
      return inFlight.current;
    }
    setRefreshing(true);
    const run = (async () => {
      do {
        again.current = false;
        const reply = await call('getStatus');
        if (reply.ok) {
          setReport(reply.value);
          setFailure(null);
        } else {
          setFailure(reply);
          if (reply.code === 'codex-home-missing') setReport(null);
        }
        setPhase('ready');
        setVersion((v) => v + 1);
      } while (again.current);
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
      setRefreshing(false);
    }
  }, []);

  useEffect(() => {
    void load();
    return onChanged(() => void load());
  }, [load]);

  return { phase, report, failure, refreshing, version, refresh: load };
}
