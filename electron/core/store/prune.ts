/**
 * Prune: the only path that deletes backup content (reliability.md §2 rule 18). Each dropped
 * snapshot folder is renamed out of `backups/` into `tmp/prune-*` first (its manifest leaves
 * the store before any file goes), then deleted; recovery finishes an interrupted prune.
 */
import * as path from 'node:path';
import type { PruneReport, Snapshot } from '../../../shared/schemas';
import type { StoreCtx } from './context';
import { nonce } from './context';
import { snapshotDir } from './layout';
import { finishPrune } from './recover';
import { planRetention } from './retention';

/** Applies the retention policy to `snaps` (the caller holds the lock unless `dryRun`). */
export async function runPrune(ctx: StoreCtx, snaps: Snapshot[], dryRun: boolean): Promise<PruneReport> {
  const { keep, drop } = planRetention(snaps, ctx.clock.now());
  const byId = new Map(snaps.map((s) => [s.id, s]));
  const report: PruneReport = {
    dryRun,
    kept: [...keep].map(([id, why]) => ({ id, why })),
    removed: drop.map((id) => ({ id, bytes: byId.get(id)!.files.reduce((n, f) => n + f.bytes, 0) })),
  };
  if (dryRun) return report;
  for (const id of drop) {
    const gone = path.join(ctx.paths.tmp, `prune-${id}-${nonce(ctx)}`);
    await ctx.fs.rename(snapshotDir(ctx.paths, id), gone);
    await ctx.fs.fsyncDir(ctx.paths.backups);
    await finishPrune(ctx, gone);
  }
  return report;
}
