/**
 * Zod schemas for auth-failure evidence, link drift, the recovery ladder and the bug report.
 *
 * Pure TS: no node:*, no electron, no DOM. Each inferred type shares its schema's name.
 */
import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });

/** Where an auth failure was found. */
export const EvidenceKind = z.enum(['rollout', 'log-db', 'tui-log', 'desktop-log']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** One auth failure of a codex_apps tool call, as Codex recorded it (codex-caches.md §9). */
export const AuthFailure = z.strictObject({
  at: IsoTime,
  connectorId: z.string().nullable(),
  linkId: z.string().nullable(),
  /** Path relative to CODEX_HOME with `/` separators (desktop logs: `~/…`). */
  source: z.string(),
  kind: EvidenceKind,
  /** Short human text, at most 300 characters. */
  text: z.string().max(300),
});
export type AuthFailure = z.infer<typeof AuthFailure>;

/** One observed change of a connector's cached link ids ("link changed at T: old → new"). */
export const LinkChange = z.strictObject({
  at: IsoTime,
  identity: z.string(),
  connectorId: z.string(),
  name: z.string(),
  from: z.array(z.string()),
  to: z.array(z.string()),
});
export type LinkChange = z.infer<typeof LinkChange>;

/** The five rungs of the recovery ladder, in order. */
export const LadderStepName = z.enum(['soft-refresh', 'quit-desktop', 'reset', 'relaunch', 'reconnect-in-chatgpt']);
export type LadderStepName = z.infer<typeof LadderStepName>;

/** What one rung did. */
export const LadderOutcome = z.enum(['ok', 'failed', 'skipped', 'needs-confirmation']);
export type LadderOutcome = z.infer<typeof LadderOutcome>;

/** One recorded rung of one ladder run (`<stateDir>/ladder.jsonl`). */
export const LadderStep = z.strictObject({
  runId: z.string(),
  at: IsoTime,
  connectorId: z.string(),
  step: LadderStepName,
  outcome: LadderOutcome,
  detail: z.string(),
  linksBefore: z.array(z.string()),
  linksAfter: z.array(z.string()),
  healthAfter: z.string().nullable(),
});
export type LadderStep = z.infer<typeof LadderStep>;

/** The whole run of `relink reconnect CONNECTOR`. */
export const LadderResult = z.strictObject({
  runId: z.string(),
  connectorId: z.string(),
  name: z.string(),
  identity: z.string().nullable(),
  startedAt: IsoTime,
  finishedAt: IsoTime,
  healthy: z.boolean(),
  linksBefore: z.array(z.string()),
  linksAfter: z.array(z.string()),
  steps: z.array(LadderStep),
  nextSteps: z.array(z.string()),
});
export type LadderResult = z.infer<typeof LadderResult>;

/** `relink report CONNECTOR --json`: a redacted report for a bug tracker. */
export const Report = z.strictObject({
  generatedAt: IsoTime,
  redacted: z.boolean(),
  relinkVersion: z.string(),
  codexVersion: z.string().nullable(),
  os: z.string(),
  connector: z.strictObject({
    id: z.string(),
    name: z.string(),
    identity: z.string().nullable(),
    health: z.string(),
    reasons: z.array(z.string()),
    linkIds: z.array(z.string()),
  }),
  linkChanges: z.array(z.strictObject({ at: IsoTime, from: z.array(z.string()), to: z.array(z.string()) })),
  failures: z.array(z.strictObject({ at: IsoTime, kind: EvidenceKind, source: z.string(), linkId: z.string().nullable(), text: z.string() })),
  steps: z.array(z.strictObject({ at: IsoTime, step: LadderStepName, outcome: LadderOutcome, detail: z.string() })),
});
export type Report = z.infer<typeof Report>;
