/**
 * Turns a parsed cache document into the small summary Relink needs, per kind.
 *
 * Runs inside the parse worker, so the large parsed tree never reaches the main thread.
 * Reads leniently (unknown keys kept, all tools-cache shapes 1–4 understood: every version
 * carries the raw MCP tool with its `_meta`, codex-caches.md §3) and never copies untrusted
 * objects: only strings and numbers leave this module.
 */
import type { CacheKind } from '../../shared/schemas';

/** One connector as a tools cache file describes it. */
export interface ToolsConnector {
  id: string;
  name: string | null;
  /** Distinct `tool._meta.link_id` values of its non-synthetic tools, sorted. */
  linkIds: string[];
  /** Non-synthetic tools. */
  toolCount: number;
  /** Synthetic "connect" tools (`_meta._codex_apps.synthetic_link`). */
  syntheticCount: number;
  /** Non-synthetic tools that carry no link id. */
  unlinkedToolCount: number;
  accountEmail: string | null;
}

/** A directory entry: what Relink shows for a connector id. */
export interface DirectoryApp {
  id: string;
  name: string | null;
  installUrl: string | null;
}

/** What the worker returns for one file. */
export type EntrySummary =
  | { ok: true; schemaVersion: number; connectors: ToolsConnector[]; apps: DirectoryApp[] }
  | { ok: false; schemaVersion: number | null; reason: string; relinkLimit?: true };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const str = (v: unknown, max = 512): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);

/** The array each kind keeps its records in. */
const LIST_KEY: Record<CacheKind, string | null> = {
  codex_apps_tools: 'tools',
  codex_app_directory: 'connectors',
  remote_plugin_catalog: 'plugins',
  codex_apps_server_info: null,
};

/** Summarizes a parsed document of `kind`; a wrong top-level shape is a failure. */
export function summarizeEntry(kind: CacheKind, doc: unknown): EntrySummary {
  if (!isObj(doc)) return { ok: false, schemaVersion: null, reason: 'has the wrong shape: the top level is not an object' };
  const sv = own(doc, 'schema_version');
  if (sv === undefined) return { ok: false, schemaVersion: null, reason: 'has no schema_version' };
  if (typeof sv !== 'number' || !Number.isSafeInteger(sv)) {
    return { ok: false, schemaVersion: null, reason: 'has a schema_version that is not an integer' };
  }
  const listKey = LIST_KEY[kind];
  if (listKey === null) {
    if (!isObj(own(doc, 'server_info'))) return { ok: false, schemaVersion: sv, reason: 'has the wrong shape: no server_info object' };
    return { ok: true, schemaVersion: sv, connectors: [], apps: [] };
  }
  const list = own(doc, listKey);
  if (!Array.isArray(list)) return { ok: false, schemaVersion: sv, reason: `has the wrong shape: no "${listKey}" array` };
  if (kind === 'codex_apps_tools') return summarizeTools(sv, list);
  if (kind === 'codex_app_directory') return { ok: true, schemaVersion: sv, connectors: [], apps: summarizeDirectory(list) };
  return { ok: true, schemaVersion: sv, connectors: [], apps: [] };
}

function summarizeTools(schemaVersion: number, tools: unknown[]): EntrySummary {
  const byId = new Map<string, ToolsConnector & { links: Set<string> }>();
  for (let i = 0; i < tools.length; i++) {
    const el = tools[i];
    if (!isObj(el)) return { ok: false, schemaVersion, reason: `has the wrong shape: tool #${i + 1} is not an object` };
    const tool = own(el, 'tool');
    if (!isObj(tool)) return { ok: false, schemaVersion, reason: `has the wrong shape: tool #${i + 1} has no tool object` };
    const server = own(el, 'server_name');
    if (server !== undefined && server !== 'codex_apps') continue;
    const meta = isObj(own(tool, '_meta')) ? (own(tool, '_meta') as Obj) : {};
    const apps = isObj(own(meta, '_codex_apps')) ? (own(meta, '_codex_apps') as Obj) : {};
    const id = str(own(el, 'connector_id'), 200) ?? str(own(meta, 'connector_id'), 200) ?? str(own(apps, 'connector_id'), 200);
    if (!id) continue;
    let row = byId.get(id);
    if (!row) {
      row = { id, name: null, linkIds: [], toolCount: 0, syntheticCount: 0, unlinkedToolCount: 0, accountEmail: null, links: new Set() };
      byId.set(id, row);
    }
    row.name ??= str(own(el, 'connector_name')) ?? str(own(meta, 'connector_name')) ?? str(own(meta, 'connector_display_name'));
    if (own(apps, 'synthetic_link') === true) {
      row.syntheticCount += 1;
      continue;
    }
    row.toolCount += 1;
    row.accountEmail ??= str(own(apps, 'connected_account_email'), 320);
    const link = str(own(meta, 'link_id'), 200);
    if (link) row.links.add(link);
    else row.unlinkedToolCount += 1;
  }
  const connectors = [...byId.values()].map(({ links, ...rest }) => ({ ...rest, linkIds: [...links].sort() }));
  return { ok: true, schemaVersion, connectors, apps: [] };
}

function summarizeDirectory(list: unknown[]): DirectoryApp[] {
  const apps: DirectoryApp[] = [];
  for (const el of list) {
    if (!isObj(el)) continue;
    const id = str(own(el, 'id'), 200);
    if (!id) continue;
    apps.push({ id, name: str(own(el, 'name')), installUrl: str(own(el, 'installUrl'), 2048) });
  }
  return apps;
}
