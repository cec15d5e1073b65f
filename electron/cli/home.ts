/**
 * Shared CLI plumbing: resolving CODEX_HOME and building the scanner once per run.
 */
import { resolveCodexHome } from '../core/codex-home';
import type { Scanner } from '../core/status';
import { createScanner } from '../core/status';
import type { Parser } from '../core/parser';
import type { CodexVersion } from '../core/codex-version';
import { evidenceStep } from '../core/status-evidence';
import type { CliContext, ParsedArgs } from './types';
import { EXIT } from './types';

/**
 * Resolves the home from `--codex-home`, `CODEX_HOME` or `~/.codex`; on failure prints one
 * line and returns the exit code instead.
 */
export async function homeOrExit(args: ParsedArgs, ctx: CliContext): Promise<string | number> {
  const flag = args.values['codex-home'];
  const r = await resolveCodexHome(ctx.fs, ctx.env, typeof flag === 'string' ? flag : undefined);
  if (r.ok) return r.path;
  ctx.err(`relink: ${r.message}`);
  return r.code === 'bad-input' ? EXIT.usage : EXIT.home;
}

/** The scanner the CLI uses; tests inject a parser or version via `ctx.overrides`. */
export function cliScanner(ctx: CliContext, codexHome: string): Scanner {
  const o = ctx.overrides ?? {};
  return createScanner({
    fs: ctx.fs,
    clock: ctx.clock,
    codexHome,
    env: ctx.env,
    parser: o.parser as Parser | undefined,
    codexVersion: o.codexVersion as (() => Promise<CodexVersion | null>) | undefined,
    // Read-only: the CLI keeps no evidence cursors, so `status` never writes anything.
    evidence: evidenceStep({ fs: ctx.fs, clock: ctx.clock, codexHome, env: ctx.env }),
  });
}

/** Prints a value as one JSON document. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}
