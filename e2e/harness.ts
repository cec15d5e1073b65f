/**
 * The e2e backend: a temp CODEX_HOME copied from a fixture tree, the real core behind
 * `createDispatcher(createRelinkApi(deps))`, and `window.relink` injected into the page
 * (toolchain.md §7). Only the Codex process probe and process control are scripted fakes:
 * real Codex Desktop processes cannot be started or quit here.
 */
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { RELINK_METHODS } from '../shared/ipc';
import { createRelinkApi, type ProbedProcess } from '../electron/core/api';
import { createDispatcher, type Dispatch } from '../electron/core/dispatch';
import type { Clock } from '../electron/core/deps';
import { createNodeFs, type Fs } from '../electron/core/fs-facade';
import { createFaultFs, type FaultPlan } from '../electron/core/testing/fault-fs';

/** The fixture trees in `e2e/fixtures/codex-home/`. */
export type FixtureName = 'healthy' | 'stale-link' | 'invalid';

/** Repo copy of the fixtures (never `../shared`). */
export const FIXTURES = path.join(__dirname, 'fixtures', 'codex-home');

// Fixture mtimes (e2e/fixtures/README.md "mtimes matter"): stale-link's caches predate its failures.
const MTIMES: Record<FixtureName, string> = {
  healthy: '2026-05-27T12:00:00Z',
  'stale-link': '2026-05-27T14:42:11Z',
  invalid: '2026-05-27T12:00:00Z',
};

/** How to build a home. */
export interface HomeOptions {
  /** Fixture to copy; `null` leaves CODEX_HOME missing; `'empty'` creates a home with no caches. */
  fixture: FixtureName | 'empty' | null;
  /** Fail file-system calls the way `createFaultFs` plans (e.g. ENOSPC on backup writes). */
  fault?: (where: { codexHome: string; storeDir: string }) => FaultPlan;
}

/** A clock starting at a fixed time, a few seconds further at each reading (ids stay ordered). */
export function steppingClock(startIso = '2026-05-27T19:00:00.000Z', stepMs = 7_000): Clock & { set(iso: string): void } {
  let t = Date.parse(startIso);
  return {
    now: () => new Date((t += stepMs) - stepMs),
    set: (iso: string) => void (t = Date.parse(iso)),
  };
}

/** One test's backend: the temp folders, the scripted Codex processes, the real dispatcher. */
export class Backend {
  readonly root = mkdtempSync(path.join(tmpdir(), 'relink-e2e-'));
  readonly codexHome = path.join(this.root, 'codex-home');
  readonly storeDir = path.join(this.root, 'backups');
  readonly clock = steppingClock();
  /** URLs the api asked the OS to open. */
  readonly opened: string[] = [];
  /** Scripted Codex processes; tests toggle `codexRunning`. */
  codexRunning = false;
  /** Quit requests the fake process control received. */
  quitRequests = 0;
  /** How often the popup asked main to hide it. */
  hideRequests = 0;
  /** Runs when the recovery ladder relaunches Codex Desktop (a test plays Codex rebuilding its cache). */
  onLaunch: (() => void) | null = null;
  readonly dispatch: Dispatch;
  fs: Fs;

  constructor(opts: HomeOptions) {
    const base = createNodeFs({ noSync: true });
    this.fs = opts.fault ? createFaultFs(base, opts.fault({ codexHome: this.codexHome, storeDir: this.storeDir })).fs : base;
    if (opts.fixture === 'empty') mkdirSync(this.codexHome);
    else if (opts.fixture) copyFixture(opts.fixture, this.codexHome);
    const probe = { list: async (): Promise<ProbedProcess[]> => (this.codexRunning ? [{ pid: 4242, name: 'Codex', kind: 'desktop' }] : []) };
    const processControl = {
      quit: async () => {
        this.quitRequests += 1;
        this.codexRunning = false;
        return { ok: true as const, value: { done: true, message: 'Codex quit' } };
      },
      relaunch: async () => {
        this.codexRunning = true;
        return { ok: true as const, value: { done: true, message: 'Codex relaunched' } };
      },
    };
    const api = createRelinkApi({
      fs: this.fs,
      clock: this.clock,
      env: { home: this.root, platform: 'linux', PATH: '' },
      codexHome: this.codexHome,
      storeDir: this.storeDir,
      probe,
      processControl,
      openExternal: async (url) => void this.opened.push(url),
      hidePopup: () => void (this.hideRequests += 1),
      // The recovery ladder's process control: scripted like the probe (no Codex Desktop here).
      ladder: {
        control: {
          hasDesktop: true,
          quitDesktop: async () => {
            const wasRunning = this.codexRunning;
            this.quitRequests += 1;
            this.codexRunning = false;
            return { ok: true as const, value: { wasRunning } };
          },
          launchDesktop: async () => {
            this.codexRunning = true;
            this.onLaunch?.();
            return { ok: true as const, value: null };
          },
          openUrl: async () => ({ ok: true as const, value: null }),
        },
        sleep: async () => undefined,
        codexBin: async () => null,
        regenTimeoutMs: 3_000,
      },
      appVersion: '0.0.0-e2e',
    });
    this.dispatch = createDispatcher(api);
    this.closeApi = () => api.close();
  }

