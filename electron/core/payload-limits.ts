/**
 * Bounds an untrusted payload's size and nesting before any schema walks it.
 *
 * zod recurses, so a 100k-deep array or a 50 MB string would cost the main process before
 * a schema could refuse it (reliability.md §5). One iterative walk, stopped at the first limit.
 */

/** The verdict on a payload: within limits, or why not. */
export type PayloadVerdict = { ok: true; bytes: number } | { ok: false; reason: string };

/** Limits for `measurePayload`. */
export interface PayloadLimits {
  /** Approximate JSON size limit in bytes (strings count their UTF-16 length). */
  maxBytes: number;
  /** Deepest nesting of arrays and objects; the top value is depth 0. */
  maxDepth: number;
}

/**
 * Walks `value` iteratively, adding an approximate JSON size for every node.
 *
 * Every visited node adds at least one byte, so shared references and cycles end at the byte
 * or depth limit instead of looping.
 */
export function measurePayload(value: unknown, limits: PayloadLimits): PayloadVerdict {
  let bytes = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    bytes += nodeBytes(v);
    if (bytes > limits.maxBytes) return { ok: false, reason: `payload larger than ${limits.maxBytes} bytes` };
    if (typeof v !== 'object' || v === null || !isPlainContainer(v)) continue;
    if (depth >= limits.maxDepth) return { ok: false, reason: `payload nested deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1 });
    } else {
      for (const k of Object.keys(v)) {
        bytes += k.length + 3;
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
      }
    }
  }
  return { ok: true, bytes };
}

function isPlainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function nodeBytes(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return v.length + 2;
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 5;
    case 'object':
      if (v === null) return 4;
      if (ArrayBuffer.isView(v)) return v.byteLength + 2;
      if (v instanceof ArrayBuffer) return v.byteLength + 2;
      return 2;
    default:
      return 1;
  }
}
