import { parseCode, type ParsedCode } from '@pioneer/shared';
import { storage } from '../../platform';

/**
 * What people scan or type is a WeChat `scene`: at most 32 characters from the set WeChat allows (a
 * typed fallback code may carry spaces and dashes). Scanning a mini-program code from inside the app
 * yields a `path` with `scene=` (URL-encoded) rather than the scene itself, and a plain QR code on a
 * poster or venue screen holds a link to the H5 scan page with `?scene=`.
 */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,40}$/;

function decodeScene(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function sceneFrom(text: string): string | null {
  const match = /[?&]scene=([^&#]*)/.exec(text);
  return match ? decodeScene(match[1]) : null;
}

/** The code text inside a scan, a link or typed text, or null when there is none. */
export function scannedText(input: { result: string; path?: string }): string | null {
  const scene = (input.path && sceneFrom(input.path)) || sceneFrom(input.result);
  // Some other link (a web page, a payment code) is not ours even if its characters fit.
  if (!scene && /^[a-z][a-z0-9+.-]*:\/\//i.test(input.result.trim())) return null;
  const text = (scene ?? input.result).replace(/\s+/g, '');
  return SCENE_PATTERN.test(text) ? text : null;
}

/** The code a scan or typed text holds, with its text as scanned, or null when it is none of ours. */
export function readScan(input: { result: string; path?: string }): { text: string; code: ParsedCode } | null {
  const text = scannedText(input);
  const code = text === null ? null : parseCode(text);
  return text !== null && code ? { text, code } : null;
}

/** The page's `scene` query: URL-encoded when WeChat launches a mini-program code, plain on H5. */
export function sceneParam(raw: string | undefined): string | null {
  if (!raw) return null;
  return decodeScene(raw) ?? raw;
}

const REMEMBERED_SCENE = 'pioneer.pending-scene';
/** A code scanned before logging in is acted on after logging in, if that happens soon. */
const REMEMBER_MS = 30 * 60 * 1000;

export function rememberScene(scene: string, now: number = Date.now()): void {
  storage.set(REMEMBERED_SCENE, { scene, at: now });
}

export function hasRememberedScene(now: number = Date.now()): boolean {
  const stored = storage.get<{ scene: string; at: number }>(REMEMBERED_SCENE);
  return !!stored && typeof stored.scene === 'string' && now - stored.at < REMEMBER_MS;
}

/** The scene scanned before logging in, once. */
export function takeRememberedScene(now: number = Date.now()): string | null {
  if (!hasRememberedScene(now)) {
    storage.remove(REMEMBERED_SCENE);
    return null;
  }
  const stored = storage.get<{ scene: string }>(REMEMBERED_SCENE);
  storage.remove(REMEMBERED_SCENE);
  return stored?.scene ?? null;
}