  /** Stops the api's parse worker (called by dispose). */
  private closeApi: () => Promise<void>;

  /** Absolute path of a file in the temp CODEX_HOME. */
  file(rel: string): string {
    return path.join(this.codexHome, rel);
  }

  /**
   * Plays Codex rewriting a cache file: `after-regeneration` takes stale-link's rebuilt tools
   * file (new Linear link), `original` the fixture's own bytes (the server sent the same link).
   */
  regenerate(rel: string, source: 'after-regeneration' | 'original'): void {
    const from = source === 'original' ? path.join(FIXTURES, 'stale-link', rel) : path.join(FIXTURES, 'stale-link', 'after-regeneration', rel);
    mkdirSync(path.dirname(this.file(rel)), { recursive: true });
    copyFileSync(from, this.file(rel));
    chmodSync(this.file(rel), 0o600);
    // After the last recorded failure (18:05:40Z), as Codex would write it (e2e/fixtures/README.md).
    const t = new Date('2026-05-27T18:30:00Z');
    utimesSync(this.file(rel), t, t);
  }

  /** Every entry (file or symlink) under `cache/`, relative to CODEX_HOME, sorted. */
  cacheFiles(): string[] {
    const dir = path.join(this.codexHome, 'cache');
    if (!existsSync(dir)) return [];
    const out: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = path.join(d, n);
        if (lstatSync(p).isDirectory()) walk(p);
        else out.push(path.relative(this.codexHome, p).split(path.sep).join('/'));
      }
    };
    walk(dir);
    return out.sort();
  }

  /** Bytes (hex) and mtime of every cache entry; symlinks as their target. For byte-for-byte checks. */
  diskState(): Record<string, string> {
    return Object.fromEntries(
      this.cacheFiles().map((rel) => {
        const abs = this.file(rel);
        const st = lstatSync(abs);
        if (st.isSymbolicLink()) return [rel, `symlink -> ${readlinkSync(abs)}`];
        return [rel, `${readFileSync(abs).toString('hex')} @ ${st.mtimeMs} mode ${(st.mode & 0o777).toString(8)}`];
      }),
    );
  }

  /** Exposes every method and installs the frozen `window.relink` before the page loads. */
  async install(page: Page): Promise<void> {
    for (const m of RELINK_METHODS) await page.exposeFunction(`__relink_${m}`, (raw: unknown) => this.dispatch(m, raw));
    await page.addInitScript(installBridge, [...RELINK_METHODS]);
  }

  /** Fires `status:changed` in the page, as main does after its cache watcher fires. */
  async changed(page: Page): Promise<void> {
    await page.evaluate(() => (window as unknown as { __relink_fireChanged: () => void }).__relink_fireChanged());
  }

  /** Stops the backend's worker and removes the temp folders. */
  async dispose(): Promise<void> {
    await this.closeApi();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Copies a fixture tree (without the non-Codex `after-regeneration/` folder), then sets the
 * mtimes and the 0600 mode Codex's atomic writer gives cache files (git keeps neither).
 */
export function copyFixture(name: FixtureName, dest: string): void {
  cpSync(path.join(FIXTURES, name), dest, { recursive: true, filter: (src) => !src.includes('after-regeneration') });
  const t = new Date(MTIMES[name]);
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else {
        chmodSync(p, 0o600);
        utimesSync(p, t, t);
      }
    }
  };
  walk(path.join(dest, 'cache'));
}

/** Runs in the page before any script: builds the frozen bridge like the preload does. */
function installBridge(methods: string[]): void {
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Set<() => void>();
  const api: Record<string, unknown> = {};
  for (const m of methods) {
    // Looked up at call time: bindings are attached after init scripts run.
    api[m] = (input?: unknown) => (w[`__relink_${m}`] as (i: unknown) => Promise<unknown>)(input);
  }
  api.onChanged = (cb: () => void) => {
    listeners.add(cb);
    return () => void listeners.delete(cb);
  };
  Object.defineProperty(window, '__relink_fireChanged', { value: () => listeners.forEach((cb) => cb()) });
  Object.defineProperty(window, 'relink', { value: Object.freeze(api), enumerable: true });
}
