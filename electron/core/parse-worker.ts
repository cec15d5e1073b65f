/**
 * Worker entry: judges and summarizes one cache file per message, off the main thread.
 *
 * Runs with resource limits (parser.ts), so a memory bomb kills only this worker.
 */
import { parentPort } from 'node:worker_threads';
import type { CacheKind } from '../../shared/schemas';
import { analyzeBytes } from './parse-core';

/** A request from the parser. */
export interface ParseRequest {
  id: number;
  kind: CacheKind;
  bytes: Uint8Array;
}

parentPort?.on('message', (req: ParseRequest) => {
  parentPort!.postMessage({ id: req.id, summary: analyzeBytes(req.kind, req.bytes) });
});
