/**
 * Pure view-model helpers: health wording, sorting, grouping by account, the header sentence.
 */
import type { CacheFile, Connector, Health, StatusReport } from '../../shared/schemas';
import { cleanText, plural } from './text';

/** Sort rank: rows needing action first, then unknown, healthy and unlinked (issue 5). */
const RANK: Record<Health, number> = { 'needs-reauth': 0, unknown: 1, healthy: 2, unlinked: 3 };

/** Short words for a health value, as shown on the badge. */
export const HEALTH_LABEL: Record<Health, string> = {
  'needs-reauth': 'Needs reconnecting',
  unknown: 'Unknown',
  healthy: 'Healthy',
  unlinked: 'Not linked',
};

/** True when a row needs the user's action. */
export function needsAction(c: Connector): boolean {
  return c.health === 'needs-reauth';
}

/** The row's one-click action label: "Reconnect" when it needs reauth, else "Reset cache". */
export function resetVerb(c: Connector): string {
  return needsAction(c) ? 'Reconnect' : 'Reset cache';
}

/** Connectors in display order: needing action first, then by name, then by id. */
export function sortConnectors(list: readonly Connector[]): Connector[] {
  return [...list].sort(
    (a, b) => RANK[a.health] - RANK[b.health] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** One account's connectors. */
export interface AccountGroup {
  identity: string;
  email: string | null;
  connectors: Connector[];
  /** Cache files of this account that Codex would ignore (unsupported schema): rows are read-only. */
  readOnly: boolean;
}

/** Groups connectors by account identity; groups needing action come first. */
export function groupByAccount(report: StatusReport): AccountGroup[] {
  const byId = new Map<string, Connector[]>();
  for (const c of report.connectors) byId.set(c.identity, [...(byId.get(c.identity) ?? []), c]);
  const groups = [...byId].map(([identity, list]) => ({
    identity,
    email: list.find((c) => c.accountEmail)?.accountEmail ?? null,
    connectors: sortConnectors(list),
    readOnly: report.files.some(
      (f) => f.identity === identity && f.kind === 'codex_apps_tools' && f.state === 'unsupported-schema',
    ),
  }));
  const best = (g: AccountGroup) => Math.min(...g.connectors.map((c) => RANK[c.health]));
  return groups.sort((a, b) => best(a) - best(b) || a.identity.localeCompare(b.identity));
}

/** The account heading: e-mail when known, plus the first 8 characters of the identity. */
export function accountTitle(g: Pick<AccountGroup, 'identity' | 'email'>): { email: string; short: string } {
  return { email: g.email ? cleanText(g.email, 60) : 'Unknown account', short: cleanText(g.identity, 200).slice(0, 8) };
}

/** Overall tone of the header. */
export type Tone = 'ok' | 'attention' | 'problem' | 'empty';

/** The header sentence, e.g. "2 connectors need reconnecting". */
export function summarize(report: StatusReport): { tone: Tone; text: string } {
  const need = report.connectors.filter(needsAction).length;
  const unknown = report.connectors.filter((c) => c.health === 'unknown').length;
  const bad = problemFiles(report.files).length;
  if (need > 0) return { tone: 'attention', text: `${plural(need, 'connector')} ${need === 1 ? 'needs' : 'need'} reconnecting` };
  if (report.files.length === 0) return { tone: 'empty', text: 'No connector caches yet' };
  if (!report.files.some((f) => f.kind === 'codex_apps_tools')) return { tone: 'empty', text: 'No connector tools cached' };
  if (unknown > 0) return { tone: 'problem', text: `${plural(unknown, 'connector')} in an unknown state` };
  if (bad > 0) return { tone: 'problem', text: `${plural(bad, 'cache file')} can’t be used` };
  const linked = report.connectors.filter((c) => c.health === 'healthy').length;
  if (linked === 0) return { tone: 'ok', text: 'No linked connectors' };
  return { tone: 'ok', text: linked === 1 ? 'Your connector is healthy' : `All ${linked} linked connectors are healthy` };
}

/** Cache files Relink could not use, in a stable order. */
export function problemFiles(files: readonly CacheFile[]): CacheFile[] {
  return files.filter((f) => f.state !== 'ok').sort((a, b) => a.path.localeCompare(b.path));
}

/** Why a file could not be used, in one sentence. */
export function fileProblemText(f: CacheFile): string {
  switch (f.state) {
    case 'unsupported-schema':
      return `Written by a Codex version Relink does not know (schema ${f.schemaVersion ?? '?'}): shown read-only; current Codex ignores it and rebuilds it.`;
    case 'corrupt':
      return 'Damaged JSON: Codex will discard it and fetch a fresh copy.';
    case 'too-large':
      return 'Larger than Codex’s 32 MiB limit: not read.';
    case 'not-a-file':
      return 'Not a regular file: Relink never opens it.';
    case 'unreadable':
      return 'Relink cannot read this file (permission denied or a broken link).';
    default:
      return '';
  }
}
