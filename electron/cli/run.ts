/**
 * Parses argv and runs one command. Never throws: usage errors and bugs become messages.
 */
import { parseArgs } from 'node:util';
import { COMMANDS } from './registry';
import type { CliContext, Command } from './types';
import { EXIT } from './types';

const GLOBAL_FLAGS = {
  'codex-home': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The top-level help text. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'relink: find and fix stale ChatGPT connector links in Codex\'s caches',
    '',
    'usage: relink <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'global options: --codex-home DIR (default: $CODEX_HOME, else ~/.codex), --json, --help',
  ].join('\n');
}

function usageError(ctx: CliContext, msg: string, cmd?: Command): number {
  ctx.err(`relink: ${msg}`);
  ctx.err(cmd ? `usage: ${cmd.usage}` : 'usage: relink <command> [options]; see relink --help');
  return EXIT.usage;
}

/** Runs `relink` with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    ctx.out(String(ctx.overrides?.version ?? 'relink'));
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) return usageError(ctx, `unknown command '${name.slice(0, 60)}'`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_FLAGS, ...cmd.flags }, strict: true, allowPositionals: true });
  } catch (err) {
    return usageError(ctx, (err as Error).message.split('\n')[0]!.split('. To specify')[0]!.slice(0, 200), cmd);
  }
  if (parsed.values.help) {
    ctx.out(`usage: ${cmd.usage}\n\n${cmd.summary}`);
    return EXIT.ok;
  }
  const [min, max] = cmd.positionals ?? [0, 0];
  if (parsed.positionals.length < min) return usageError(ctx, `${cmd.name}: missing argument`, cmd);
  if (parsed.positionals.length > max) return usageError(ctx, `${cmd.name}: unexpected argument '${String(parsed.positionals[max]).slice(0, 60)}'`, cmd);
  try {
    return await cmd.run({ values: parsed.values as ParsedArgsValues, positionals: parsed.positionals }, ctx);
  } catch (err) {
    ctx.err(`relink: internal error in '${cmd.name}': ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.failed;
  }
}

type ParsedArgsValues = Record<string, string | boolean | undefined>;
