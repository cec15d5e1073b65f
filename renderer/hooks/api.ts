/**
 * The one place the popup calls `window.relink`: missing API or thrown errors become failures.
 */
import type { MethodOutput, MethodRawInput } from '../../shared/contract';
import type { RelinkMethod, Reply } from '../../shared/ipc';

type InputOf<M extends RelinkMethod> = MethodRawInput<M>;
type OutputOf<M extends RelinkMethod> = MethodOutput<M>;

/** True when the backend offers a method (newer methods may be absent in older backends). */
export function hasMethod(m: string): boolean {
  return typeof (window.relink as Record<string, unknown> | undefined)?.[m] === 'function';
}

/** Calls one API method and always resolves to a Reply. */
export async function call<M extends RelinkMethod>(m: M, input?: InputOf<M>): Promise<Reply<OutputOf<M>>> {
  const api = window.relink as unknown as Record<string, (i: unknown) => Promise<Reply<OutputOf<M>>>> | undefined;
  const fn = api?.[m];
  if (typeof fn !== 'function') {
    return { ok: false, code: 'internal', message: 'Relink’s background service is not available. Restart Relink.' };
  }
  try {
    const reply = await fn(input);
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, code: 'internal', message: 'Relink’s background service sent an unexpected reply.' };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'internal', message: msg.replace(/^Error invoking remote method '[^']*': /, '') };
  }
}

/** Subscribes to `status:changed`; a no-op when the API is missing. */
export function onChanged(cb: () => void): () => void {
  try {
    return window.relink?.onChanged(cb) ?? (() => undefined);
  } catch {
    return () => undefined;
  }
}
