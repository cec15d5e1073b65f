/**
 * `relink diff ID [ID|current]`: what changed between two backups, or a backup and now.
 */
import type { SnapshotDiff } from '../../../shared/schemas';
import { SnapshotDiff as SnapshotDiffSchema } from '../../../shared/schemas';
import { displayText, shortIdentity } from '../../../shared/text';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** The human report of a diff. */
export function formatDiff(d: SnapshotDiff): string {
  const out = [`From ${d.from} to ${d.to}:`, 'Connectors:'];
  for (const c of d.connectors) {
    const name = `${displayText(c.name, 40)} [${shortIdentity(c.identity)}]`;
    const links = (l: string[]) => l.join(', ') || 'no link';
    const detail = c.change === 'changed' ? `${links(c.before)} -> ${links(c.after)}` : c.change === 'removed' ? links(c.before) : links(c.after);
    out.push(`  ${c.change.padEnd(7)}  ${name}: ${detail}`);
  }
  if (d.connectors.length === 0) out.push('  (none recorded)');
  out.push('Files:');
  for (const f of d.files) out.push(`  ${f.change.padEnd(7)}  ${f.path}`);
  if (d.files.length === 0) out.push('  (none)');
  return out.join('\n');
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show link ids and files added, removed or changed between backups (or a backup and now)',
  usage: 'relink diff ID [ID|current] [--store DIR] [--codex-home DIR] [--json]',
  flags: { ...STORE_FLAG },
  positionals: [1, 2],
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.diff({ from: args.positionals[0]!, to: args.positionals[1] ?? 'current' });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, SnapshotDiffSchema.parse(r.value));
      else ctx.out(formatDiff(r.value));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
