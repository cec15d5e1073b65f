/**
 * `relink verify [ID]`: re-hash one backup or all and report damage; changes nothing.
 */
import type { VerifyReport } from '../../../shared/schemas';
import { VerifyReport as VerifyReportSchema } from '../../../shared/schemas';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { openCliStore, reportFailure, STORE_FLAG } from './store-common';

/** The human report of a verify run. */
export function formatVerify(r: VerifyReport): string {
  const out = [`Checked ${r.checked} backup${r.checked === 1 ? '' : 's'}: ${r.ok.length} intact, ${r.damaged.length} damaged.`];
  for (const d of r.damaged) {
    out.push(`DAMAGED ${d.id}:`);
    for (const p of d.problems) out.push(`  ${p}`);
  }
  if (r.incomplete.length > 0) out.push(`Unfinished (recovered on the next change): ${r.incomplete.join(', ')}`);
  return out.join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Re-hash backups and report any damage (exit 1 if a backup is damaged)',
  usage: 'relink verify [ID] [--store DIR] [--codex-home DIR] [--json]',
  flags: { ...STORE_FLAG },
  positionals: [0, 1],
  async run(args, ctx) {
    const open = await openCliStore(args, ctx);
    if (typeof open === 'number') return open;
    try {
      const r = await open.store.verify({ id: args.positionals[0] });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, VerifyReportSchema.parse(r.value));
      else ctx.out(formatVerify(r.value));
      return r.value.damaged.length > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      await open.close();
    }
  },
};
