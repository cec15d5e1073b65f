/**
 * `relink reset`: back up and move aside the caches behind a connector (or all of them) so
 * Codex rebuilds them on its next start.
 */
import type { ResetResult } from '../../../shared/schemas';
import { ResetResult as ResetResultSchema } from '../../../shared/schemas';
import { displayText } from '../../../shared/text';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { formatBytes, openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** The human report of a reset. */
export function formatReset(r: ResetResult): string {
  const out = [`Moved ${r.moved.length} file${r.moved.length === 1 ? '' : 's'} aside into backup ${r.snapshot.id}:`];
  for (const m of r.moved) out.push(`  ${m.path} (${formatBytes(m.bytes)})`);
  if (r.skipped.length > 0) {
    out.push('Left alone:');
    for (const s of r.skipped) out.push(`  ${displayText(s.path, 200)}: ${s.reason}`);
  }
  out.push('', ...r.nextSteps.map((s) => `Next: ${s}`), 'Check with: relink status', `To undo: relink restore ${r.snapshot.id}`);
  return out.join('\n');
}

export const resetCommand: Command = {
  name: 'reset',
  summary: 'Back up and move aside the caches of one connector (or --all) so Codex rebuilds them',
  usage: 'relink reset (--connector ID [--identity IDENT] | --all) [--label TEXT] [--force] [--store DIR] [--codex-home DIR] [--json]',
  flags: { connector: { type: 'string' }, identity: { type: 'string' }, all: { type: 'boolean' }, label: { type: 'string' }, force: { type: 'boolean' }, ...STORE_FLAG },
  async run(args, ctx) {
    const v = args.values;
    if ((v.all === true) === (typeof v.connector === 'string')) {
      ctx.err('relink: reset needs exactly one of --connector ID or --all');
      ctx.err(`usage: ${resetCommand.usage}`);
      return EXIT.usage;
    }
    if (v.all && v.identity !== undefined) {
      ctx.err('relink: --identity goes with --connector, not --all');
      return EXIT.usage;
    }
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const label = typeof v.label === 'string' ? v.label : undefined;
      const force = v.force === true;
      const r = v.all
        ? await open.store.resetAll({ label, force })
        : await open.store.resetConnector({ connectorId: String(v.connector), identity: typeof v.identity === 'string' ? v.identity : undefined, label, force });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (v.json) printJson(ctx, ResetResultSchema.parse(r.value));
      else ctx.out(formatReset(r.value));
      return EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
