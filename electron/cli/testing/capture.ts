/**
 * Test-only: runs `relink` in-process with captured output and a fixed clock.
 */
import * as os from 'node:os';
import { createNodeFs } from '../../core/fs-facade';
import type { Fs } from '../../core/fs-facade';
import { createInProcessParser } from '../../core/parser';
import { runCli } from '../run';
import type { CliContext } from '../types';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs argv against the real core; `overrides` as the commands document them. */
export async function runCaptured(argv: string[], opts: { env?: Partial<CliContext['env']>; fs?: Fs; overrides?: Record<string, unknown>; now?: Date } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    fs: opts.fs ?? createNodeFs({ noSync: true }),
    clock: { now: () => opts.now ?? new Date('2026-11-24T00:00:00Z') },
    env: { home: os.homedir(), platform: process.platform, PATH: '', ...opts.env },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    overrides: { parser: createInProcessParser(), codexVersion: async () => null, ...opts.overrides },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
