/**
 * Reads auth failures out of log text: TUI log lines, log DB bodies and desktop log lines.
 *
 * Logs are parsed leniently (codex-caches.md §9.3–9.5): a line counts only when it is about a
 * tool call (the `mcp.tools.call` span, a tool-call error, a tool result, a structured
 * `connector_auth_failure` or an auth elicitation) and reads like an auth failure. Startup and
 * refresh failures are not tool calls and are not counted.
 */
import { clipText, findConnectorId, findLinkId, isAuthText, isoOrNull } from './patterns';

/** The connector-facing part of a failure found in log text. */
export interface LogFailure {
  connectorId: string | null;
  linkId: string | null;
  text: string;
}

/** Substrings of every line worth a look: the needles of a grep-style prefilter. */
export const LOG_NEEDLES = ['mcp.tools.call', 'MCP tool call error', 'tool result isError', 'connector_auth_failure', 'mcpServer/elicitation/request'];

const TOOL_CALL_CONTEXT = /mcp\.tools\.call|MCP tool call error|tool result isError=true|connector_auth_failure|mcpServer\/elicitation\/request/;

/** `mcp.server.name=codex_apps` or `mcp.server.name="codex_apps"` in a rendered span. */
const SERVER_NAME = /mcp\.server\.name="?([\w.-]+)"?/;

/** Connector id as a span field, a JSON key, or the last path segment of an install URL. */
function connectorOf(text: string): string | null {
  const field = /(?:mcp\.connector\.id|connector_id|connectorId)"?\s*[=:]\s*"?((?:connector|asdk_app)_[0-9a-f]{8,64})/.exec(text);
  return field?.[1] ?? findConnectorId(text);
}

/** Link id only when the record names it as a link (`link_id`, `linkId`) or bare. */
function linkOf(text: string): string | null {
  return findLinkId(text);
}

/** The auth failure a log message describes, or null. */
export function failureFromLogText(text: string): LogFailure | null {
  if (!TOOL_CALL_CONTEXT.test(text)) return null;
  if (!isAuthText(text) && !isReconnectElicitation(text)) return null;
  const server = SERVER_NAME.exec(text)?.[1];
  // Only the built-in `codex_apps` server serves ChatGPT connectors (codex-caches.md §0).
  if (server !== undefined && server !== 'codex_apps') return null;
  return { connectorId: connectorOf(text), linkId: linkOf(text), text: clipText(messageOf(text)) };
}

/** An auth elicitation asking the user to reconnect a connector (codex-caches.md §12.2, #19669). */
function isReconnectElicitation(text: string): boolean {
  return text.includes('mcpServer/elicitation/request') && /Reconnect .{1,120} on ChatGPT|restore access/i.test(text);
}

/** Drops the rendered spans and target before the message, when present. */
function messageOf(text: string): string {
  const m = /^(?:\S+\{[^}]*\}:\s*)*(?:[a-z_]+(?:::[a-z_]+)+:\s*)?(.*)$/s.exec(text);
  return m?.[1] ?? text;
}

/** A TUI log line split into its time and the rest, or null when it has no leading time. */
export function splitTuiLine(line: string): { at: string; rest: string } | null {
  // tracing fmt: `<RFC 3339 UTC>  <LEVEL> <spans…>: <target>: <message>` (codex-caches.md §9.3).
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))\s+(?:TRACE|DEBUG|INFO|WARN|ERROR)\s+(.*)$/s.exec(line);
  if (!m) return null;
  const at = isoOrNull(m[1]);
  return at ? { at, rest: m[2]! } : null;
}

/** The first plausible timestamp anywhere in a line of unknown format, or null. */
export function findTimestamp(line: string): string | null {
  const m = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/.exec(line);
  if (!m) return null;
  const raw = m[0].replace(' ', 'T');
  // No zone means local time in most desktop loggers; Date.parse treats it so.
  return isoOrNull(raw);
}
