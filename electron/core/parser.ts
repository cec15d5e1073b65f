/**
 * Parses cache files off the main thread in a resource-limited worker (reliability.md rule 20).
 *
 * A memory bomb or a runaway parse kills only the worker: the caller gets a verdict and the
 * next file gets a fresh worker. Tests may use the in-process parser instead.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CacheKind } from '../../shared/schemas';
import type { EntrySummary } from './entry-summary';
import { analyzeBytes } from './parse-core';

/** Something that turns a file's bytes into a summary. */
export interface Parser {
  parse(kind: CacheKind, bytes: Uint8Array): Promise<EntrySummary | ParseFailure>;
  close(): Promise<void>;
}

/** The worker could not finish: out of memory, timed out, or crashed. */
export interface ParseFailure {
  ok: false;
  schemaVersion: null;
  reason: string;
  /** True when the parser itself failed (the file may be fine for Codex). */
  parserFailed: true;
}

/** Parses on the calling thread: for tests and tiny inputs only. */
export function createInProcessParser(): Parser {
  return { parse: async (kind, bytes) => analyzeBytes(kind, bytes), close: async () => {} };
}

/** Options of the worker parser. */
export interface WorkerParserOptions {
  /** Path of the bundled or source worker; default: found next to this module. */
  workerPath?: string;
  /** Heap limit of the worker in MiB (default 1024; the container budget keeps parses far below it). */
  maxOldGenerationSizeMb?: number;
  /** Per-file time limit in ms (default 20 s). */
  timeoutMs?: number;
}

/** Finds the worker entry: `parse-worker.js` next to the bundle, else the TS source (tsx). */
export function defaultWorkerPath(): string {
  const js = path.join(__dirname, 'parse-worker.js');
  return existsSync(js) ? js : path.join(__dirname, 'parse-worker.ts');
}

/** A parser backed by one reusable worker, respawned after a failure. */
export function createWorkerParser(opts: WorkerParserOptions = {}): Parser {
  const file = opts.workerPath ?? defaultWorkerPath();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const spawn = (): Worker => {
    const w = new Worker(file, {
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 1024, stackSizeMb: 4 },
      // tsx registers its loader through execArgv; a bundled worker needs none.
      execArgv: file.endsWith('.ts') ? ['--import', 'tsx'] : [],
    });
    w.unref();
    return w;
  };

  const runOne = (kind: CacheKind, bytes: Uint8Array): Promise<EntrySummary | ParseFailure> =>
    new Promise((resolve) => {
      const w = (worker ??= spawn());
      const id = nextId++;
      const fail = (reason: string) => {
        cleanup();
        worker = null;
        void w.terminate();
        resolve({ ok: false, schemaVersion: null, reason, parserFailed: true });
      };
      const onMessage = (msg: { id: number; summary: EntrySummary }) => {
        if (msg.id !== id) return;
        cleanup();
        resolve(msg.summary);
      };
      const onError = (err: Error & { code?: string }) =>
        fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'is too complex to read within Relink\'s memory limit' : `could not be parsed (${err.code ?? err.name})`);
      const onExit = () => fail('could not be parsed (the parser stopped)');
      const timer = setTimeout(() => fail(`could not be parsed within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      const copy = bytes.slice();
      w.postMessage({ id, kind, bytes: copy }, [copy.buffer]);
    });

  return {
    parse(kind, bytes) {
      const p = queue.then(() => runOne(kind, bytes));
      queue = p.catch(() => undefined);
      return p;
    },
    async close() {
      await queue;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
