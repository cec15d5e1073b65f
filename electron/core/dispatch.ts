/**
 * `createDispatcher(api)`: the one gate every IPC call (and every e2e harness call) goes through.
 *
 * Checks the method name, refuses oversized or deeply nested payloads before zod sees them,
 * validates the input with the contract, runs mutating calls one at a time, validates the
 * output, and turns anything thrown into a one-line `internal` failure (style.md §3).
 */
import { CONTRACT } from '../../shared/contract';
import type { RelinkApi } from '../../shared/contract';
import { RELINK_METHODS } from '../../shared/ipc';
import type { RelinkMethod, Reply } from '../../shared/ipc';
import { ErrorCode } from '../../shared/schemas';
import { MUTATING_METHODS } from './api';
import { measurePayload } from './payload-limits';

/** One call in, one Result out; never throws. */
export type Dispatch = (method: string, raw: unknown) => Promise<Reply<unknown>>;

/** Limits and switches of a dispatcher. */
export interface DispatchOptions {
  /** Largest accepted payload, in approximate JSON bytes (default 64 KiB). */
  maxBytes?: number;
  /** Deepest accepted nesting (default 64). */
  maxDepth?: number;
  /** Check every answer against the contract's output schema (default true). */
  validateOutput?: boolean;
  /** Most mutating calls waiting at once before new ones answer `busy` (default 4096). */
  maxQueued?: number;
}

type Fail = Extract<Reply<never>, { ok: false }>;
const fail = (code: Fail['code'], message: string): Fail => ({ ok: false, code, message });
const METHODS: ReadonlySet<string> = new Set(RELINK_METHODS);

/** Builds the dispatcher over `api`. */
export function createDispatcher(api: RelinkApi, opts: DispatchOptions = {}): Dispatch {
  const maxBytes = opts.maxBytes ?? 64 * 1024;
  const maxDepth = opts.maxDepth ?? 64;
  const validateOutput = opts.validateOutput ?? true;
  const maxQueued = opts.maxQueued ?? 4096;
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;

  const call = async (m: RelinkMethod, raw: unknown): Promise<Reply<unknown>> => {
    const parsed = CONTRACT[m].input.safeParse(raw);
    if (!parsed.success) return fail('bad-input', `Invalid input for ${m}: ${describeIssue(parsed.error.issues)}`);
    const reply = await (api[m] as (i: unknown) => Promise<unknown>)(parsed.data);
    return checkReply(m, reply, validateOutput);
  };

  return async (method, raw) => {
    try {
      if (typeof method !== 'string' || !METHODS.has(method)) return fail('bad-input', `Unknown method ${oneLine(String(method), 64)}`);
      const m = method as RelinkMethod;
      const size = measurePayload(raw, { maxBytes, maxDepth });
      if (!size.ok) return fail('bad-input', `Invalid input for ${m}: ${size.reason}`);
      if (!MUTATING_METHODS.has(m)) return await call(m, raw);
      if (queued >= maxQueued) return fail('busy', 'Relink is still working on earlier requests; try again in a moment');
      queued += 1;
      const run = tail.then(() => call(m, raw));
      tail = run.catch(() => undefined);
      try {
        return await run;
      } finally {
        queued -= 1;
      }
    } catch (err) {
      return fail('internal', `Relink hit an unexpected error: ${sanitize(err)}`);
    }
  };
}

/** Accepts only well-formed Results; failures keep their code, successes match the contract. */
function checkReply(m: RelinkMethod, reply: unknown, validate: boolean): Reply<unknown> {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    return fail('internal', `Relink hit an unexpected error: ${m} returned no result`);
  }
  const r = reply as { ok: unknown; code?: unknown; message?: unknown; value?: unknown };
  if (r.ok === false) {
    const code = ErrorCode.safeParse(r.code);
    const message = typeof r.message === 'string' ? oneLine(r.message, 500) : 'failed';
    return code.success ? fail(code.data, message) : fail('internal', message);
  }
  if (r.ok !== true) return fail('internal', `Relink hit an unexpected error: ${m} returned no result`);
  if (!validate) return { ok: true, value: r.value };
  const out = CONTRACT[m].output.safeParse(r.value);
  if (!out.success) return fail('internal', `Relink hit an unexpected error: ${m} answered ${describeIssue(out.error.issues)}`);
  return { ok: true, value: out.data };
}

/** The first zod issue as `path: message`, one line, bounded. */
function describeIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'rejected';
  const where = first.path.map((p) => (typeof p === 'symbol' ? '?' : String(p))).join('.');
  return oneLine(where ? `${where}: ${first.message}` : first.message, 200);
}

/** An error's message without stack, absolute paths or line breaks. */
export function sanitize(err: unknown): string {
  const msg = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
  // Absolute paths reveal the user's home layout to the renderer; keep only the last segment.
  const noPaths = msg.replace(/(?:[A-Za-z]:)?(?:[\\/][^\\/\s'"`]+)+[\\/]?/g, (p) => '…/' + (p.split(/[\\/]/).filter(Boolean).pop() ?? ''));
  return oneLine(noPaths, 300) || 'unknown error';
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
