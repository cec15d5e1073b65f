/**
 * The world core functions take as parameters (style.md §5). Composition roots build it once.
 */
import type { Fs } from './fs-facade';

/** A clock; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Random bytes as lowercase hex, for ids and nonces; tests may inject a seeded one. */
export type RandomHex = (bytes: number) => string;

/** Environment facts core needs: never read from `process` inside core modules. */
export interface Env {
  /** The `CODEX_HOME` environment variable, or undefined. */
  CODEX_HOME?: string;
  /** The `RELINK_STORE` environment variable, or undefined. */
  RELINK_STORE?: string;
  /** `CODEX_SQLITE_HOME`: where Codex keeps its databases when not in CODEX_HOME. */
  CODEX_SQLITE_HOME?: string;
  /** The `PATH` variable, for finding a `codex` binary. */
  PATH?: string;
  /** The user's home directory. */
  home: string;
  platform: NodeJS.Platform;
}

/** Deps shared by most core functions. */
export interface CoreDeps {
  fs: Fs;
  clock: Clock;
}

/** The Env of this process: for composition roots only (core modules take an Env). */
export function processEnv(home: string): Env {
  return {
    CODEX_HOME: process.env.CODEX_HOME,
    RELINK_STORE: process.env.RELINK_STORE,
    CODEX_SQLITE_HOME: process.env.CODEX_SQLITE_HOME,
    PATH: process.env.PATH,
    home,
    platform: process.platform,
  };
}
