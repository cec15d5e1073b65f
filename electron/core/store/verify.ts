/**
 * `verify`: re-hash every file of one snapshot or all, report missing, extra and mismatched
 * files per snapshot; changes nothing.
 */
import * as path from 'node:path';
import type { Snapshot, VerifyReport } from '../../../shared/schemas';
import { CACHE_KINDS } from '../../../shared/schemas';
import type { Catalog } from './catalog';
import type { StoreCtx } from './context';
import { MANIFEST, snapshotDir } from './layout';
import { verifySnapshotFiles } from './write-back';

async function extras(ctx: StoreCtx, snap: Snapshot): Promise<string[]> {
  const dir = snapshotDir(ctx.paths, snap.id);
  const listed = new Set(snap.files.map((f) => f.path));
  const out: string[] = [];
  for (const n of await ctx.fs.readdir(dir)) if (n !== MANIFEST && n !== 'files') out.push(`unexpected ${n}`);
  const files = path.join(dir, 'files');
  for (const kind of await ctx.fs.readdir(files).catch(() => [] as string[])) {
    if (!(CACHE_KINDS as readonly string[]).includes(kind)) {
      out.push(`unexpected files/${kind}`);
      continue;
    }
    for (const n of await ctx.fs.readdir(path.join(files, kind)).catch(() => [] as string[])) {
      if (!listed.has(`cache/${kind}/${n}`)) out.push(`unexpected files/${kind}/${n}`);
    }
  }
  return out;
}

/** Verifies the committed snapshots in `snaps` plus the catalog's damaged and incomplete folders. */
export async function runVerify(ctx: StoreCtx, snaps: Snapshot[], cat: Pick<Catalog, 'damaged' | 'uncommitted'>): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, ok: [], damaged: [], incomplete: [...cat.uncommitted] };
  for (const d of cat.damaged) {
    report.checked++;
    report.damaged.push({ id: d.id, problems: [d.message] });
  }
  for (const s of snaps) {
    report.checked++;
    const problems = [...(await verifySnapshotFiles(ctx, s)), ...(await extras(ctx, s))];
    if (problems.length === 0) report.ok.push(s.id);
    else report.damaged.push({ id: s.id, problems });
  }
  return report;
}
