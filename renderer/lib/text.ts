/**
 * Text helpers for hostile strings from Codex's caches: neutralize, clip, shorten.
 *
 * Cache text (names, emails, tool names) is untrusted (style.md §4): it is only ever rendered
 * as React text, and these helpers strip what could reorder or hide characters on screen.
 */

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width chars, BOM
// (reliability.md §7 case 54: U+202E, zero-width, control chars are neutralized).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Removes control, bidi and zero-width characters, collapses spaces and clips to `max` code points. */
export function cleanText(raw: string | null | undefined, max = 80): string {
  if (!raw) return '';
  const flat = raw.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/** `link_7c1d2e3f…` → `link_7c1d…e5f` style: prefix, first four and last four characters. */
export function shortenId(id: string, keep = 4): string {
  const clean = cleanText(id, 200);
  const m = /^([a-z]+_)(.*)$/i.exec(clean);
  const prefix = m ? m[1]! : '';
  const body = m ? m[2]! : clean;
  if (body.length <= keep * 2 + 1) return clean;
  return `${prefix}${body.slice(0, keep)}…${body.slice(-keep)}`;
}

/** One or two upper-case initials for an avatar; `?` when the name has no letters or digits. */
export function initials(name: string): string {
  const words = cleanText(name, 200)
    .split(/[\s\-_.]+/)
    .map((w) => Array.from(w).find((ch) => /[\p{L}\p{N}]/u.test(ch)))
    .filter((ch): ch is string => ch !== undefined);
  if (words.length === 0) return '?';
  return words.slice(0, 2).join('').toUpperCase();
}

/** A stable palette slot (0–7) for an id, so one connector always gets one avatar colour. */
export function paletteSlot(id: string): number {
  // FNV-1a, then a final avalanche: ids share long prefixes (`connector_`), so mix well.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) % 8;
}

/** English plural: `plural(1, 'file')` → `1 file`, `plural(3, 'file')` → `3 files`. */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Words for each cache kind (codex-caches.md §1). */
const KIND_LABEL: Record<string, string> = {
  codex_apps_tools: 'Tool list',
  codex_apps_server_info: 'Server info',
  codex_app_directory: 'App directory',
  remote_plugin_catalog: 'Plugin catalog',
};

/** `cache/codex_apps_tools/41055d6b….json` → `{ kind: 'Tool list', name: '41055d6b…' }`. */
export function describePath(rel: string): { kind: string; name: string } {
  const parts = rel.split('/');
  const stem = (parts[parts.length - 1] ?? rel).replace(/\.json$/, '');
  const kind = parts.length >= 3 ? (KIND_LABEL[parts[parts.length - 2] ?? ''] ?? cleanText(parts[parts.length - 2], 30)) : 'Cache file';
  return { kind, name: cleanText(stem.length > 12 ? `${stem.slice(0, 8)}…` : stem, 20) };
}

/** The last path segment of a `cache/<kind>/<name>` path, shortened for display. */
export function shortPath(rel: string): string {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? rel;
  const kind = parts.length >= 3 ? parts[parts.length - 2] : '';
  const stem = name.replace(/\.json$/, '');
  const short = stem.length > 12 ? `${stem.slice(0, 8)}…` : stem;
  return cleanText(kind ? `${kind}/${short}.json` : `${short}.json`, 120);
}

/** `512 B`, `3.4 KB`, `1.2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
