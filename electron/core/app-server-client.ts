/**
 * A bounded JSON-RPC client for `codex app-server` over stdio (codex-caches.md §12.3).
 *
 * Newline-delimited JSON-RPC 2.0 with the `"jsonrpc"` field omitted: `initialize` →
 * `initialized` → `app/list {forceRefetch}`. `app/list/updated` notifications are collected
 * (they carry `isAccessible`, built from the cache files; toolchain.md §14). The child always
 * ends: on answer, error, crash or timeout it gets SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Result } from '../../shared/schemas';
import type { Env } from './deps';
import type { Fs } from './fs-facade';

/** One app as `app/list` or `app/list/updated` reports it. */
export interface AppEntry {
  id: string;
  name: string;
  isAccessible: boolean;
  installUrl: string | null;
}

/** What one app-server session told us. */
export interface AppListOutcome {
  codexHome: string | null;
  userAgent: string | null;
  /** `app/list` result rows, or null when the request failed (`listError`). */
  apps: AppEntry[] | null;
  /** The last `app/list/updated` notification's rows, or null when none came. */
  updated: AppEntry[] | null;
  listError: string | null;
}

/** How to run the app-server. */
export interface AppServerOptions {
  codexBin: string;
  codexHome: string;
  clientVersion: string;
  /** Whole-session bound (default 20 s). */
  timeoutMs?: number;
  forceRefetch?: boolean;
  /** Environment of the child (CODEX_HOME is always set to `codexHome`). */
  childEnv?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

/** The app-server call behind an interface, so the ladder can take a fake. */
export type AppLister = () => Promise<Result<AppListOutcome>>;

const DEFAULT_TIMEOUT_MS = 20_000;
const KILL_GRACE_MS = 1_500;
const MAX_LINE_CHARS = 32 * 1024 * 1024;

type Msg = { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };

/** Rows of an app list payload; malformed entries are dropped. */
export function appEntries(data: unknown): AppEntry[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((a) => {
    const o = a as Record<string, unknown> | null;
    if (typeof o?.id !== 'string' || typeof o.name !== 'string') return [];
    return [{ id: o.id, name: o.name, isAccessible: o.isAccessible === true, installUrl: typeof o.installUrl === 'string' ? o.installUrl : null }];
  });
}

/** Finds an executable `codex` on PATH (`codex.exe`/`.cmd` on Windows), or null. */
export async function findCodexOnPath(fs: Fs, env: Env): Promise<string | null> {
  const names = env.platform === 'win32' ? ['codex.exe', 'codex.cmd'] : ['codex'];
  for (const dir of (env.PATH ?? '').split(env.platform === 'win32' ? ';' : ':')) {
    if (!dir || !path.isAbsolute(dir)) continue; // a relative PATH entry would run whatever is in cwd
    for (const n of names) {
      try {
        const st = await fs.stat(path.join(dir, n));
        if (st.isFile() && (env.platform === 'win32' || (st.mode & 0o111) !== 0)) return path.join(dir, n);
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Runs one bounded app-server session: handshake, then `app/list`. Never throws. */
export function listAppsViaAppServer(opts: AppServerOptions): Promise<Result<AppListOutcome>> {
  return new Promise((resolve) => {
    const platform = opts.platform ?? process.platform;
    let child: ChildProcess;
    try {
      child = spawn(opts.codexBin, ['app-server'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...opts.childEnv, CODEX_HOME: opts.codexHome },
        detached: platform !== 'win32', // own process group, so its helpers end with it
        windowsHide: true,
      });
    } catch (err) {
      resolve({ ok: false, code: 'not-found', message: `cannot start ${opts.codexBin}: ${(err as Error).message}` });
      return;
    }
    new Session(child, opts, platform, resolve).start();
  });
}

/** One app-server conversation; settles exactly once and always stops the child. */
class Session {
  private readonly out: AppListOutcome = { codexHome: null, userAgent: null, apps: null, updated: null, listError: null };
  private stderr = '';
  private buf = '';
  private settled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly opts: AppServerOptions,
    private readonly platform: NodeJS.Platform,
    private readonly resolve: (r: Result<AppListOutcome>) => void,
  ) {}

  start(): void {
    const ms = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timer = setTimeout(() => this.finish({ ok: false, code: 'io-error', message: `codex app-server did not answer within ${Math.round(ms / 1000)} s` }), ms);
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code === 'ENOENT' || err.code === 'EACCES' ? 'not-found' : 'io-error';
      this.finish({ ok: false, code, message: `cannot start codex app-server (${err.code ?? err.message})` });
    });
    // 'close' (not 'exit'): fires after stdout is drained, so a last answer is never lost.
    this.child.on('close', (code, signal) => this.finish({ ok: false, code: 'io-error', message: `codex app-server exited before answering (${signal ?? `exit ${code}`})${this.why()}` }));
    this.child.stdin?.on('error', () => undefined); // EPIPE when the child dies first; 'close' reports it
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-2048);
    });
    this.child.stdout?.on('data', (d: Buffer) => this.onStdout(d));
    this.send({ id: 1, method: 'initialize', params: { clientInfo: { name: 'relink', title: 'Relink', version: this.opts.clientVersion } } });
  }

  private why(): string {
    const last = this.stderr.trim().split('\n').at(-1) ?? '';
    return last ? `: ${last.slice(0, 200)}` : '';
  }

  private send(m: object): void {
    if (this.child.stdin?.writable) this.child.stdin.write(JSON.stringify(m) + '\n');
  }

  private finish(r: Result<AppListOutcome>): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    void stopChild(this.child, this.platform).then(() => this.resolve(r));
  }

  private onStdout(d: Buffer): void {
    this.buf += d.toString('utf8');
    if (this.buf.length > MAX_LINE_CHARS) return this.finish({ ok: false, code: 'io-error', message: 'codex app-server sent an over-long line' });
    for (let nl = this.buf.indexOf('\n'); nl !== -1 && !this.settled; nl = this.buf.indexOf('\n')) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      let msg: Msg;
      try {
        msg = JSON.parse(line) as Msg;
      } catch {
        continue; // not protocol: ignore
      }
      if (msg && typeof msg === 'object') this.onMessage(msg);
    }
  }

  private onMessage(msg: Msg): void {
    if (msg.method === 'app/list/updated') this.out.updated = appEntries((msg.params as { data?: unknown } | null)?.data);
    else if (msg.method !== undefined && msg.id !== undefined) this.send({ id: msg.id, error: { code: -32601, message: 'not supported by relink' } });
    else if (msg.id === 1) this.onInitialized(msg);
    else if (msg.id === 2) this.onList(msg);
  }

  private onInitialized(msg: Msg): void {
    if (msg.error !== undefined) return this.finish({ ok: false, code: 'io-error', message: `initialize failed: ${errText(msg.error)}` });
    const r = (msg.result ?? {}) as { codexHome?: unknown; userAgent?: unknown };
    this.out.codexHome = typeof r.codexHome === 'string' ? r.codexHome : null;
    this.out.userAgent = typeof r.userAgent === 'string' ? r.userAgent : null;
    this.send({ method: 'initialized' });
    this.send({ id: 2, method: 'app/list', params: { cursor: null, limit: 100, forceRefetch: this.opts.forceRefetch ?? true } });
  }

  private onList(msg: Msg): void {
    if (msg.error !== undefined) this.out.listError = errText(msg.error);
    else this.out.apps = appEntries((msg.result as { data?: unknown } | null)?.data);
    this.finish({ ok: true, value: this.out });
  }
}

function errText(e: unknown): string {
  const o = e as { code?: unknown; message?: unknown } | null;
  return `${typeof o?.message === 'string' ? o.message.slice(0, 200) : 'error'}${typeof o?.code === 'number' ? ` (${o.code})` : ''}`;
}

/** Ends the child (and its process group on POSIX): stdin closed, SIGTERM, then SIGKILL. */
async function stopChild(child: ChildProcess, platform: NodeJS.Platform): Promise<void> {
  child.stdout?.removeAllListeners('data');
  child.stdin?.end();
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      if (platform !== 'win32') process.kill(-child.pid!, sig);
      else child.kill(sig);
    } catch {
      child.kill(sig);
    }
  };
  kill('SIGTERM');
  const grace = new Promise<'late'>((r) => setTimeout(() => r('late'), KILL_GRACE_MS).unref());
  if ((await Promise.race([exited.then(() => 'gone' as const), grace])) === 'late') {
    kill('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, KILL_GRACE_MS).unref())]);
  }
}
