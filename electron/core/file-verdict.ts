/**
 * Turns a parse summary into a file state and message, against the user's Codex version.
 */
import type { CacheFile, CacheKind } from '../../shared/schemas';
import type { CodexVersion } from './codex-version';
import { NEWEST_TOOLS_SCHEMA, OTHER_CACHE_SCHEMA, toolsSchemaFor } from './codex-version';
import type { EntrySummary } from './entry-summary';

type Verdict = Pick<CacheFile, 'state' | 'schemaVersion' | 'message'>;

const AFTERMATH: Record<CacheKind, string> = {
  codex_apps_tools: 'Codex ignores it and rebuilds it on its next successful connection',
  codex_apps_server_info: 'Codex ignores it and rebuilds it on its next successful connection',
  codex_app_directory: 'Codex deletes it and fetches the directory again',
  remote_plugin_catalog: 'Codex deletes it and fetches the catalog again',
};

/** State of a file whose bytes were read, given what parsing found. */
export function judgeFile(kind: CacheKind, summary: EntrySummary | { ok: false; reason: string; parserFailed?: true; relinkLimit?: true; schemaVersion: null }, codex: CodexVersion | null): Verdict {
  if (!summary.ok) {
    if ('parserFailed' in summary || ('relinkLimit' in summary && summary.relinkLimit)) {
      return { state: 'unreadable', schemaVersion: null, message: `${summary.reason}.` };
    }
    return { state: 'corrupt', schemaVersion: summary.schemaVersion, message: `${summary.reason}: ${AFTERMATH[kind]}.` };
  }
  const sv = summary.schemaVersion;
  if (kind !== 'codex_apps_tools') {
    if (sv === OTHER_CACHE_SCHEMA) return { state: 'ok', schemaVersion: sv, message: null };
    return { state: 'unsupported-schema', schemaVersion: sv, message: `has schema_version ${sv}; every Codex release Relink knows writes ${OTHER_CACHE_SCHEMA}: ${AFTERMATH[kind]}.` };
  }
  if (sv > NEWEST_TOOLS_SCHEMA || sv < 1) {
    return { state: 'unsupported-schema', schemaVersion: sv, message: `has schema_version ${sv}, which no Codex release Relink knows writes (newest: ${NEWEST_TOOLS_SCHEMA}); Relink cannot read its connectors. Update Relink.` };
  }
  const expected = toolsSchemaFor(codex?.version ?? null);
  // A file newer than the detected Codex reads means a newer Codex wrote it: detection is stale.
  if (sv >= expected) return { state: 'ok', schemaVersion: sv, message: null };
  const who = codex ? `Codex ${codex.version} (from ${codex.source})` : 'current Codex';
  return {
    state: 'unsupported-schema',
    schemaVersion: sv,
    message: `has tools schema ${sv}, but ${who} reads only schema ${expected}: ${AFTERMATH[kind]}. Shown read-only.`,
  };
}
