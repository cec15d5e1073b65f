/**
 * `createRelinkApi(deps)`: the only backend behind Electron IPC and the e2e harness.
 *
 * Composes the read model (scanner), the backup store, the process probe and control, and
 * openExternal. Inputs arrive already validated by `dispatch.ts`; every method answers a
 * Result value, so expected failures cross IPC intact (style.md §3).
 */
import type { CodexState, MethodInput, MethodOutput, RelinkApi } from '../../shared/contract';
import type { RelinkMethod, Reply } from '../../shared/ipc';
import type { Result, Snapshot, StatusReport } from '../../shared/schemas';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import { resolveCodexHome } from './codex-home';
import type { Clock, Env, RandomHex } from './deps';
import type { Fs } from './fs-facade';
import type { ProcessControl } from './process-control';
import type { CodexProcess } from './process-probe';
import type { AuthFailure, LinkChange } from '../../shared/evidence';
import { DEFAULT_BACKENDS } from './api-backends';
import { createRecovery } from './api-recovery';
import type { LadderPorts } from './api-recovery';

/** A running process as the probe reports it (`kind`: `desktop`, `app-server` or `cli`). */
export type ProbedProcess = CodexProcess;

/** Lists running Codex processes (`electron/core/process-probe.ts`). */
export interface ProcessProbe {
  list(): Promise<ProbedProcess[]>;
}

/** Quits and relaunches Codex Desktop (`electron/core/process-control.ts`). */
export interface ProcessControlPort {
  quit(): Promise<Result<MethodOutput<'quitCodex'>>>;
  relaunch(): Promise<Result<MethodOutput<'relaunchCodex'>>>;
}

/** The read model: one scan of the caches (with evidence), and what that scan learned. */
export interface ScannerPort {
  scan(): Promise<StatusReport>;
  /** Link changes on record, oldest first (none without a drift log). */
  linkChanges?(): Promise<LinkChange[]>;
  /** The auth failures the last scan found. */
  lastFailures?(): AuthFailure[];
  /** The Codex version the last scan judged schemas against. */
  codexVersion?(): string | null;
  /** Stops the parse worker. */
  close?(): Promise<void>;
}

/** The backup store operations the api uses (`electron/core/store/index.ts`). */
export interface StorePort {
  recover(): Promise<Result<unknown>>;
  list(): Promise<Result<Snapshot[]>>;
  resetConnector(a: MethodInput<'resetConnector'>): Promise<Result<MethodOutput<'resetConnector'>>>;
  resetAll(a: MethodInput<'resetAll'>): Promise<Result<MethodOutput<'resetAll'>>>;
  restore(a: MethodInput<'restoreSnapshot'>): Promise<Result<MethodOutput<'restoreSnapshot'>>>;
  diff(a: MethodInput<'diffSnapshots'>): Promise<Result<MethodOutput<'diffSnapshots'>>>;
  label(a: MethodInput<'labelSnapshot'>): Promise<Result<MethodOutput<'labelSnapshot'>>>;
  /** Relink's own state folder (evidence cursors), created on demand. */
  stateDir?(): Promise<string>;
}

/** What the backends need to start: the shared world plus the resolved CODEX_HOME. */
export interface BackendContext {
  fs: Fs;
  clock: Clock;
  env: Env;
  codexHome: string;
  storeDir?: string;
  random?: RandomHex;
  probe: ProcessProbe;
  appVersion: string;
  /** The read model, for the store's connector lists in manifests. */
  inventory: () => Promise<StatusReport>;
  /** The store's state folder for incremental evidence cursors; undefined when unavailable. */
  stateDir: () => Promise<string | undefined>;
}

/** Factories for the read model and the store; omitted ones use the real modules (see `DEFAULT_BACKENDS`). */
export interface Backends {
  createScanner?: (ctx: BackendContext) => ScannerPort;
  openStore?: (ctx: BackendContext) => StorePort;
}

