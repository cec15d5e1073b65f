/**
 * `relink report CONNECTOR`: a report for a bug tracker (openai/codex#24675 asked for link ids
 * before/after and `isAccessible`), redacted by default.
 *
 * Redaction (reliability.md §5 "Privacy", I8): e-mails become `<email>`, account identities
 * (cache file names) are dropped, link ids are shortened (`link_5e6f…9a0b`), home paths become
 * `~`, token-like strings become `<token>`. Connector ids are public app ids and stay.
 */
import type { AuthFailure, LadderStep, LinkChange, Report } from '../../shared/evidence';
import type { Result, StatusReport } from '../../shared/schemas';
import { shortId } from './evidence/patterns';

/** Everything a report is built from. */
export interface ReportInput {
  status: StatusReport;
  connectorId: string;
  identity?: string;
  failures: AuthFailure[];
  changes: LinkChange[];
  steps: LadderStep[];
  codexVersion: string | null;
  os: string;
  relinkVersion: string;
  now: Date;
  /** Default true. */
  redact?: boolean;
  /** The user's home folder, replaced by `~` in redacted text. */
  home?: string;
}

/** Failures listed at most (newest kept). */
export const MAX_REPORT_FAILURES = 20;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LINK = /\blink_[0-9a-f]{8,64}\b/g;
const IDENTITY = /\b[0-9a-f]{40}\b|\b[0-9a-f]{16}\b/g;
const TOKEN = /\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}|\b(?:sk|rt|at)-[A-Za-z0-9_-]{16,}|\bBearer\s+\S+/g;

/** Redacts one piece of free text. */
export function redactText(text: string, home?: string): string {
  let t = text;
  if (home && home.length > 1) t = t.split(home).join('~');
  return t.replace(TOKEN, '<token>').replace(EMAIL, '<email>').replace(LINK, (m) => shortId(m)).replace(IDENTITY, '<identity>');
}

/** Builds the report for one connector, or not-found when no row has that id. */
export function buildReport(input: ReportInput): Result<Report> {
  const redact = input.redact ?? true;
  const rows = input.status.connectors.filter((c) => c.id === input.connectorId && (!input.identity || c.identity === input.identity));
  const row = rows.find((c) => c.health === 'needs-reauth') ?? rows[0];
  if (!row) return { ok: false, code: 'not-found', message: `no connector ${input.connectorId} in Codex's tools cache` };
  const t = (s: string) => (redact ? redactText(s, input.home) : s);
  const link = (id: string) => (redact ? shortId(id) : id);
  const lastRun = input.steps.filter((s) => s.connectorId === row.id).at(-1)?.runId;
  return {
    ok: true,
    value: {
      generatedAt: input.now.toISOString(),
      redacted: redact,
      relinkVersion: input.relinkVersion,
      codexVersion: input.codexVersion,
      os: input.os,
      connector: { id: row.id, name: t(row.name), identity: redact ? null : row.identity, health: row.health, reasons: row.reasons.map(t), linkIds: row.linkIds.map(link) },
      linkChanges: input.changes
        .filter((c) => c.connectorId === row.id && c.identity === row.identity)
        .map((c) => ({ at: c.at, from: c.from.map(link), to: c.to.map(link) })),
      failures: input.failures
        .filter((f) => f.connectorId === row.id)
        .sort((a, b) => a.at.localeCompare(b.at))
        .slice(-MAX_REPORT_FAILURES)
        .map((f) => ({ at: f.at, kind: f.kind, source: t(f.source), linkId: f.linkId ? link(f.linkId) : null, text: t(f.text) })),
      steps: input.steps.filter((s) => s.connectorId === row.id && s.runId === lastRun).map((s) => ({ at: s.at, step: s.step, outcome: s.outcome, detail: t(s.detail) })),
    },
  };
}

/** Markdown for pasting into an issue; every value is inline code or plain text. */
export function renderMarkdown(r: Report): string {
  const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
  const list = (ids: string[]) => (ids.length === 0 ? 'none' : ids.map(code).join(', '));
  const c = r.connector;
  const out = [
    `## Relink report: ${c.name} (${code(c.id)})`,
    '',
    `- Generated: ${r.generatedAt}${r.redacted ? ' (redacted: e-mails, account identities and full link ids removed)' : ' (NOT redacted)'}`,
    `- Relink ${r.relinkVersion}; Codex ${r.codexVersion ?? 'version unknown'}; ${r.os}`,
    `- Health: **${c.health}**; cached link(s): ${list(c.linkIds)}`,
    ...c.reasons.map((x) => `  - ${x}`),
    '',
    '### Link ids before/after',
    ...(r.linkChanges.length === 0 ? ['No link change recorded.'] : r.linkChanges.map((x) => `- ${x.at}: ${list(x.from)} → ${list(x.to)}`)),
    '',
    '### Auth failures',
    ...(r.failures.length === 0 ? ['None on record.'] : r.failures.map((f) => `- ${f.at} [${f.kind}, ${code(f.source)}]${f.linkId ? ` on ${code(f.linkId)}` : ''}: ${code(f.text)}`)),
    '',
    '### Recovery steps tried',
    ...(r.steps.length === 0 ? ['None yet (`relink reconnect` records them).'] : r.steps.map((s) => `- ${s.at} ${s.step}: **${s.outcome}**: ${s.detail}`)),
  ];
  return out.join('\n');
}
