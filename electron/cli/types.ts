/**
 * Shapes shared by the CLI entry and its commands.
 */
import type { Clock, Env } from '../core/deps';
import type { Fs } from '../core/fs-facade';

/** A parsed command line: flag values by name, and positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The world a command runs in; the entry builds the real one, tests build their own. */
export interface CliContext {
  fs: Fs;
  clock: Clock;
  env: Env;
  out(text: string): void;
  err(text: string): void;
  /** Optional overrides tests inject (process probe, parser, …), looked up by commands. */
  overrides?: Record<string, unknown>;
}

/** One `relink <name>` command. */
export interface Command {
  name: string;
  /** One line for `relink --help`. */
  summary: string;
  /** The usage line, e.g. `relink status [--codex-home DIR] [--json]`. */
  usage: string;
  /** Flags besides the global `--codex-home`, `--json` and `--help`. */
  flags: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** Positional arguments: [min, max]. */
  positionals?: [number, number];
  /** Runs the command; returns the exit code. Throws only on bugs. */
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/** Exit codes: 0 ok, 1 the action failed, 2 usage error, 3 unusable CODEX_HOME. */
export const EXIT = { ok: 0, failed: 1, usage: 2, home: 3 } as const;
