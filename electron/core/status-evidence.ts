/**
 * Joins the evidence scanner to the read model: cache-only health → evidence-based health.
 */
import type { EvidenceDeps } from './evidence';
import { applyEvidence, createEvidenceScanner } from './evidence';
import { evidenceFirst } from './evidence-world';
import type { EvidenceStep } from './status';

/**
 * An `EvidenceStep` for `createScanner`: scans Codex's records (incrementally when
 * `stateDir` is given) and applies the needs-reauth rule to the rows.
 */
export function evidenceStep(deps: EvidenceDeps): EvidenceStep {
  const scanner = createEvidenceScanner(deps);
  return async (rows, toolsMtimes) => {
    const { failures } = await scanner.scan();
    return evidenceFirst(rows, applyEvidence(rows, failures, toolsMtimes));
  };
}
