/** One connector: avatar, name, health, link id, tool count, last auth failure, action. */
import { useId, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { LinkChange } from '../../shared/evidence';
import type { Connector } from '../../shared/schemas';
import { HEALTH_LABEL, resetVerb } from '../lib/model';
import { cleanText, plural } from '../lib/text';
import { formatFull, formatTime } from '../lib/time';
import { Avatar } from './Avatar';
import { ConnectorDetails } from './ConnectorDetails';
import { HealthBadge } from './HealthBadge';
import { Icon } from './Icon';
import { LinkId } from './LinkId';

/** Props of a connector row. */
export interface ConnectorRowProps {
  connector: Connector;
  scannedAt: string;
  readOnly: boolean;
  changes: readonly LinkChange[];
  onReset: (c: Connector) => void;
  onOpen: (url: string) => void;
  onRecover?: (c: Connector) => void;
}

/** A list item; Enter on the focused row starts its action. */
export function ConnectorRow({ connector: c, scannedAt, readOnly, changes, onReset, onOpen, onRecover }: ConnectorRowProps): ReactElement {
  const name = cleanText(c.name, 48) || c.id;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const verb = resetVerb(c);
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.key === 'Enter' && e.target === e.currentTarget && !readOnly) {
      e.preventDefault();
      onReset(c);
    }
  };
  return (
    <li
      className={`row row--${c.health}`}
      data-roving=""
      tabIndex={-1}
      data-testid="connector-row"
      data-connector-id={c.id}
      aria-label={`${name}: ${HEALTH_LABEL[c.health]}`}
      onKeyDown={onKeyDown}
    >
      <Avatar id={c.id} name={c.name} />
      <div className="row-main">
        <div className="row-title">
          <span className="row-name" title={cleanText(c.name, 200)}>
            {name}
          </span>
          <HealthBadge health={c.health} reasons={c.reasons} />
        </div>
        <div className="row-meta">
          <LinkId ids={c.linkIds} />
          <span className="meta-item">{plural(c.toolCount, 'tool')}</span>
          {c.lastAuthFailure && (
            <span className={c.health === 'needs-reauth' ? 'meta-item meta-item--warn' : 'meta-item'} title={`Last auth failure ${formatFull(c.lastAuthFailure.at)}`}>
              Auth failed {formatTime(c.lastAuthFailure.at, scannedAt)}
            </span>
          )}
        </div>
      </div>
      <div className="row-side">
        {!readOnly && (
          <button
            type="button"
            className={c.health === 'needs-reauth' ? 'button button--primary row-action' : 'button row-action'}
            onClick={() => onReset(c)}
            aria-label={`${verb}: ${name}`}
          >
            {verb}
          </button>
        )}
        <button
          type="button"
          className={open ? 'disclosure disclosure--open' : 'disclosure'}
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={`Details: ${name}`}
          onClick={() => setOpen((o) => !o)}
        >
          Details
          <Icon name="chevron" />
        </button>
      </div>
      {open && <ConnectorDetails id={detailsId} connector={c} scannedAt={scannedAt} changes={changes} onOpen={onOpen} onRecover={readOnly ? undefined : onRecover} />}
    </li>
  );
}
