/**
 * Test-only Fs wrappers: fault injection, crash points and a path spy (reliability.md §4).
 *
 * Never imported by production code.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Fs } from '../fs-facade';

/** One recorded Fs call. */
export interface FsCall {
  method: string;
  paths: string[];
}

/** Decides whether call number `n` (1-based, counting matching calls) fails, and with what errno. */
export interface FaultPlan {
  /** Which calls count: defaults to every mutating call and every handle write/sync. */
  match?: (call: FsCall) => boolean;
  /** Fail the Nth counted call (1-based). */
  failAt?: number;
  /** Keep failing every counted call from failAt on. */
  persistent?: boolean;
  /** The errno code to throw (default EIO). */
  code?: string;
  /** Instead of throwing, run this (e.g. SIGKILL the process) before the Nth call. */
  onHit?: (call: FsCall) => void;
}

const MUTATING = new Set(['mkdir', 'rename', 'link', 'unlink', 'rmdir', 'rm', 'chmod', 'utimes', 'fsyncDir', 'fsyncFile', 'write', 'writeFile', 'truncate', 'sync']);

/** An errno-style error like node's. */
export function errnoError(code: string, call: FsCall): NodeJS.ErrnoException {
  const e = new Error(`${code}: injected fault, ${call.method} '${call.paths[0] ?? ''}'`) as NodeJS.ErrnoException;
  e.code = code;
  e.syscall = call.method;
  return e;
}

/**
 * Wraps `base` so that calls are logged in `calls` and the plan's Nth call fails or crashes.
 *
 * Opened handles are wrapped too, so `write` and `sync` on them count as mutating calls.
 */
export function createFaultFs(base: Fs, plan: FaultPlan = {}): { fs: Fs; calls: FsCall[]; counted: () => number } {
  const calls: FsCall[] = [];
  let counted = 0;
  const match = plan.match ?? ((c: FsCall) => MUTATING.has(c.method));
  const check = (call: FsCall) => {
    calls.push(call);
    if (!match(call)) return;
    counted += 1;
    const hit = plan.failAt !== undefined && (plan.persistent ? counted >= plan.failAt : counted === plan.failAt);
    if (!hit) return;
    if (plan.onHit) plan.onHit(call);
    else throw errnoError(plan.code ?? 'EIO', call);
  };
  const wrapHandle = (h: FileHandle, path: string): FileHandle =>
    new Proxy(h, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (prop === 'write' || prop === 'writeFile' || prop === 'truncate' || prop === 'sync' || prop === 'read') {
            check({ method: String(prop), paths: [path] });
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const fs = new Proxy(base, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const paths = args.filter((a): a is string => typeof a === 'string');
        if (prop === 'fsyncFile') {
          check({ method: 'fsyncFile', paths: [] });
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        }
        check({ method: String(prop), paths });
        const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (prop === 'open') return wrapHandle(out as FileHandle, paths[0] ?? '');
        return out;
      };
    },
  }) as Fs;
  return { fs, calls, counted: () => counted };
}
