/**
 * The app's side of the recovery ladder and the bug report (issue 4), over the api's scanner
 * and store, so the popup runs exactly what `relink reconnect` and `relink report` run.
 */
import * as os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { MethodInput, MethodOutput } from '../../shared/contract';
import type { Result } from '../../shared/schemas';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import type { AppLister } from './app-server-client';
import { findCodexOnPath, listAppsViaAppServer } from './app-server-client';
import type { BackendContext, ScannerPort, StorePort } from './api';
import { createLadderLog, runLadder } from './ladder';
import type { ProcessControl } from './process-control';
import { buildReport, renderMarkdown } from './report';

/** What the ladder drives in the app: Desktop control and (optionally) a fixed `codex` binary. */
export interface LadderPorts {
  control: ProcessControl;
  sleep(ms: number): Promise<void>;
  /** The `codex` CLI for the soft refresh; default: found on PATH. Null → that rung is skipped. */
  codexBin?: () => Promise<string | null>;
  /** Bound on waiting for the regenerated tools cache (default: the ladder's). */
  regenTimeoutMs?: number;
}

/** Everything createRecovery needs from the api. */
export interface RecoveryDeps extends BackendContext {
  scanner: ScannerPort;
  store: StorePort | null;
  ladder?: LadderPorts;
  openExternal(url: string): Promise<void>;
  relinkVersion: string;
}

/** Reconnect and report, for one api call. */
export function createRecovery(d: RecoveryDeps) {
  const stateDir = async () => (await d.stateDir()) ?? null;
  return {
    async reconnect(a: MethodInput<'reconnect'>): Promise<Result<MethodOutput<'reconnect'>>> {
      const dir = await stateDir();
      if (!d.ladder || !d.store || !dir) return { ok: false, code: 'unsupported', message: 'The recovery ladder needs the backup store, which is not available.' };
      const ports = d.ladder;
      const store = d.store;
      const log = createLadderLog(d.fs, dir);
      const bin = await (ports.codexBin ?? (() => findCodexOnPath(d.fs, d.env)))();
      const listApps: AppLister | null = bin
        ? () => listAppsViaAppServer({ codexBin: bin, codexHome: d.codexHome, clientVersion: d.relinkVersion, childEnv: { PATH: d.env.PATH, HOME: d.env.home }, platform: d.env.platform })
        : null;
      // URLs leave through Electron's shell, behind the same allow-list as openExternal.
      const control: ProcessControl = {
        ...ports.control,
        async openUrl(url) {
          if (!isAllowedExternalUrl(url)) return { ok: false, code: 'bad-input', message: 'Relink only opens https://chatgpt.com links' };
          await d.openExternal(url);
          return { ok: true, value: null };
        },
      };
      return runLadder(
        {
          clock: d.clock,
          sleep: ports.sleep,
          scan: () => d.scanner.scan(),
          listApps,
          control,
          probe: d.probe,
          reset: (i) => store.resetConnector(i),
          confirmQuit: async () => a.allowQuit,
          record: (s) => log.record(s),
          runId: `${d.clock.now().toISOString().replace(/[-:.]/g, '')}-${(d.random ?? ((n: number) => randomBytes(n).toString('hex')))(3)}`,
          regenTimeoutMs: ports.regenTimeoutMs,
        },
        { connectorId: a.connectorId, identity: a.identity, force: a.force },
      );
    },

    async report(a: MethodInput<'getReport'>): Promise<Result<MethodOutput<'getReport'>>> {
      const status = await d.scanner.scan();
      const dir = await stateDir();
      const r = buildReport({
        status,
        connectorId: a.connectorId,
        identity: a.identity,
        failures: d.scanner.lastFailures?.() ?? [],
        changes: (await d.scanner.linkChanges?.()) ?? [],
        steps: dir ? await createLadderLog(d.fs, dir).list() : [],
        codexVersion: d.scanner.codexVersion?.() ?? null,
        os: `${d.env.platform} ${os.release()} ${os.arch()}`,
        relinkVersion: d.relinkVersion,
        now: d.clock.now(),
        redact: a.reveal !== true,
        home: d.env.home,
      });
      return r.ok ? { ok: true, value: { markdown: renderMarkdown(r.value), report: r.value } } : r;
    },
  };
}
