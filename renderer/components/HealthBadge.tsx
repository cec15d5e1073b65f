/** A health badge whose reasons show on hover and on keyboard focus. */
import { useId, type ReactElement } from 'react';
import type { Health } from '../../shared/schemas';
import { HEALTH_LABEL } from '../lib/model';
import { cleanText } from '../lib/text';

/** The badge plus a tooltip listing the read model's reasons. */
export function HealthBadge({ health, reasons }: { health: Health; reasons: readonly string[] }): ReactElement {
  const tipId = useId();
  const shown = reasons.slice(0, 4).map((r) => cleanText(r, 160));
  return (
    <span className="badge-wrap">
      <span
        className={`badge badge--${health}`}
        tabIndex={shown.length > 0 ? 0 : undefined}
        aria-describedby={shown.length > 0 ? tipId : undefined}
        data-testid="health"
        data-health={health}
      >
        {HEALTH_LABEL[health]}
      </span>
      {shown.length > 0 && (
        <span role="tooltip" id={tipId} className="tip">
          {shown.map((r, i) => (
            <span key={i} className="tip-line">
              {r}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
