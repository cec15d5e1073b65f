/**
 * Rollouts (`sessions/**` and `archived_sessions/**`, plain `.jsonl` or `.jsonl.zst`), read
 * incrementally: only bytes appended since the last scan are read (codex-caches.md §9.1).
 */
import * as path from 'node:path';
import type { AuthFailure } from '../../../shared/evidence';
import { errnoOf } from '../fs-facade';
import { capFailures, isAppendOnly, isUnchanged } from './cursors';
import { scanPlainFile, scanZstdFile } from './file-read';
import type { FoundFile, SourceContext } from './source-context';
import { reasonOf, stampOf, walkRecent } from './source-context';
import { LineScanner } from './line-scan';
import { failureFromRolloutLine } from './rollout-record';

const ROLLOUT_NAME = /^rollout-.*\.jsonl(?:\.zst)?$/;
/** Every record that can hold a codex_apps tool call names the server (codex-caches.md §9.1). */
const NEEDLES = [Buffer.from('codex_apps')];

/** Scans every recent rollout under CODEX_HOME. */
export async function scanRollouts(ctx: SourceContext): Promise<void> {
  for (const top of ['sessions', 'archived_sessions']) {
    // sessions/YYYY/MM/DD/rollout-…; archived_sessions may be flat or nested.
    const files = await walkRecent(ctx, path.join(ctx.codexHome, top), top, 4, (n) => ROLLOUT_NAME.test(n));
    // A few files in flight keep the disk busy while another is being scanned; results are
    // sorted by the caller, so the order of completion does not matter.
    let next = 0;
    const worker = async () => {
      while (next < files.length) await scanRolloutFile(ctx, files[next++]!, true);
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  }
}

/** Rollouts read at once. */
const READ_CONCURRENCY = 4;

/** The same rollout under its other name: Codex compresses idle rollouts (rollout/src/compression.rs). */
function otherName(f: FoundFile): { abs: string; rel: string } {
  const swap = (p: string) => (p.endsWith('.zst') ? p.slice(0, -4) : p + '.zst');
  return { abs: swap(f.abs), rel: swap(f.rel) };
}

async function scanRolloutFile(ctx: SourceContext, f: FoundFile, retry: boolean): Promise<void> {
  const prev = ctx.prev[f.rel];
  if (isUnchanged(prev, f.stamp)) {
    ctx.next[f.rel] = prev!;
    ctx.failures.push(...prev!.failures);
    return;
  }
  try {
    await readRollout(ctx, f);
  } catch (err) {
    if (retry && errnoOf(err) === 'ENOENT') {
      // Moved from .jsonl to .jsonl.zst (or back) between readdir and open: retry once (§9.1).
      const o = otherName(f);
      const stamp = await stampOf(ctx.fs, o.abs);
      if (stamp) return scanRolloutFile(ctx, { ...o, stamp }, false);
      return;
    }
    ctx.problems.push(`${f.rel}: skipped (${reasonOf(err)})`);
  }
}

async function readRollout(ctx: SourceContext, f: FoundFile): Promise<void> {
  const prev = ctx.prev[f.rel];
  const zst = f.rel.endsWith('.zst');
  const resume = !zst && isAppendOnly(prev, f.stamp);
  const start = resume ? prev.offset : 0;
  const found: AuthFailure[] = resume ? [...prev.failures] : [];
  let garbage = 0;
  const fallbackAt = new Date(f.stamp.mtimeMs).toISOString();
  const take = (line: string) => {
    const r = failureFromRolloutLine(line, f.rel, fallbackAt);
    if (r === 'garbage') garbage += 1;
    else if (r) found.push(r);
  };
  const scanner = new LineScanner(NEEDLES, take);
  const { stamp } = zst ? await scanZstdFile(ctx.fs, f.abs, scanner) : await scanPlainFile(ctx.fs, f.abs, start, scanner);
  let offset = start + scanner.consumed;
  if (scanner.tailHasNeedle()) {
    // An unterminated last line: use it only if complete JSON, else wait for the writer (§9.1).
    const tail = scanner.tail();
    const r = failureFromRolloutLine(tail.toString('utf8'), f.rel, fallbackAt);
    if (r !== 'garbage') {
      if (r) found.push(r);
      offset += tail.length;
    }
  }
  if (garbage > 0) ctx.problems.push(`${f.rel}: ${garbage} unreadable line(s) skipped`);
  if (scanner.hugeLines > 0) ctx.problems.push(`${f.rel}: ${scanner.hugeLines} over-long line(s) skipped`);
  const failures = capFailures(found);
  ctx.next[f.rel] = { ...stamp, offset: zst ? stamp.size : offset, failures };
  ctx.failures.push(...failures);
}
