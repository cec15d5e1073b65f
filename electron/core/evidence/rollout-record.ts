/**
 * Turns one rollout JSONL line into an auth failure, or null (codex-caches.md §9.1, §9.6).
 *
 * Both event shapes are read: `mcp_tool_call_end` (legacy history mode) and `item_completed`
 * with an `McpToolCall` item (paginated history mode). Unknown types and keys are skipped.
 */
import type { AuthFailure } from '../../../shared/evidence';
import { clipText, isAuthText, isConnectorId, isLinkId, isoOrNull } from './patterns';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The fields a tool-call event contributes before the auth check. */
interface CallFacts {
  server: string | null;
  tool: string | null;
  connectorId: unknown;
  linkId: unknown;
  /** CallToolResult (camelCase) when the call returned one. */
  result: Obj | null;
  /** Transport error text (`Err`, `error.message`). */
  errorText: string | null;
  failed: boolean;
}

/** `_meta._codex_apps.connector_auth_failure` of a CallToolResult (codex-mcp auth_elicitation.rs @0.145). */
function authFailureMeta(result: Obj | null): Obj | null {
  const caf = obj(obj(obj(result?._meta)?._codex_apps)?.connector_auth_failure);
  return caf && caf.is_auth_failure === true ? caf : null;
}

/** The text contents of a CallToolResult, joined. */
function resultText(result: Obj | null): string {
  const content = Array.isArray(result?.content) ? result.content : [];
  return content
    .map((c) => str(obj(c)?.text) ?? '')
    .filter((t) => t.length > 0)
    .join(' ')
    .slice(0, 4096);
}

function legacyFacts(p: Obj): CallFacts {
  const inv = obj(p.invocation);
  const res = obj(p.result);
  const ok = obj(res?.Ok);
  const err = str(res?.Err);
  return {
    server: str(inv?.server),
    tool: str(inv?.tool),
    connectorId: p.connector_id,
    linkId: p.link_id,
    result: ok,
    errorText: err,
    failed: err !== null || ok?.isError === true,
  };
}

function itemFacts(item: Obj): CallFacts {
  const result = obj(item.result);
  const errorText = str(obj(item.error)?.message);
  return {
    server: str(item.server),
    tool: str(item.tool),
    connectorId: item.connectorId,
    linkId: item.linkId,
    result,
    errorText,
    failed: item.status === 'failed' || result?.isError === true || errorText !== null,
  };
}

/** Extracts the tool-call facts of a rollout record, or null for any other record. */
function callFacts(rec: Obj): CallFacts | null {
  if (rec.type !== 'event_msg') return null;
  const p = obj(rec.payload);
  if (!p) return null;
  if (p.type === 'mcp_tool_call_end') return legacyFacts(p);
  const item = obj(p.item);
  if (p.type === 'item_completed' && item?.type === 'McpToolCall') return itemFacts(item);
  return null;
}

/** Builds the failure of a failed codex_apps call when it is an auth failure. */
function toFailure(f: CallFacts, at: string, source: string): AuthFailure | null {
  if (f.server !== 'codex_apps' || !f.failed) return null;
  const caf = authFailureMeta(f.result);
  const text = [resultText(f.result), f.errorText ?? ''].join(' ').trim();
  if (!caf && !isAuthText(text)) return null;
  const connectorId = [caf?.connector_id, f.connectorId].find(isConnectorId) ?? null;
  const linkId = [caf?.link_id, f.linkId].find(isLinkId) ?? null;
  const reason = caf ? ` [${[caf.auth_reason, caf.error_code, caf.error_http_status_code].filter((x) => x != null).join(', ')}]` : '';
  return { at, connectorId, linkId, source, kind: 'rollout', text: clipText(`${f.tool ?? 'tool call'}: ${text || 'auth failure'}${reason}`) };
}

/**
 * The auth failure recorded by one rollout line, null for any other record, or `'garbage'`
 * when the line is not JSON (truncated, torn or foreign). Never throws.
 */
export function failureFromRolloutLine(line: string, source: string, fallbackAt: string): AuthFailure | null | 'garbage' {
  // Most codex_apps lines are successful calls: skip JSON.parse unless the raw line could hold
  // a failure (a structured marker or auth text). Torn lines still count as garbage.
  if (!line.includes('connector_auth_failure') && !isAuthText(line)) {
    const t = line.trim();
    return t.startsWith('{') && t.endsWith('}') ? null : 'garbage';
  }
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    return 'garbage';
  }
  const o = obj(rec);
  const facts = o ? callFacts(o) : null;
  if (!o || !facts) return null;
  return toFailure(facts, isoOrNull(o.timestamp) ?? fallbackAt, source);
}
