/**
 * Detects a running Codex (Desktop app, `codex app-server`, `codex` CLI/TUI): Codex keeps its
 * tools in memory, so a reset or restore under it only takes effect after it restarts
 * (codex-caches.md §6, §12.6).
 *
 * Linux: `/proc/<pid>/cmdline` and `comm`. macOS: `ps -axo pid=,comm=,args=` (bounded, with a
 * timeout). Processes are matched by executable name, never by a substring of their arguments,
 * so `relink --codex-home …` and Relink's own processes never count.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { Fs } from './fs-facade';
import { createNodeFs } from './fs-facade';

/** A running Codex process. */
export interface CodexProcess {
  pid: number;
  name: string;
  kind: 'desktop' | 'app-server' | 'cli';
}

/** Lists running Codex processes; tests inject their own. */
export interface CodexProbe {
  list(): Promise<CodexProcess[]>;
}

/** Runs a command and returns stdout (tests inject a fake). */
export type ExecText = (file: string, args: string[]) => Promise<string>;

const CODEX_EXE = /^codex(\.exe|\.js)?$/i;
const DESKTOP = /\/(Codex|ChatGPT)\.app\/Contents\/MacOS\/[^/]+$/;
const MAX_PROCS = 100_000;
const APP_PATH = /^(.*?\.app\/Contents\/(?:MacOS|Resources)\/\S+)/;

/** Classifies one process from its executable path or name and its argv; null when not Codex. */
export function classifyProcess(exe: string, argv: string[]): CodexProcess['kind'] | null {
  if (DESKTOP.test(exe) && !/Helper/.test(exe)) return 'desktop';
  const base = path.basename(exe);
  // A node launcher running the npm wrapper: `node …/@openai/codex/bin/codex.js …`.
  const script = /^node(\.exe)?$/i.test(base) && argv[1] !== undefined ? path.basename(argv[1]) : null;
  if (!CODEX_EXE.test(base) && !(script !== null && CODEX_EXE.test(script))) return null;
  return argv.includes('app-server') ? 'app-server' : 'cli';
}

async function readSmall(fs: Fs, file: string): Promise<string | null> {
  try {
    const h = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await h.close();
    }
  } catch {
    return null; // exited meanwhile, or not ours to read
  }
}

async function listLinux(fs: Fs, procRoot: string, selfPid: number): Promise<CodexProcess[]> {
  const out: CodexProcess[] = [];
  const pids = (await fs.readdir(procRoot).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n)).slice(0, MAX_PROCS);
  for (const p of pids) {
    const pid = Number(p);
    if (pid === selfPid) continue;
    const cmdline = await readSmall(fs, path.join(procRoot, p, 'cmdline'));
    const comm = ((await readSmall(fs, path.join(procRoot, p, 'comm'))) ?? '').trim();
    const argv = (cmdline ?? '').split('\0').filter((a) => a.length > 0);
    const exe = argv[0] ?? comm;
    const kind = classifyProcess(exe, argv) ?? (argv.length === 0 || comm === 'codex' ? classifyProcess(comm, argv) : null);
    if (kind) out.push({ pid, name: comm || path.basename(exe), kind });
  }
  return out;
}

/** Parses `ps -axo pid=,comm=,args=` output (macOS `comm` is the executable path). */
export function parsePs(text: string, selfPid: number): CodexProcess[] {
  const out: CodexProcess[] = [];
  for (const line of text.split('\n').slice(0, MAX_PROCS)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === selfPid) continue;
    const rest = m[2]!;
    // comm (an executable path, spaces allowed inside an .app bundle) then args (argv0 first).
    const exe = APP_PATH.exec(rest)?.[1] ?? rest.split(/\s+/)[0]!;
    const args = rest.slice(exe.length).trim().split(/\s+/).filter((a) => a.length > 0);
    const kind = classifyProcess(exe, args);
    if (kind) out.push({ pid, name: path.basename(exe), kind });
  }
  return out;
}

function defaultExec(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** The real probe for `platform`; `fs`, `procRoot` and `exec` are for tests. */
export function createSystemProbe(opts: { platform: NodeJS.Platform; selfPid: number; fs?: Fs; procRoot?: string; exec?: ExecText }): CodexProbe {
  const fs = opts.fs ?? createNodeFs();
  return {
    async list() {
      if (opts.platform === 'linux') return listLinux(fs, opts.procRoot ?? '/proc', opts.selfPid);
      if (opts.platform === 'darwin') {
        const text = await (opts.exec ?? defaultExec)('/bin/ps', ['-axo', 'pid=,comm=,args=']).catch(() => '');
        return parsePs(text, opts.selfPid);
      }
      return [];
    },
  };
}
