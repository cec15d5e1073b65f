/**
 * Joins the evidence scanner to the read model: cache-only health → evidence-based health.
 */
import type { EvidenceDeps } from './evidence';
import { applyEvidence, createEvidenceScanner } from './evidence';
import type { EvidenceStep } from './status';

/**
 * An `EvidenceStep` for `createScanner`: scans Codex's records (incrementally when
 * `stateDir` is given) and applies the needs-reauth rule to the rows.
 */
export function evidenceStep(deps: EvidenceDeps): EvidenceStep {
  const scanner = createEvidenceScanner(deps);
  return async (rows, toolsMtimes) => {
    const { failures } = await scanner.scan();
    const before = new Map(rows.map((r) => [`${r.identity}\n${r.id}`, new Set(r.reasons)]));
    // Evidence explains the health best, so its reasons come first.
    return applyEvidence(rows, failures, toolsMtimes).map((r) => {
      const old = before.get(`${r.identity}\n${r.id}`) ?? new Set<string>();
      return { ...r, reasons: [...r.reasons.filter((x) => !old.has(x)), ...r.reasons.filter((x) => old.has(x))] };
    });
  };
}
