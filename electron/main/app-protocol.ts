/**
 * `app://relink/`: serves the built renderer from one folder, path-contained, with the CSP header.
 *
 * Pure apart from the injected `readFile`, so traversal attempts are unit-tested without
 * Electron (reliability.md §6 item 18). Main registers it with `protocol.handle`.
 */
import * as path from 'node:path';
import { APP_HOST, APP_SCHEME, CSP } from './security';

/** Scheme registration (before `app.ready`): standard + secure, never `bypassCSP`. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, bypassCSP: false, stream: false },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file a request maps to, or why it is refused. */
export type AppPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an `app://relink/...` URL to a file under `root`.
 *
 * Checks the raw string before parsing: URL parsing silently resolves `..` and `%2e%2e`, which
 * would hide an attack we want to refuse outright rather than reinterpret.
 */
export function resolveAppPath(root: string, rawUrl: string): AppPath {
  if (rawUrl.length > 2048) return { ok: false, status: 400 };
  const prefix = `${APP_SCHEME}://${APP_HOST}/`;
  if (!rawUrl.startsWith(prefix)) return { ok: false, status: 403 };
  const rawPath = rawUrl.slice(prefix.length).split(/[?#]/, 1)[0]!;
  if (/\.\.|%2e|%2f|%5c|%00|\\|\/\/|^\//i.test(rawPath)) return { ok: false, status: 403 };
  let rel: string;
  try {
    rel = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (rel === '') rel = 'index.html';
  if (rel.includes('\0') || path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return { ok: false, status: 403 };
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  if (!file.startsWith(base + path.sep)) return { ok: false, status: 403 };
  if (!(path.extname(file) in TYPES)) return { ok: false, status: 404 };
  return { ok: true, file };
}

/** Headers on every answer: the CSP (same as the meta tag), no sniffing, no caching. */
export function responseHeaders(contentType?: string): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (contentType) h['Content-Type'] = contentType;
  return h;
}

/** Builds the `protocol.handle` callback serving `root`. */
export function createAppProtocolHandler(root: string, readFile: (file: string) => Promise<Uint8Array>): (req: { url: string; method?: string }) => Promise<Response> {
  return async (req) => {
    if (req.method !== undefined && req.method !== 'GET') return new Response(null, { status: 405, headers: responseHeaders() });
    const p = resolveAppPath(root, req.url);
    if (!p.ok) return new Response(null, { status: p.status, headers: responseHeaders() });
    try {
      const body = await readFile(p.file);
      return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: responseHeaders(TYPES[path.extname(p.file)]) });
    } catch {
      return new Response(null, { status: 404, headers: responseHeaders() });
    }
  };
}
