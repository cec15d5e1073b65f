/**
 * Decides whether bytes are JSON that Codex's strict parser (serde_json) would accept.
 *
 * Mirrors serde rather than JavaScript: a BOM, invalid UTF-8, a lone surrogate escape,
 * nesting deeper than serde_json's recursion limit (128) or duplicate top-level fields make
 * Codex treat the file as a cache miss (reliability.md §5), so Relink calls them `corrupt`.
 * Pure and synchronous: runs inside the parse worker.
 */

/** serde_json's default recursion limit: deeper input fails to parse in Codex. */
export const SERDE_MAX_DEPTH = 128;

/**
 * Most objects and arrays Relink materializes from one file. A 32 MiB file of `{},` holds
 * ~11 M objects and needs over 1 GiB of heap; on Node 24 a worker that hits its heap limit
 * takes the whole process down (checked on 24.21: FATAL ERROR instead of
 * ERR_WORKER_OUT_OF_MEMORY), so the budget is enforced before `JSON.parse`. Real tools files
 * hold ~300 containers per tool (a 3.6 MB file with 381 tools, openai/codex#29003).
 */
export const MAX_CONTAINERS = 1_500_000;

/**
 * The outcome of checking one file's bytes. `relinkLimit` marks refusals that are Relink's own
 * safety limits, not Codex's: such a file may still be fine for Codex.
 */
export type JsonVerdict = { ok: true; value: unknown } | { ok: false; reason: string; relinkLimit?: true };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Checks bytes the way Codex would and parses them when they pass. */
export function judgeJson(bytes: Uint8Array): JsonVerdict {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: false, reason: 'starts with a byte-order mark, which Codex\'s JSON parser refuses' };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'is not valid UTF-8' };
  }
  if (text.trim().length === 0) return { ok: false, reason: 'is empty' };
  const scan = scanStructure(text);
  if (scan === LIMIT) {
    return { ok: false, reason: `holds more than ${MAX_CONTAINERS.toLocaleString('en-US')} objects and arrays, more than Relink parses safely`, relinkLimit: true };
  }
  if (scan) return { ok: false, reason: scan };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: `is not valid JSON (${clip((err as Error).message, 120)})` };
  }
}

/**
 * One iterative pass over the text: nesting depth, lone surrogate escapes, duplicate
 * top-level keys. Returns a reason, or null when nothing is wrong. Never recurses.
 */
const LIMIT = '\0limit';

function scanStructure(text: string): string | null {
  let depth = 0;
  let containers = 0;
  const topKeys = new Set<string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      if (end < 0) return 'is not valid JSON (unterminated string)';
      const raw = text.slice(i + 1, end);
      if (raw.includes('\\u') && hasLoneSurrogate(raw)) return 'contains a lone UTF-16 surrogate escape, which Codex\'s JSON parser refuses';
      if (depth === 1 && isKeyPosition(text, end + 1)) {
        if (topKeys.has(raw)) return `has the top-level key "${clip(raw, 40)}" twice, which Codex's JSON parser refuses`;
        topKeys.add(raw);
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (++containers > MAX_CONTAINERS) return LIMIT;
      if (depth > SERDE_MAX_DEPTH) return `is nested deeper than ${SERDE_MAX_DEPTH} levels, which Codex's JSON parser refuses`;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
    i += 1;
  }
  return null;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let bs = 0;
    for (let k = q - 1; k > start && text.charCodeAt(k) === 0x5c; k--) bs++;
    if (bs % 2 === 0) return q;
    i = q + 1;
  }
}

function isKeyPosition(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x3a; /* : */
  }
  return false;
}

const SURROGATE_ESCAPE = /\\u([dD][89a-fA-F][0-9a-fA-F]{2})/g;

function hasLoneSurrogate(raw: string): boolean {
  SURROGATE_ESCAPE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SURROGATE_ESCAPE.exec(raw))) {
    // Skip escaped backslashes: "\\ud800" is the text \ud800, not an escape.
    let bs = 0;
    for (let k = m.index - 1; k >= 0 && raw.charCodeAt(k) === 0x5c; k--) bs++;
    if (bs % 2 === 1) continue;
    const high = parseInt(m[1]!, 16);
    if (high >= 0xdc00) return true;
    const next = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(raw.slice(m.index + 6));
    if (!next) return true;
    SURROGATE_ESCAPE.lastIndex = m.index + 12;
  }
  return false;
}

/** Shortens text for messages. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
