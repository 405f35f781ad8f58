/** The `?code=` a page was opened with: navigate.to encodes it, and some platforms hand it over undecoded. */
export function codeParam(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}
