/**
 * Plumbing shared by `relink links`, `reconnect` and `report`: the store's state folder, a
 * scanner whose evidence scan is incremental (cursors in `<store>/state`), and link drift.
 *
 * `ctx.overrides` keys read here besides those of store-common (tests inject them): `parser`,
 * `codexVersion` (as for `status`), `lookbackDays` (or the `--lookback-days N` flag, default 14).
 */
import type { CodexVersion } from '../../core/codex-version';
import type { EvidenceWorld } from '../../core/evidence-world';
import { createEvidenceWorld } from '../../core/evidence-world';
import type { Parser } from '../../core/parser';
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
export interface CliEvidenceWorld extends EvidenceWorld {
  open: CliStore;
}

/** Opens the store and builds the scanner; on failure prints why and returns the exit code. */
export async function openEvidenceWorld(args: ParsedArgs, ctx: CliContext): Promise<CliEvidenceWorld | number> {
  const lookback = lookbackOf(args);
  if (typeof lookback === 'string') {
    ctx.err(`relink: ${lookback}`);
    return EXIT.usage;
  }
  const open = await openCliStore(args, ctx);
  if (typeof open === 'number') return open;
  const o = ctx.overrides ?? {};
  const world = createEvidenceWorld({
    fs: ctx.fs,
    clock: ctx.clock,
    env: ctx.env,
    codexHome: open.home,
    stateDir: await open.store.stateDir(),
    lookbackDays: lookback ?? (typeof o.lookbackDays === 'number' ? o.lookbackDays : undefined),
    parser: o.parser as Parser | undefined,
    codexVersion: o.codexVersion as (() => Promise<CodexVersion | null>) | undefined,
  });
  return {
    ...world,
    open,
    async close() {
      await world.close();
      await open.close();
    },
  };
}
