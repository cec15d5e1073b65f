/** Cache files Relink cannot use, each with the reason. */
import type { ReactElement } from 'react';
import type { CacheFile } from '../../shared/schemas';
import { fileProblemText, problemFiles } from '../lib/model';
import { cleanText, plural, shortPath } from '../lib/text';
import { Icon } from './Icon';

/** A collapsible notice; renders nothing when every file is fine. */
export function FileProblems({ files }: { files: readonly CacheFile[] }): ReactElement | null {
  const bad = problemFiles(files);
  if (bad.length === 0) return null;
  return (
    <details className="notice notice--problem" data-testid="file-problems">
      <summary>
        <Icon name="warn" />
        <span>
          {plural(bad.length, 'cache file')} Relink cannot use
        </span>
      </summary>
      <ul className="notice-list">
        {bad.map((f) => (
          <li key={f.path} data-testid="file-problem" data-state={f.state}>
            <code className="path" title={[f.path, f.message].filter(Boolean).map((t) => cleanText(t, 300)).join('\n')}>
              {shortPath(f.path)}
            </code>
            <span className="notice-why">{fileProblemText(f)}</span>
            {f.message && f.state !== 'unsupported-schema' && <span className="notice-detail">{cleanText(f.message, 160)}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
