/**
 * The history list and, per snapshot, how the live cache differs from it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Failure, Snapshot, SnapshotDiff } from '../../shared/schemas';
import { newestFirst } from '../lib/history';
import { call } from './api';

/** Diffs are fetched for this many of the newest snapshots only. */
const DIFF_LIMIT = 20;

/** The history view's data. */
export interface SnapshotsState {
  list: Snapshot[] | null;
  failure: Failure | null;
  diffs: Record<string, SnapshotDiff | Failure>;
  reload: () => Promise<void>;
  replace: (s: Snapshot) => void;
}

/** Loads snapshots newest first; `version` changes (status refreshes) trigger a reload. */
export function useSnapshots(version: number): SnapshotsState {
  const [list, setList] = useState<Snapshot[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [diffs, setDiffs] = useState<Record<string, SnapshotDiff | Failure>>({});

  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current; // only the newest reload may write state
    const reply = await call('listSnapshots');
    if (mine !== seq.current) return;
    if (!reply.ok) {
      setFailure(reply);
      return;
    }
    const sorted = newestFirst(reply.value);
    setFailure(null);
    setList(sorted);
    const pairs = await Promise.all(
      sorted.slice(0, DIFF_LIMIT).map(async (s) => {
        const d = await call('diffSnapshots', { from: s.id, to: 'current' });
        return [s.id, d.ok ? d.value : d] as const;
      }),
    );
    if (mine === seq.current) setDiffs(Object.fromEntries(pairs));
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, version]);

  const replace = useCallback((s: Snapshot) => setList((l) => l?.map((x) => (x.id === s.id ? s : x)) ?? l), []);
  return { list, failure, diffs, reload, replace };
}
