/**
 * Labels: the one change a committed snapshot ever gets (its manifest is rewritten atomically).
 */
import type { Result, Snapshot } from '../../../shared/schemas';
import type { StoreCtx } from './context';
import { fail, ok } from './errors';
import { snapshotDir } from './layout';
import { writeManifest } from './manifest';

const MAX_LABEL = 200;

/** Checks a user label: trimmed, ≤ 200 characters, no control or bidi-override characters; empty clears it. */
export function checkLabel(raw: unknown): Result<string | null> {
  if (typeof raw !== 'string') return fail('bad-input', 'A label must be text');
  const t = raw.trim();
  if (t.length > MAX_LABEL) return fail('bad-input', `A label is at most ${MAX_LABEL} characters`);
  if (/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(t)) return fail('bad-input', 'A label cannot contain control or text-direction characters');
  return ok(t.length === 0 ? null : t);
}

/** Rewrites `snap`'s manifest with a new label (the caller holds the lock). */
export async function applyLabel(ctx: StoreCtx, snap: Snapshot, label: string | null): Promise<Snapshot> {
  const next: Snapshot = { ...snap, label };
  await writeManifest(ctx.fs, snapshotDir(ctx.paths, snap.id), next, ctx.random);
  return next;
}
