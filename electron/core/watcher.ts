/**
 * Watches Codex's cache folders and calls back once per burst of changes (debounced).
 *
 * Codex rewrites a cache with write-temp-then-rename (codex-caches.md §1), so one update is
 * several events; the callback fires once after things go quiet. Folders that do not exist
 * yet (a fresh CODEX_HOME) are picked up when their parent changes or on the next retry tick.
 */
import * as path from 'node:path';
import { CACHE_KINDS } from '../../shared/schemas';
import { isCodexTemp } from './cache-layout';

/** A started watch; `close` stops it. */
export interface WatchHandle {
  close(): void;
}

/**
 * Starts watching one directory (non-recursive); throws when it cannot (e.g. ENOENT).
 *
 * `onEvent` gets the changed entry's name when known; `onError` fires when the watch dies
 * (the folder was removed), after which the watcher re-arms it.
 */
export type WatchDir = (dir: string, onEvent: (name: string | null) => void, onError: () => void) => WatchHandle;

/** Timer functions, injectable so tests control time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Options of `watchCaches`. */
export interface CacheWatchOptions {
  codexHome: string;
  watchDir: WatchDir;
  onChange: () => void;
  /** Quiet period before `onChange` fires (default 300 ms). */
  debounceMs?: number;
  /** How often to retry folders that could not be watched (default 5 s). */
  retryMs?: number;
  timers?: Timers;
}

/** The folders watched: CODEX_HOME itself (for `cache/` appearing), `cache/`, and the four kinds. */
export function watchedDirs(codexHome: string): string[] {
  const cache = path.join(codexHome, 'cache');
  return [codexHome, cache, ...CACHE_KINDS.map((k) => path.join(cache, k))];
}

/** Starts watching; returns a handle that stops every watch and timer. */
export function watchCaches(opts: CacheWatchOptions): WatchHandle {
  const timers = opts.timers ?? (globalThis as unknown as Timers);
  const debounceMs = opts.debounceMs ?? 300;
  const dirs = watchedDirs(opts.codexHome);
  const active = new Map<string, WatchHandle>();
  let pending: unknown = null;
  let closed = false;

  const fire = () => {
    if (closed) return;
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = null;
      if (!closed) opts.onChange();
    }, debounceMs);
  };
  const arm = (): boolean => {
    let armedNew = false;
    for (const dir of dirs) {
      if (closed || active.has(dir)) continue;
      try {
        const h = opts.watchDir(dir, (name) => onEvent(dir, name), () => drop(dir));
        active.set(dir, h);
        armedNew = true;
      } catch {
        // Not there yet (or not readable): retried on the next parent event or tick.
      }
    }
    return armedNew;
  };
  const drop = (dir: string) => {
    active.get(dir)?.close();
    active.delete(dir);
    fire();
  };
  const onEvent = (dir: string, name: string | null) => {
    // In-flight files of Codex's atomic writer: the rename that follows is the real change.
    if (name !== null && isCodexTemp(name)) return;
    // CODEX_HOME holds logs, sessions and databases: only `cache` concerns us there.
    if (dir === opts.codexHome && name !== null && name !== 'cache') return;
    // A watched sub-folder was created, renamed or removed: re-arm it from scratch (inotify
    // watches die silently with their folder).
    const child = name === null ? null : path.join(dir, name);
    if (child !== null && dirs.includes(child)) {
      active.get(child)?.close();
      active.delete(child);
    }
    if (child === null || dirs.includes(child)) arm();
    fire();
  };

  arm();
  const retry = timers.setInterval(() => {
    if (arm()) fire();
  }, opts.retryMs ?? 5000);
  // The retry tick alone must not keep a process alive (CLI, tests, a quitting app).
  (retry as { unref?: () => void } | null)?.unref?.();
  return {
    close() {
      closed = true;
      timers.clearInterval(retry);
      if (pending !== null) timers.clearTimeout(pending);
      for (const h of active.values()) h.close();
      active.clear();
    },
  };
}
