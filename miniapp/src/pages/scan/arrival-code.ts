/**
 * An arrival code (报到码) as printed in a branch's mini-program code: at most 32 characters from the
 * set WeChat allows in a `scene`. Scanning a mini-program code from inside the app yields a `path`
 * with `scene=` (URL-encoded) rather than the scene itself.
 */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

function sceneFrom(text: string): string | null {
  const match = /[?&]scene=([^&#]*)/.exec(text);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The code inside a scan or typed text, or null when there is none. */
export function arrivalCodeFrom(input: { result: string; path?: string }): string | null {
  const scene = (input.path && sceneFrom(input.path)) || sceneFrom(input.result);
  // Some other link (a web page, a payment code) is not an arrival code even if its characters fit.
  if (!scene && /^[a-z][a-z0-9+.-]*:\/\//i.test(input.result.trim())) return null;
  const code = (scene ?? input.result).replace(/\s+/g, '');
  return SCENE_PATTERN.test(code) ? code : null;
}
