/**
 * Bytes → summary: the strict-parser verdict, then the per-kind summary. Pure.
 */
import type { CacheKind } from '../../shared/schemas';
import { judgeJson } from './json-verdict';
import type { EntrySummary } from './entry-summary';
import { summarizeEntry } from './entry-summary';

/** Judges bytes like Codex would, then summarizes what Relink shows. */
export function analyzeBytes(kind: CacheKind, bytes: Uint8Array): EntrySummary {
  const verdict = judgeJson(bytes);
  if (!verdict.ok) return { ok: false, schemaVersion: null, reason: verdict.reason, ...(verdict.relinkLimit ? { relinkLimit: true as const } : {}) };
  try {
    return summarizeEntry(kind, verdict.value);
  } catch (err) {
    // A bug or a hostile shape we did not foresee: a verdict, never a crash.
    return { ok: false, schemaVersion: null, reason: `could not be read (${(err as Error).name})` };
  }
}
