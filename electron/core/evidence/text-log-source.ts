/**
 * Text logs: `CODEX_HOME/log/codex-tui.log` (codex-caches.md §9.3) and, on macOS, Codex
 * Desktop's logs under `~/Library/Logs/com.openai.codex/` (§9.4, format unverified: searched
 * as plain text). Both are read incrementally from the last offset.
 */
import * as path from 'node:path';
import type { AuthFailure, EvidenceKind } from '../../../shared/evidence';
import type { Env } from '../deps';
import { capFailures, isAppendOnly, isUnchanged } from './cursors';
import { scanPlainFile } from './file-read';
import { LineScanner } from './line-scan';
import { failureFromLogText, findTimestamp, LOG_NEEDLES, splitTuiLine } from './log-line';
import type { FoundFile, SourceContext } from './source-context';
import { reasonOf, stampOf, walkRecent } from './source-context';

const NEEDLES = LOG_NEEDLES.map((n) => Buffer.from(n));

/** How one log line becomes a failure; null time means "unknown format". */
type LineParser = (line: string, fallbackAt: string) => { at: string | null; body: string };

const tuiLine: LineParser = (line) => {
  const s = splitTuiLine(line);
  return s ? { at: s.at, body: s.rest } : { at: null, body: line };
};

const desktopLine: LineParser = (line, fallbackAt) => ({ at: findTimestamp(line) ?? fallbackAt, body: line });

/** Scans the TUI log when present and recent. */
export async function scanTuiLog(ctx: SourceContext): Promise<void> {
  const rel = 'log/codex-tui.log';
  const abs = path.join(ctx.codexHome, 'log', 'codex-tui.log');
  const stamp = await stampOf(ctx.fs, abs);
  if (!stamp || stamp.mtimeMs < ctx.cutoffMs) return;
  await scanTextLog(ctx, { abs, rel, stamp }, 'tui-log', tuiLine);
}

/** Where Codex Desktop keeps its logs; null off macOS (its Windows folder is unverified). */
export function desktopLogDir(env: Env): string | null {
  return env.platform === 'darwin' ? path.join(env.home, 'Library', 'Logs', 'com.openai.codex') : null;
}

/** Scans recent Codex Desktop logs (`YYYY/MM/DD/*`) on macOS. */
export async function scanDesktopLogs(ctx: SourceContext, env: Env): Promise<void> {
  const dir = desktopLogDir(env);
  if (!dir) return;
  const relBase = '~/Library/Logs/com.openai.codex';
  const files = await walkRecent(ctx, dir, relBase, 4, (n) => !n.startsWith('.'));
  for (const f of files) await scanTextLog(ctx, f, 'desktop-log', desktopLine);
}

async function scanTextLog(ctx: SourceContext, f: FoundFile, kind: EvidenceKind, parse: LineParser): Promise<void> {
  const prev = ctx.prev[f.rel];
  if (isUnchanged(prev, f.stamp)) {
    ctx.next[f.rel] = prev!;
    ctx.failures.push(...prev!.failures);
    return;
  }
  const resume = isAppendOnly(prev, f.stamp);
  const start = resume ? prev.offset : 0;
  const found: AuthFailure[] = resume ? [...prev.failures] : [];
  const fallbackAt = new Date(f.stamp.mtimeMs).toISOString();
  let unknown = 0;
  const take = (line: string) => {
    const { at, body } = parse(line, fallbackAt);
    const hit = failureFromLogText(body);
    if (hit && at === null) unknown += 1;
    else if (hit && at) found.push({ at, ...hit, source: f.rel, kind });
  };
  try {
    const scanner = new LineScanner(NEEDLES, take);
    // A log line is used only once its newline is written: the tail waits for the next scan.
    const { stamp } = await scanPlainFile(ctx.fs, f.abs, start, scanner);
    if (unknown > 0) ctx.problems.push(`${f.rel}: ${unknown} line(s) in an unknown format skipped`);
    if (scanner.hugeLines > 0) ctx.problems.push(`${f.rel}: ${scanner.hugeLines} over-long line(s) skipped`);
    const failures = capFailures(found);
    ctx.next[f.rel] = { ...stamp, offset: start + scanner.consumed, failures };
    ctx.failures.push(...failures);
  } catch (err) {
    ctx.problems.push(`${f.rel}: skipped (${reasonOf(err)})`);
  }
}