/** Everything the api needs; composition roots (main, e2e harness) build it once. */
export interface ApiDeps {
  /** The file-system facade (real, or a fault-injecting wrapper in tests). */
  fs: Fs;
  clock: Clock;
  env: Env;
  /** CODEX_HOME as given; may not exist (getStatus then answers `codex-home-missing`). */
  codexHome: string;
  /** Where backups live; defaults to the store's own choice (RELINK_STORE or beside CODEX_HOME). */
  storeDir?: string;
  /** Lists running Codex processes (the e2e harness scripts a fake). */
  probe: ProcessProbe;
  /** Quits and relaunches Codex Desktop; absent → those calls answer `unsupported`. */
  processControl?: ProcessControlPort;
  /** Opens an already allow-listed URL in the OS browser (`shell.openExternal` in main). */
  openExternal: (url: string) => Promise<void>;
  /** Hides the popup window (main); absent in the e2e harness → `{ hidden: false }`. */
  hidePopup?: () => void;
  /** Relink's version, recorded in manifests. */
  appVersion: string;
  /** Random hex for snapshot ids; defaults to the store's crypto source. */
  random?: RandomHex;
  /** Read-model and store factories, for tests; omitted ones use `DEFAULT_BACKENDS`. */
  backends?: Backends;
  /** What the recovery ladder drives (process control, app-server); absent → `reconnect` answers `unsupported`. */
  ladder?: LadderPorts;
}

type Fail = Extract<Reply<never>, { ok: false }>;
const fail = (code: Fail['code'], message: string): Fail => ({ ok: false, code, message });
const unsupported = (what: string): Fail => fail('unsupported', `${what} is not available yet`);

/** The api plus its shutdown (not an IPC method: the dispatcher only serves RELINK_METHODS). */
export type ClosableApi = RelinkApi & { close(): Promise<void> };

