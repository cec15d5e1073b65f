/** Copies text on a user gesture, with a fallback when the clipboard permission is denied. */

/** Resolves true when the text reached the clipboard. */
export async function copyText(text: string): Promise<boolean> {
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
