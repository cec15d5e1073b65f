/** A `link_*` id in monospace: shortened, full on hover, with a copy button. */
import { useEffect, useState, type ReactElement } from 'react';
import { cleanText, shortenId } from '../lib/text';
import { Icon } from './Icon';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard permission denied (main's permission handler answers false): fall back to a
    // user-gesture copy from a detached text field, which needs no permission.
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'copy-buffer';
    document.body.append(field);
    field.select();
    const ok = document.execCommand('copy');
    field.remove();
    return ok;
  }
}

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
