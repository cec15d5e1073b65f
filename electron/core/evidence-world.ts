/**
 * The read model with evidence and link drift, as the app and the evidence-aware CLI
 * commands use it: one scanner whose evidence scan is incremental (cursors in the store's
 * `state/`), which records every scan in the drift log and keeps the last scan's failures.
 */
import * as path from 'node:path';
import type { AuthFailure } from '../../shared/evidence';
import type { StatusReport } from '../../shared/schemas';
import type { CodexVersion } from './codex-version';
import type { Clock, Env } from './deps';
import { applyEvidence, createEvidenceScanner } from './evidence';
import type { Fs } from './fs-facade';
import type { LinkDrift } from './link-drift';
import { createLinkDrift } from './link-drift';
import type { Parser } from './parser';
import { createScanner } from './status';

/** What the world needs. */
export interface EvidenceWorldDeps {
  fs: Fs;
  clock: Clock;
  env: Env;
  codexHome: string;
  /** The store's state folder: evidence cursors, drift log and ladder log live there. */
  stateDir: string;
  lookbackDays?: number;
  parser?: Parser;
  codexVersion?: () => Promise<CodexVersion | null>;
}

/** A scanner with evidence and drift. */
export interface EvidenceWorld {
  stateDir: string;
  drift: LinkDrift;
  /** Scans caches + evidence and records link drift (a drift-log failure never fails a scan). */
  scan(): Promise<StatusReport>;
  /** The auth failures the last scan found. */
  lastFailures(): AuthFailure[];
  codexVersion(): string | null;
  close(): Promise<void>;
}

/** Builds the world over one CODEX_HOME and store state folder. */
export function createEvidenceWorld(deps: EvidenceWorldDeps): EvidenceWorld {
  const evidence = createEvidenceScanner({
    fs: deps.fs,
    clock: deps.clock,
    codexHome: deps.codexHome,
    env: deps.env,
    stateDir: deps.stateDir,
    // The log DB copy goes to the store's own tmp/ (reliability.md rule 22).
    tmpDir: path.join(path.dirname(deps.stateDir), 'tmp'),
    lookbackDays: deps.lookbackDays,
  });
  let failures: AuthFailure[] = [];
  const scanner = createScanner({
    fs: deps.fs,
    clock: deps.clock,
    codexHome: deps.codexHome,
    env: deps.env,
    parser: deps.parser,
    codexVersion: deps.codexVersion,
    evidence: async (rows, mtimes) => {
      failures = (await evidence.scan()).failures;
      return evidenceFirst(rows, applyEvidence(rows, failures, mtimes));
    },
  });
  const drift = createLinkDrift({ fs: deps.fs, clock: deps.clock, stateDir: deps.stateDir });
  return {
    stateDir: deps.stateDir,
    drift,
    async scan() {
      const s = await scanner.scan();
      await drift.recordObservation(s).catch(() => undefined);
      return s;
    },
    lastFailures: () => failures,
    codexVersion: () => scanner.lastCodexVersion()?.version ?? null,
    close: () => scanner.close(),
  };
}

/** Puts the reasons evidence added before the cache-only ones: they explain the health best. */
export function evidenceFirst<T extends { identity: string; id: string; reasons: string[] }>(before: T[], after: T[]): T[] {
  const old = new Map(before.map((r) => [`${r.identity}\n${r.id}`, new Set(r.reasons)]));
  return after.map((r) => {
    const seen = old.get(`${r.identity}\n${r.id}`) ?? new Set<string>();
    return { ...r, reasons: [...r.reasons.filter((x) => !seen.has(x)), ...r.reasons.filter((x) => seen.has(x))] };
  });
}
