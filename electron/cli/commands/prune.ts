/**
 * `relink prune [--dry-run]`: apply the retention policy (last 24 h, one per day for 30 days,
 * at least the 20 newest, labelled ones, never the newest).
 */
import type { PruneReport } from '../../../shared/schemas';
import { PruneReport as PruneReportSchema } from '../../../shared/schemas';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { formatBytes, openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** The human report of a prune. */
export function formatPrune(r: PruneReport): string {
  const verb = r.dryRun ? 'Would remove' : 'Removed';
  const total = r.removed.reduce((n, x) => n + x.bytes, 0);
  const out = [`${verb} ${r.removed.length} backup${r.removed.length === 1 ? '' : 's'} (${formatBytes(total)}); keeping ${r.kept.length}.`];
  for (const x of r.removed) out.push(`  ${r.dryRun ? 'would remove' : 'removed'} ${x.id}`);
  for (const k of r.kept) out.push(`  keep ${k.id}: ${k.why}`);
  return out.join('\n');
}

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'Remove old backups by the retention policy (--dry-run shows what would go)',
  usage: 'relink prune [--dry-run] [--store DIR] [--codex-home DIR] [--json]',
  flags: { 'dry-run': { type: 'boolean' }, ...STORE_FLAG },
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.prune({ dryRun: args.values['dry-run'] === true });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, PruneReportSchema.parse(r.value));
      else ctx.out(formatPrune(r.value));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
