/**
 * Failures as values for the store, and the one place errno codes become user sentences.
 */
import type { ErrorCode, Failure, Result } from '../../../shared/schemas';
import { errnoOf } from '../fs-facade';

/** A failure value. */
export function fail(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

/** A success value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Thrown inside the store to unwind to the method boundary with a typed failure. */
export class StoreError extends Error {
  /** The failure the store method answers. */
  readonly failure: Failure;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.failure = fail(code, message);
  }
}

/** Maps an errno from `what` (e.g. "moving cache/x.json") to a typed failure. */
export function failureFromError(err: unknown, what: string): Failure {
  if (err instanceof StoreError) return err.failure;
  const code = errnoOf(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return fail('disk-full', `Disk full while ${what}; nothing was lost, free some space and try again`);
    case 'EACCES':
    case 'EPERM':
      return fail('permission-denied', `Permission denied while ${what}`);
    case 'EROFS':
      return fail('permission-denied', `Read-only file system while ${what}`);
    case undefined:
      return fail('internal', `Unexpected error while ${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    default:
      return fail('io-error', `File system error ${code} while ${what}`);
  }
}

/** Runs `fn`, turning any throw into a failure value. */
export async function guard<T>(what: string, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (err) {
    return failureFromError(err, what);
  }
}
