/** A `link_*` id in monospace: shortened, full on hover, with a copy button. */
import { useEffect, useState, type ReactElement } from 'react';
import { cleanText, shortenId } from '../lib/text';
import { copyText } from '../hooks/clipboard';
import { Icon } from './Icon';

/** The first link id of a connector, plus a count of any further ones. */
export function LinkId({ ids }: { ids: readonly string[] }): ReactElement {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  const first = ids[0];
  if (!first) return <span className="link-id link-id--none">no link</span>;
  const full = cleanText(first, 200);
  const more = ids.length - 1;
  return (
    <span className="link-id-wrap">
      <code className="link-id" title={ids.map((l) => cleanText(l, 200)).join('\n')} data-testid="link-id" data-full={full}>
        {shortenId(first)}
      </code>
      {more > 0 && <span className="more" title={`${more} more link ids`}>+{more}</span>}
      <button
        type="button"
        className="icon-button"
        aria-label={copied === 'yes' ? 'Copied' : `Copy link id ${full}`}
        title={copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy link id'}
        onClick={() => void copyText(full).then((ok) => setCopied(ok ? 'yes' : 'no'))}
      >
        <Icon name={copied === 'yes' ? 'check' : 'copy'} />
      </button>
    </span>
  );
}