/** Builds the api over `deps`; nothing touches the disk until a method is called. */
export function createRelinkApi(deps: ApiDeps): ClosableApi {
  const backends: Backends = { ...DEFAULT_BACKENDS, ...deps.backends };
  let ctxPromise: Promise<Result<BackendContext>> | null = null;
  let scanner: ScannerPort | null = null;
  let store: { port: StorePort; recovered: Promise<Result<unknown>> | null } | null = null;

  const context = async (): Promise<Result<BackendContext>> => {
    const home = await resolveCodexHome(deps.fs, deps.env, deps.codexHome);
    if (!home.ok) return fail(home.code, home.message);
    const ctx: BackendContext = {
      fs: deps.fs, clock: deps.clock, env: deps.env, codexHome: home.path, storeDir: deps.storeDir,
      random: deps.random, probe: deps.probe, appVersion: deps.appVersion,
      inventory: () => getScanner(ctx).scan(),
      stateDir: async () => {
        if (!backends.openStore) return undefined;
        try {
          return await getStore(ctx).port.stateDir?.();
        } catch {
          return undefined;
        }
      },
    };
    return { ok: true, value: ctx };
  };
  // Resolve once it succeeds; a missing home is re-checked on every call (it may appear later).
  const ctx = async (): Promise<Result<BackendContext>> => {
    ctxPromise ??= context();
    const r = await ctxPromise;
    if (!r.ok) ctxPromise = null;
    return r;
  };
  const getScanner = (c: BackendContext): ScannerPort => {
    if (!backends.createScanner) throw new Error('no scanner');
    return (scanner ??= backends.createScanner(c));
  };
  const getStore = (c: BackendContext) => (store ??= { port: backends.openStore!(c), recovered: null });
  const withStore = async <T>(what: string, run: (s: StorePort) => Promise<Result<T>>): Promise<Result<T>> => {
    if (!backends.openStore) return unsupported(what);
    const c = await ctx();
    if (!c.ok) return c;
    const s = getStore(c.value);
    // Finish any interrupted operation before the first action (reliability.md rule: recover on open).
    s.recovered ??= s.port.recover();
    const rec = await s.recovered;
    if (!rec.ok) {
      s.recovered = null;
      return rec;
    }
    return run(s.port);
  };

  const api: RelinkApi = {
    async getStatus() {
      if (!backends.createScanner) return unsupported('The connector scan');
      const c = await ctx();
      if (!c.ok) return c;
      return { ok: true, value: await getScanner(c.value).scan() };
    },
    listSnapshots: () => withStore('Backup history', (s) => s.list()),
    resetConnector: (a) => withStore('Reset', (s) => s.resetConnector(a)),
    resetAll: (a) => withStore('Reset', (s) => s.resetAll(a)),
    restoreSnapshot: (a) => withStore('Restore', (s) => s.restore(a)),
    diffSnapshots: (a) => withStore('Diff', (s) => s.diff(a)),
    labelSnapshot: (a) => withStore('Labels', (s) => s.label(a)),
    getCodexState: async () => ({ ok: true, value: codexState(await deps.probe.list()) }),
    quitCodex: async () => (deps.processControl ? deps.processControl.quit() : unsupported('Quitting Codex')),
    relaunchCodex: async () => (deps.processControl ? deps.processControl.relaunch() : unsupported('Relaunching Codex')),
    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url)) return fail('bad-input', 'Relink only opens https://chatgpt.com links');
      await deps.openExternal(url);
      return { ok: true, value: { opened: true } };
    },
    async hidePopup() {
      deps.hidePopup?.();
      return { ok: true, value: { hidden: deps.hidePopup !== undefined } };
    },
    async listLinkChanges() {
      if (!backends.createScanner) return unsupported('Link history');
      const c = await ctx();
      if (!c.ok) return c;
      const changes = (await getScanner(c.value).linkChanges?.()) ?? [];
      return { ok: true, value: [...changes].reverse() };
    },
    reconnect: (a) =>
      withStore('Reconnect', async (store) => {
        const c = await ctx();
        if (!c.ok) return c;
        if (!deps.ladder) return unsupported('The recovery ladder');
        return recovery(c.value, store).reconnect(a);
      }),
    async getReport(a) {
      const c = await ctx();
      if (!c.ok) return c;
      return recovery(c.value, null).report(a);
    },
  };
  const recovery = (c: BackendContext, store: StorePort | null) =>
    createRecovery({ ...c, scanner: getScanner(c), store, ladder: deps.ladder, openExternal: deps.openExternal, relinkVersion: deps.appVersion });
  return {
    ...api,
    async close() {
      await scanner?.close?.();
      scanner = null;
    },
  };
}

/** Adapts the ladder's process control (`process-control.ts`) to the api's quit/relaunch port. */
export function processControlPort(pc: ProcessControl): ProcessControlPort {
  return {
    async quit() {
      const r = await pc.quitDesktop();
      if (!r.ok) return r;
      return { ok: true, value: { done: true, message: r.value.wasRunning ? 'Codex quit' : 'Codex was not running' } };
    },
    async relaunch() {
      const r = await pc.launchDesktop();
      return r.ok ? { ok: true, value: { done: true, message: 'Codex is starting' } } : r;
    },
  };
}

/** Summarises probed processes for the UI (plain JSON, no kinds it does not need). */
export function codexState(list: ProbedProcess[]): CodexState {
  return {
    running: list.length > 0,
    desktopRunning: list.some((p) => p.kind === 'desktop'),
    processes: list.map((p) => ({ pid: p.pid, name: p.name })),
  };
}

/** Methods that change files or processes; the dispatcher runs these one at a time. */
export const MUTATING_METHODS: ReadonlySet<RelinkMethod> = new Set<RelinkMethod>([
  'resetConnector',
  'resetAll',
  'restoreSnapshot',
  'labelSnapshot',
  'quitCodex',
  'relaunchCodex',
  'reconnect',
]);
