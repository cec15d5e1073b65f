/**
 * Plumbing shared by `relink links`, `reconnect` and `report`: the store's state folder, a
 * scanner whose evidence scan is incremental (cursors in `<store>/state`), and link drift.
 *
 * `ctx.overrides` keys read here besides those of store-common (tests inject them): `parser`,
 * `codexVersion` (as for `status`), `lookbackDays` (or the `--lookback-days N` flag, default 14).
 */
import * as path from 'node:path';
import type { AuthFailure } from '../../../shared/evidence';
import type { StatusReport } from '../../../shared/schemas';
import type { CodexVersion } from '../../core/codex-version';
import { applyEvidence, createEvidenceScanner } from '../../core/evidence';
import type { LinkDrift } from '../../core/link-drift';
import { createLinkDrift } from '../../core/link-drift';
import type { Parser } from '../../core/parser';
import { createScanner } from '../../core/status';
import type { CliContext, ParsedArgs } from '../types';
import { EXIT } from '../types';
import type { CliStore } from './store-common';
import { openCliStore } from './store-common';

/** Flags every evidence-aware command takes: the store and the look-back window. */
export const EVIDENCE_FLAGS = { store: { type: 'string' }, 'lookback-days': { type: 'string' } } as const;

/** `--lookback-days N` (1–3650), undefined when absent, or an error message. */
function lookbackOf(args: ParsedArgs): number | undefined | string {
  const raw = args.values['lookback-days'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : '--lookback-days needs a whole number of days from 1 to 3650';
}

/** What one evidence-aware command run works with. */
export interface EvidenceWorld {
  open: CliStore;
  stateDir: string;
  drift: LinkDrift;
  /** Scans caches + evidence, records link drift, and keeps the failures of the last scan. */
  scan(): Promise<StatusReport>;
  lastFailures(): AuthFailure[];
  codexVersion(): string | null;
  close(): Promise<void>;
}

/** Opens the store and builds the scanner; on failure prints why and returns the exit code. */
export async function openEvidenceWorld(args: ParsedArgs, ctx: CliContext): Promise<EvidenceWorld | number> {
  const lookback = lookbackOf(args);
  if (typeof lookback === 'string') {
    ctx.err(`relink: ${lookback}`);
    return EXIT.usage;
  }
  const open = await openCliStore(args, ctx);
  if (typeof open === 'number') return open;
  const o = ctx.overrides ?? {};
  const stateDir = await open.store.stateDir();
  const evidence = createEvidenceScanner({
    fs: ctx.fs,
    clock: ctx.clock,
    codexHome: open.home,
    env: ctx.env,
    stateDir,
    tmpDir: path.join(path.dirname(stateDir), 'tmp'),
    lookbackDays: lookback ?? (typeof o.lookbackDays === 'number' ? o.lookbackDays : undefined),
  });
  let failures: AuthFailure[] = [];
  const scanner = createScanner({
    fs: ctx.fs,
    clock: ctx.clock,
    codexHome: open.home,
    env: ctx.env,
    parser: o.parser as Parser | undefined,
    codexVersion: o.codexVersion as (() => Promise<CodexVersion | null>) | undefined,
    evidence: async (rows, mtimes) => {
      failures = (await evidence.scan()).failures;
      return applyEvidence(rows, failures, mtimes);
    },
  });
  const drift = createLinkDrift({ fs: ctx.fs, clock: ctx.clock, stateDir });
  return {
    open,
    stateDir,
    drift,
    async scan() {
      const s = await scanner.scan();
      await drift.recordObservation(s).catch(() => undefined);
      return s;
    },
    lastFailures: () => failures,
    codexVersion: () => scanner.lastCodexVersion()?.version ?? null,
    async close() {
      await scanner.close();
      await open.close();
    },
  };
}
