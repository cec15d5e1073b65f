/**
 * Quitting and relaunching Codex Desktop, and opening a URL in the browser (codex-caches.md §8,
 * §12.6–12.7), behind small interfaces so tests drive them with a fake command runner and a
 * scripted process table.
 *
 * macOS: AppleScript `quit app id "com.openai.codex"`, relaunch `open -b com.openai.codex`.
 * Windows: Store package `OpenAI.Codex` (untested: no Windows machine here). Linux: there is
 * no Codex Desktop; the CLI and IDE processes are the user's to close.
 */
import { execFile } from 'node:child_process';
import type { Failure, Result } from '../../shared/schemas';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import type { CodexProbe, CodexProcess } from './process-probe';

/** Codex Desktop's macOS bundle id (codex-rs/cli/src/desktop_app/mac.rs @0.145). */
export const MAC_BUNDLE_ID = 'com.openai.codex';
/** Codex Desktop's Windows Store package (codex-rs/cli/src/desktop_app/windows.rs @0.145). */
export const WINDOWS_PACKAGE = 'OpenAI.Codex';

/** What a command printed and how it ended. */
export interface CommandOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when it could not run at all (ENOENT, timeout). */
  error?: string;
}

/** Runs a command without a shell, bounded in time. */
export type CommandRunner = (file: string, args: string[], opts?: { timeoutMs?: number }) => Promise<CommandOutcome>;

/** Everything the ladder does to processes and the browser. */
export interface ProcessControl {
  /** Whether this OS has a Codex Desktop app at all. */
  hasDesktop: boolean;
  /** Asks Codex Desktop to quit and waits until it and its app-server are gone. */
  quitDesktop(): Promise<Result<{ wasRunning: boolean }>>;
  /** Launches Codex Desktop. */
  launchDesktop(): Promise<Result<null>>;
  /** Opens an allowed (https, chatgpt.com) URL in the default browser. */
  openUrl(url: string): Promise<Result<null>>;
}

/** What process control needs. */
export interface ProcessControlDeps {
  platform: NodeJS.Platform;
  probe: CodexProbe;
  run: CommandRunner;
  sleep: (ms: number) => Promise<void>;
  /** How long to wait for Desktop to exit (default 20 s). */
  quitTimeoutMs?: number;
  pollMs?: number;
}

/** The real runner on `execFile` (no shell: arguments are never interpreted). */
export function createCommandRunner(): CommandRunner {
  return (file, args, opts = {}) =>
    new Promise((resolve) => {
      execFile(file, args, { timeout: opts.timeoutMs ?? 15_000, windowsHide: true, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        const error = e && (typeof e.code === 'string' || e.killed) ? (e.killed ? 'timed out' : String(e.code)) : undefined;
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout: String(stdout), stderr: String(stderr), ...(error ? { error } : {}) });
      });
    });
}

const DESKTOP_KINDS = new Set<CodexProcess['kind']>(['desktop', 'app-server']);

const ps1Quit = `Get-Process | Where-Object { $_.Path -like '*\\WindowsApps\\${WINDOWS_PACKAGE}_*' } | ForEach-Object { [void]$_.CloseMainWindow() }`;
const ps1Launch = `$p = Get-AppxPackage -Name '${WINDOWS_PACKAGE}' | Select-Object -First 1; if (-not $p) { exit 3 }; Start-Process ("shell:AppsFolder\\" + $p.PackageFamilyName + "!App")`;

function failed(what: string, o: CommandOutcome): Failure {
  const why = o.error ?? (o.stderr.trim().split('\n').at(-1)?.slice(0, 200) || `exit ${o.code}`);
  return { ok: false, code: 'io-error', message: `${what} failed (${why})` };
}

/** Builds process control for `deps.platform`. */
export function createProcessControl(deps: ProcessControlDeps): ProcessControl {
  const hasDesktop = deps.platform === 'darwin' || deps.platform === 'win32';
  const noDesktop: Failure = { ok: false, code: 'unsupported', message: 'Codex Desktop does not exist on this OS; close any codex CLI or IDE sessions yourself' };
  const desktopProcs = async () => (await deps.probe.list()).filter((p) => DESKTOP_KINDS.has(p.kind));

  const waitGone = async (): Promise<boolean> => {
    const deadline = (deps.quitTimeoutMs ?? 20_000) / (deps.pollMs ?? 250);
    for (let i = 0; i <= deadline; i += 1) {
      if ((await desktopProcs()).length === 0) return true;
      await deps.sleep(deps.pollMs ?? 250);
    }
    return false;
  };

  return {
    hasDesktop,
    async quitDesktop() {
      if (!hasDesktop) return noDesktop;
      const before = await desktopProcs();
      if (before.length === 0) return { ok: true, value: { wasRunning: false } };
      const o = deps.platform === 'darwin' ? await deps.run('osascript', ['-e', `quit app id "${MAC_BUNDLE_ID}"`]) : await deps.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', ps1Quit]);
      if (o.code !== 0) return failed('asking Codex Desktop to quit', o);
      if (!(await waitGone())) {
        const left = (await desktopProcs()).map((p) => `${p.name} (${p.pid})`).join(', ');
        return { ok: false, code: 'codex-running', message: `Codex is still running after the quit request: ${left} (an IDE's codex app-server closes with the IDE)` };
      }
      return { ok: true, value: { wasRunning: true } };
    },
    async launchDesktop() {
      if (!hasDesktop) return noDesktop;
      const o = deps.platform === 'darwin' ? await deps.run('open', ['-b', MAC_BUNDLE_ID]) : await deps.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', ps1Launch]);
      return o.code === 0 ? { ok: true, value: null } : failed('launching Codex Desktop', o);
    },
    async openUrl(url) {
      // Only https on chatgpt.com (style.md §4); validated with URL parsing in shared/url-policy.
      if (!isAllowedExternalUrl(url)) return { ok: false, code: 'bad-input', message: 'refusing to open a URL that is not https on chatgpt.com' };
      const [file, args] =
        deps.platform === 'darwin' ? ['open', [url]] : deps.platform === 'win32' ? ['rundll32.exe', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
      const o = await deps.run(file, args as string[], { timeoutMs: 10_000 });
      return o.code === 0 ? { ok: true, value: null } : failed(`opening the browser (${file})`, o);
    },
  };
}
