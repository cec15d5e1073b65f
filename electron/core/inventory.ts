/**
 * Builds connector rows and their cache-only health from summarized cache files.
 *
 * Pure. A connector is linked in Relink's view exactly when Codex would list it as accessible:
 * at least one non-synthetic codex_apps tool for it in the account's tools file
 * (codex-caches.md §5, checked against Codex 0.169.0's `app/list/updated`).
 */
import type { CacheFile, Connector } from '../../shared/schemas';
import type { DirectoryApp, ToolsConnector } from './entry-summary';

/** A tools file as the scanner saw it: its row in `files` and, when readable, its connectors. */
export interface ToolsFileView {
  file: CacheFile;
  connectors: ToolsConnector[] | null;
}

/** Codex's fallback install URL: `https://chatgpt.com/apps/<slug>/<id>` (codex-caches.md §4.2). */
export function deriveInstallUrl(name: string, id: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, '-');
  return `https://chatgpt.com/apps/${encodeURIComponent(slug)}/${encodeURIComponent(id)}`;
}

/** Merges every readable directory file into one id → app map (first seen wins). */
export function directoryIndex(apps: DirectoryApp[][]): Map<string, DirectoryApp> {
  const index = new Map<string, DirectoryApp>();
  for (const list of apps) for (const app of list) if (!index.has(app.id)) index.set(app.id, app);
  return index;
}

/** One row per (identity, connector) with at least one tool, sorted by identity then name. */
export function buildConnectors(tools: ToolsFileView[], directory: Map<string, DirectoryApp>): Connector[] {
  const rows: Connector[] = [];
  for (const { file, connectors } of tools) {
    if (!connectors) continue;
    for (const c of connectors) {
      if (c.toolCount + c.syntheticCount === 0) continue;
      const app = directory.get(c.id);
      const name = c.name ?? app?.name ?? c.id;
      const { health, reasons } = cacheHealth(file, c);
      rows.push({
        identity: file.identity,
        id: c.id,
        name,
        linkIds: c.linkIds,
        toolCount: c.toolCount,
        health,
        reasons,
        installUrl: app?.installUrl ?? deriveInstallUrl(name, c.id),
        accountEmail: c.accountEmail,
        lastAuthFailure: null,
      });
    }
  }
  return rows.sort((a, b) => cmp(a.identity, b.identity) || NAME_ORDER.compare(a.name, b.name) || cmp(a.id, b.id));
}

// One collator: String#localeCompare builds one per call and dominated warm rescans.
const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function cacheHealth(file: CacheFile, c: ToolsConnector): Pick<Connector, 'health' | 'reasons'> {
  if (file.state !== 'ok') {
    return { health: 'unknown', reasons: [`The tools cache ${(file.message ?? 'is not usable').replace(/\.$/, '')}.`] };
  }
  if (c.toolCount === 0) {
    return { health: 'unlinked', reasons: ['Only a "connect" tool is cached: the connector is not linked in ChatGPT for this account.'] };
  }
  if (c.linkIds.length === 0) {
    return { health: 'unlinked', reasons: [`Its ${plural(c.toolCount, 'tool')} carry no link id.`] };
  }
  const reasons = [`${plural(c.toolCount, 'tool')} cached, linked through ${c.linkIds.join(', ')}.`];
  if (c.linkIds.length > 1) reasons.push('Its tools carry different link ids, which is unusual.');
  if (c.unlinkedToolCount > 0) reasons.push(`${plural(c.unlinkedToolCount, 'tool')} carry no link id.`);
  return { health: 'healthy', reasons };
}

/** `1 tool`, `3 tools`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
