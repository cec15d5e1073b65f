/**
 * The world every store module works in, built once by `openStore`.
 */
import type { SnapshotConnector } from '../../../shared/schemas';
import type { Clock, RandomHex } from '../deps';
import type { Fs } from '../fs-facade';
import type { CodexProbe } from '../process-probe';
import type { StorePaths } from './layout';
import type { ProcInfo } from './lock';

/** Shared state of one open store. */
export interface StoreCtx {
  fs: Fs;
  clock: Clock;
  random: RandomHex;
  codexHome: string;
  paths: StorePaths;
  appVersion: string;
  probe: CodexProbe;
  proc: ProcInfo;
  inventory: () => Promise<SnapshotConnector[]>;
}

/** The connectors right now, or none when the read model fails (a manifest detail, never a blocker). */
export async function safeInventory(ctx: StoreCtx): Promise<SnapshotConnector[]> {
  try {
    const rows = await ctx.inventory();
    return rows.map((r) => ({ identity: r.identity, id: r.id, name: r.name, linkIds: [...r.linkIds] }));
  } catch {
    return [];
  }
}

/** A fresh nonce for temp and aside names: 12 lowercase hex. */
export function nonce(ctx: StoreCtx): string {
  return ctx.random(6).slice(0, 12);
}
