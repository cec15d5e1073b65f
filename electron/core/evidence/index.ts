/**
 * The evidence scanner: auth failures of codex_apps tool calls from Codex's own records.
 *
 * Sources, all read-only (codex-caches.md §9): rollouts (plain and zstd), the log database
 * (through a private copy), the TUI log and, on macOS, Codex Desktop's logs. With a `stateDir`
 * the scan is incremental: per file (inode, size, mtime, offset) and only appended bytes are
 * read. Files older than the look-back window are skipped.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthFailure } from '../../../shared/evidence';
import type { Clock, Env } from '../deps';
import type { Fs } from '../fs-facade';
import type { CursorMap } from './cursors';
import { loadCursors, saveCursors } from './cursors';
import { scanLogDbs } from './log-db-source';
import { scanRollouts } from './rollout-source';
import type { SourceContext } from './source-context';
import { scanDesktopLogs, scanTuiLog } from './text-log-source';

export type { AuthFailure } from '../../../shared/evidence';

/** Default look-back window in days. */
export const DEFAULT_LOOKBACK_DAYS = 14;

/** What the scanner needs. */
export interface EvidenceDeps {
  fs: Fs;
  clock: Clock;
  codexHome: string;
  env: Env;
  /** Where cursors live; absent → no incremental state. */
  stateDir?: string;
  /** Files not modified for this many days are skipped (default 14). */
  lookbackDays?: number;
  /** Where the log DB copy is made (default: the OS temp folder); the store passes its `tmp/`. */
  tmpDir?: string;
}

/** One scan's result: failures oldest first, and one-line reasons for anything skipped. */
export interface EvidenceScan {
  failures: AuthFailure[];
  problems: string[];
}

/** The evidence scanner. */
export interface EvidenceScanner {
  scan(): Promise<EvidenceScan>;
}

/** Builds an evidence scanner over `deps.codexHome`. */
export function createEvidenceScanner(deps: EvidenceDeps): EvidenceScanner {
  return {
    async scan() {
      const days = deps.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
      const ctx: SourceContext = {
        fs: deps.fs,
        codexHome: deps.codexHome,
        cutoffMs: deps.clock.now().getTime() - Math.max(0, days) * 86_400_000,
        nowMs: deps.clock.now().getTime(),
        prev: await loadCursors(deps.fs, deps.stateDir),
        next: {},
        failures: [],
        problems: [],
      };
      await scanRollouts(ctx);
      await scanLogDbs(ctx, deps.tmpDir ?? os.tmpdir(), deps.env.CODEX_SQLITE_HOME ? path.resolve(deps.env.CODEX_SQLITE_HOME) : deps.codexHome);
      await scanTuiLog(ctx);
      await scanDesktopLogs(ctx, deps.env);
      // Unchanged cursors are not rewritten: a watcher-driven rescan costs no write.
      if (!sameCursors(ctx.prev, ctx.next)) {
        const saveProblem = await saveCursors(deps.fs, deps.stateDir, ctx.next, randomBytes(4).toString('hex'));
        if (saveProblem) ctx.problems.push(saveProblem);
      }
      const failures = ctx.failures.sort((a, b) => a.at.localeCompare(b.at) || a.source.localeCompare(b.source));
      return { failures, problems: ctx.problems };
    },
  };
}

function sameCursors(a: CursorMap, b: CursorMap): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

export { applyEvidence } from './health';
