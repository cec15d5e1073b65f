/**
 * Display hygiene for third-party text (tool and connector names, emails, messages).
 *
 * Pure TS, used by the CLI and the renderer: cache contents are hostile text (reliability.md
 * §5): control characters, bidi overrides and zero-width characters are removed and the
 * length is clipped, so a name can neither spoof the terminal nor the UI.
 */

// C0/C1 controls (except tab), bidi embeddings/overrides/isolates, zero-width and BOM.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Neutralizes and clips text for display. */
export function displayText(s: string, max = 120): string {
  const clean = s.replace(UNSAFE, '').replace(/\t/g, ' ');
  return clean.length <= max ? clean : clean.slice(0, max - 1) + '…';
}

/** `link_5e6f7a8b…9a0b`: enough to tell links apart, short enough for a row. */
export function shortLinkId(id: string): string {
  return id.length <= 16 ? id : `${id.slice(0, 9)}…${id.slice(-4)}`;
}

/** The first 8 characters of an account identity (a stable pseudonym of the account). */
export function shortIdentity(identity: string): string {
  return identity.slice(0, 8);
}
