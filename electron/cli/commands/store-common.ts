/**
 * Plumbing shared by the backup commands (reset, history, restore, diff, label, verify, prune).
 *
 * `ctx.overrides` keys read here (tests inject them; the real CLI leaves them unset):
 * - `probe`: a `CodexProbe` (default: the system probe for `ctx.env.platform`)
 * - `inventory`: `() => Promise<SnapshotConnector[]>` (default: the scanner's connector rows)
 * - `random`: a `RandomHex` for snapshot ids (default: crypto)
 * - `version`: the app version recorded in manifests
 */
import type { Failure, SnapshotConnector } from '../../../shared/schemas';
import type { RandomHex } from '../../core/deps';
import type { CodexProbe } from '../../core/process-probe';
import { createSystemProbe } from '../../core/process-probe';
import { createLinkDrift } from '../../core/link-drift';
import type { Scanner } from '../../core/status';
import type { Store } from '../../core/store/index';
import { openStore, resolveStoreDir } from '../../core/store/index';
import { cliScanner, homeOrExit, printJson } from '../home';
import type { CliContext, ParsedArgs } from '../types';
import { EXIT } from '../types';

/** The `--store DIR` flag every backup command accepts. */
export const STORE_FLAG = { store: { type: 'string' } } as const;

/** An open store for one CLI run. */
export interface CliStore {
  store: Store;
  home: string;
  close(): Promise<void>;
}

/** Resolves CODEX_HOME and the store, or prints why not and returns the exit code. */
export async function openCliStore(args: ParsedArgs, ctx: CliContext): Promise<CliStore | number> {
  const home = await homeOrExit(args, ctx);
  if (typeof home === 'number') return home;
  const flag = args.values.store;
  if (flag === '') {
    ctx.err('relink: --store needs a folder');
    return EXIT.usage;
  }
  const o = ctx.overrides ?? {};
  let scanner: Scanner | null = null;
  const inventory = (o.inventory as (() => Promise<SnapshotConnector[]>) | undefined) ?? (async () => {
    scanner ??= cliScanner(ctx, home);
    const status = await scanner.scan();
    // The links a backup saw are observations too: drift then shows old → new after a reset.
    await store.stateDir().then((stateDir) => createLinkDrift({ fs: ctx.fs, clock: ctx.clock, stateDir }).recordObservation(status)).catch(() => undefined);
    return status.connectors.map((c) => ({ identity: c.identity, id: c.id, name: c.name, linkIds: c.linkIds }));
  });
  const store: Store = openStore({
    fs: ctx.fs,
    clock: ctx.clock,
    codexHome: home,
    storeDir: resolveStoreDir(home, ctx.env, typeof flag === 'string' ? flag : undefined),
    probe: (o.probe as CodexProbe | undefined) ?? createSystemProbe({ platform: ctx.env.platform, selfPid: process.pid }),
    inventory,
    random: o.random as RandomHex | undefined,
    appVersion: String(o.version ?? '0.1.0'),
  });
  return { store, home, close: async () => scanner?.close() };
}

/** Prints a failure (JSON on stdout with `--json`, one line on stderr always); returns the exit code. */
export function reportFailure(ctx: CliContext, args: ParsedArgs, f: Failure): number {
  if (args.values.json) printJson(ctx, f);
  ctx.err(`relink: ${f.message}`);
  if (f.code === 'codex-running') ctx.err('relink: pass --force to go ahead anyway');
  return f.code === 'bad-input' ? EXIT.usage : EXIT.failed;
}

/** `12.3 KB`-style sizes. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `2026-06-01 10:00:01 UTC` from an ISO time. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
