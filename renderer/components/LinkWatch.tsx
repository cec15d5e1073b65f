/**
 * After a reset: did the rebuilt cache bring a new link, or the same stale one?
 *
 * A changed link means the local cache was the problem (openai/codex#24675); the same link
 * means ChatGPT still holds the stale link (openai/codex#19669): the user must reconnect there.
 */
import type { ReactElement } from 'react';
import type { StatusReport } from '../../shared/schemas';
import { cleanText, shortenId } from '../lib/text';
import { Icon } from './Icon';

/** What the popup remembers about the last reset of one connector. */
export interface WatchedReset {
  identity: string;
  connectorId: string;
  name: string;
  installUrl: string | null;
  oldLinks: string[];
  wasStale: boolean;
}

/** The banner, or nothing while there is nothing to say. */
export function LinkWatch(props: {
  watch: WatchedReset;
  report: StatusReport;
  onOpen: (url: string) => void;
  onDismiss: () => void;
}): ReactElement | null {
  const { watch: w, report } = props;
  const now = report.connectors.find((c) => c.identity === w.identity && c.id === w.connectorId);
  const name = cleanText(w.name, 40);
  const links = (ids: string[]) => ids.map((l) => shortenId(l)).join(', ') || 'no link';
  let tone: 'info' | 'ok' | 'attention';
  let text: string;
  const same = now && now.linkIds.length > 0 && now.linkIds.join() === w.oldLinks.join();
  if (!now) {
    tone = 'info';
    text = `Waiting for Codex to rebuild ${name}'s cache. Start Codex or open a new chat.`;
  } else if (same && (w.wasStale || now.health === 'needs-reauth')) {
    tone = 'attention';
    text = `Codex rebuilt the cache but got the same ${name} link (${links(now.linkIds)}) back: ChatGPT still holds the stale link. Reconnect ${name} in ChatGPT.`;
  } else if (same) {
    tone = 'ok';
    text = `Codex rebuilt the cache; ${name} kept its link ${links(now.linkIds)}.`;
  } else {
    tone = 'ok';
    text = `${name} has a new link: ${links(w.oldLinks)} → ${links(now.linkIds)}.`;
  }
  const url = w.installUrl && tone === 'attention' ? w.installUrl : null;
  return (
    <div className={`notice notice--${tone}`} role="status" data-testid="link-watch" data-tone={tone}>
      <p className="notice-text">{text}</p>
      <div className="notice-actions">
        {url && (
          <button type="button" className="button button--primary" onClick={() => props.onOpen(url)}>
            Open {name} in ChatGPT <Icon name="external" />
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={props.onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
