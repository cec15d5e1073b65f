/**
 * The read model: scans CODEX_HOME's four cache folders into a `StatusReport`.
 *
 * Parsed results are reused while an entry's (dev, inode, size, mtime, ctime) is unchanged, so
 * a rescan of an unchanged home costs about one `lstat` per file. Parsing runs in a worker.
 */
import * as path from 'node:path';
import type { CacheFile, CacheKind, Connector, StatusReport } from '../../shared/schemas';
import { CACHE_KINDS, cacheDir, identityOf, isCacheEntryName, isCodexTemp, relCachePath } from './cache-layout';
import { readEntry, statEntry } from './cache-reader';
import type { CodexVersion } from './codex-version';
import { detectCodexVersion } from './codex-version';
import type { Clock, Env } from './deps';
import type { DirectoryApp, EntrySummary, ToolsConnector } from './entry-summary';
import type { Fs } from './fs-facade';
import { errnoOf } from './fs-facade';
import { buildConnectors, directoryIndex } from './inventory';
import type { Parser } from './parser';
import { createWorkerParser } from './parser';
import { judgeFile } from './file-verdict';

/** Adds evidence-based health to cache-only rows (the evidence module provides it). */
export type EvidenceStep = (rows: Connector[], toolsMtimeByIdentity: Map<string, Date>) => Promise<Connector[]>;

/** What the scanner needs. */
export interface ScannerDeps {
  fs: Fs;
  clock: Clock;
  /** Canonical CODEX_HOME (see resolveCodexHome). */
  codexHome: string;
  env: Env;
  /** Default: a worker parser owned (and closed) by the scanner. */
  parser?: Parser;
  evidence?: EvidenceStep;
  /** Default: detectCodexVersion, cached for a minute. */
  codexVersion?: () => Promise<CodexVersion | null>;
}

/** A scanner keeps its parse cache between scans; close it to stop its worker. */
export interface Scanner {
  scan(): Promise<StatusReport>;
  /** The Codex version the last scan judged schemas against, if known. */
  lastCodexVersion(): CodexVersion | null;
  close(): Promise<void>;
}

interface Cached {
  fingerprint: string;
  file: Omit<CacheFile, 'state' | 'message'> & { state: CacheFile['state']; message: string | null };
  summary: EntrySummary | null;
}

const VERSION_TTL_MS = 60_000;
const STAT_CONCURRENCY = 32;

/** Creates a scanner over one CODEX_HOME. */
export function createScanner(deps: ScannerDeps): Scanner {
  const cache = new Map<string, Cached>();
  let parser = deps.parser;
  let version: { at: number; value: CodexVersion | null } | null = null;
  const getParser = () => (parser ??= createWorkerParser());
  const versionCache = new Map<string, { stamp: string; out: string | null }>();

  const codexVersion = async () => {
    const now = deps.clock.now().getTime();
    if (!version || now - version.at > VERSION_TTL_MS || now < version.at) {
      const value = deps.codexVersion ? await deps.codexVersion() : await detectCodexVersion({ ...deps, versionCache });
      version = { at: now, value };
    }
    return version.value;
  };

  const scanEntry = async (kind: CacheKind, name: string, detected: CodexVersion | null): Promise<Cached> => {
    const abs = path.join(cacheDir(deps.codexHome, kind), name);
    const st = await statEntry(deps.fs, deps.codexHome, abs);
    const key = `${abs}\n${detected?.version ?? ''}`;
    const hit = cache.get(key);
    if (hit && hit.fingerprint === st.fingerprint && st.state === 'readable') return hit;
    const base = { kind, path: relCachePath(kind, name), identity: identityOf(name), symlink: st.symlink };
    const stamp = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    let entry: Cached;
    if (st.state !== 'readable') {
      entry = { fingerprint: st.fingerprint, summary: null, file: { ...base, state: st.state, schemaVersion: null, bytes: st.bytes, modifiedAt: stamp(st.mtimeMs), message: st.message } };
    } else {
      const read = await readEntry(deps.fs, deps.codexHome, abs);
      if (!read.ok) {
        const s = read.stat;
        entry = { fingerprint: s.fingerprint, summary: null, file: { ...base, symlink: s.symlink, state: s.state === 'readable' ? 'unreadable' : s.state, schemaVersion: null, bytes: s.bytes, modifiedAt: stamp(s.mtimeMs), message: s.message } };
      } else {
        const summary = await getParser().parse(kind, read.bytes);
        const verdict = judgeFile(kind, summary, detected);
        entry = { fingerprint: st.fingerprint, summary, file: { ...base, ...verdict, bytes: read.stat.bytes, modifiedAt: stamp(read.stat.mtimeMs) } };
      }
    }
    cache.set(key, entry);
    return entry;
  };

  return {
    async scan() {
      const detected = await codexVersion();
      const entries: Cached[] = [];
      const seen = new Set<string>();
      for (const kind of CACHE_KINDS) {
        const names = await listEntries(deps.fs, cacheDir(deps.codexHome, kind));
        // Bounded concurrency: stats overlap, parses still queue one at a time in the worker.
        for (let i = 0; i < names.length; i += STAT_CONCURRENCY) {
          const batch = names.slice(i, i + STAT_CONCURRENCY);
          entries.push(...(await Promise.all(batch.map((name) => scanEntry(kind, name, detected)))));
          for (const name of batch) seen.add(`${path.join(cacheDir(deps.codexHome, kind), name)}\n${detected?.version ?? ''}`);
        }
      }
      for (const k of cache.keys()) if (!seen.has(k)) cache.delete(k);
      const files = entries.map((e) => e.file as CacheFile);
      let connectors = buildConnectors(toolsViews(entries), directoryIndex(directoryApps(entries)));
      if (deps.evidence) connectors = await deps.evidence(connectors, toolsMtimes(files));
      return { codexHome: deps.codexHome, scannedAt: deps.clock.now().toISOString(), files, connectors };
    },
    lastCodexVersion: () => version?.value ?? null,
    async close() {
      if (!deps.parser && parser) await parser.close();
      parser = undefined;
    },
  };
}

/** Lists cache entry names in a folder, sorted; a missing or unlistable folder has none. */
async function listEntries(fs: Fs, dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(dir);
    return names.filter((n) => !isCodexTemp(n) && isCacheEntryName(n)).sort();
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return [];
    throw err;
  }
}

function toolsViews(entries: Cached[]) {
  return entries
    .filter((e) => e.file.kind === 'codex_apps_tools')
    .map((e) => ({ file: e.file as CacheFile, connectors: readableConnectors(e) }));
}

function readableConnectors(e: Cached): ToolsConnector[] | null {
  if (!e.summary?.ok) return null;
  // Best-effort reading covers the shapes Relink knows (tools schema 1–4), not unknown ones.
  return e.summary.schemaVersion >= 1 && e.summary.schemaVersion <= 4 ? e.summary.connectors : null;
}

function directoryApps(entries: Cached[]): DirectoryApp[][] {
  return entries.filter((e) => e.file.kind === 'codex_app_directory' && e.summary?.ok).map((e) => (e.summary as { apps: DirectoryApp[] }).apps);
}

function toolsMtimes(files: CacheFile[]): Map<string, Date> {
  const m = new Map<string, Date>();
  for (const f of files) if (f.kind === 'codex_apps_tools' && f.modifiedAt) m.set(f.identity, new Date(f.modifiedAt));
  return m;
}
