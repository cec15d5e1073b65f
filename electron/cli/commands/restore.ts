/**
 * `relink restore ID`: put a backup's files back (after backing up what they replace: the undo).
 */
import type { RestoreResult } from '../../../shared/schemas';
import { RestoreResult as RestoreResultSchema } from '../../../shared/schemas';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { formatBytes, openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** The human report of a restore. */
export function formatRestore(r: RestoreResult): string {
  const out = [`Restored ${r.written.length} file${r.written.length === 1 ? '' : 's'} from backup ${r.restoredFrom}:`];
  for (const w of r.written) out.push(`  ${w.path} (${formatBytes(w.bytes)})`);
  if (r.removed.length > 0) {
    out.push('Moved aside (not in that backup):');
    for (const m of r.removed) out.push(`  ${m.path}`);
  }
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  out.push(`What it replaced is in backup ${r.undo.id}.`, '', ...r.nextSteps.map((s) => `Next: ${s}`), 'Check with: relink status', `To undo: relink restore ${r.undo.id}`);
  return out.join('\n');
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Put a backup back (what it replaces is backed up first, so it can be undone)',
  usage: 'relink restore ID [--force] [--store DIR] [--codex-home DIR] [--json]',
  flags: { force: { type: 'boolean' }, ...STORE_FLAG },
  positionals: [1, 1],
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.restore({ id: args.positionals[0]!, force: args.values.force === true });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, RestoreResultSchema.parse(r.value));
      else ctx.out(formatRestore(r.value));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
