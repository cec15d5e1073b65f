/**
 * The `relink` executable: builds the real world once and runs one command.
 */
import * as os from 'node:os';
import { createNodeFs } from '../core/fs-facade';
import { processEnv, systemClock } from '../core/deps';
import { runCli } from './run';

declare const RELINK_VERSION: string | undefined;

async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    fs: createNodeFs(),
    clock: systemClock,
    env: processEnv(os.homedir()),
    out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
    err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
    overrides: { version: typeof RELINK_VERSION === 'string' ? RELINK_VERSION : '0.1.0' },
  });
  process.exitCode = code;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});
void main();
