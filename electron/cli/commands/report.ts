/**
 * `relink report CONNECTOR`: a redacted report for a bug tracker (Markdown by default, or
 * `--json`); `--reveal` keeps full link ids and the account identity.
 */
import * as os from 'node:os';
import { Report as ReportSchema } from '../../../shared/evidence';
import { createLadderLog } from '../../core/ladder';
import { buildReport, renderMarkdown } from '../../core/report';
import { printJson } from '../home';
import type { Command } from '../types';
import { EXIT } from '../types';
import { EVIDENCE_FLAGS, openEvidenceWorld } from './evidence-common';
import { reportFailure } from './store-common';

/** `relink report CONNECTOR`. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Print a redacted report about one connector for a bug tracker',
  usage: 'relink report CONNECTOR [--identity IDENT] [--json | --markdown] [--reveal] [--lookback-days N] [--store DIR] [--codex-home DIR]',
  flags: { identity: { type: 'string' }, markdown: { type: 'boolean' }, reveal: { type: 'boolean' }, ...EVIDENCE_FLAGS },
  positionals: [1, 1],
  async run(args, ctx) {
    if (args.values.json && args.values.markdown) {
      ctx.err('relink: choose one of --json and --markdown');
      return EXIT.usage;
    }
    const world = await openEvidenceWorld(args, ctx);
    if (typeof world === 'number') return world;
    try {
      const status = await world.scan();
      const r = buildReport({
        status,
        connectorId: args.positionals[0]!,
        identity: typeof args.values.identity === 'string' ? args.values.identity : undefined,
        failures: world.lastFailures(),
        changes: await world.drift.listLinkChanges(),
        steps: await createLadderLog(ctx.fs, world.stateDir).list(),
        codexVersion: world.codexVersion(),
        os: `${ctx.env.platform} ${os.release()} ${os.arch()}`,
        relinkVersion: String(ctx.overrides?.version ?? '0.1.0'),
        now: ctx.clock.now(),
        redact: args.values.reveal !== true,
        home: ctx.env.home,
      });
      if (!r.ok) return reportFailure(ctx, args, r);
      if (args.values.json) printJson(ctx, ReportSchema.parse(r.value));
      else ctx.out(renderMarkdown(r.value));
      return EXIT.ok;
    } finally {
      await world.close();
    }
  },
};
