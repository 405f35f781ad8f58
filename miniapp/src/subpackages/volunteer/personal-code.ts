import { parseCode } from '@pioneer/shared';

function sceneFrom(text: string): string | null {
  const match = /[?&]scene=([^&#]*)/.exec(text);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * The member's personal code (`P…`) in a scan or a pasted text, bare or inside a scan link's
 * `scene=`; null for any other kind of code. (The secretary's scanner reads codes the same way;
 * subpackages cannot share a module, so this is its twin.)
 */
export function personalCodeIn(input: { result: string; path?: string }): string | null {
  const candidates = [input.path && sceneFrom(input.path), sceneFrom(input.result), input.result.replace(/\s+/g, '')];
  for (const candidate of candidates) {
    if (candidate && parseCode(candidate)?.kind === 'personal') return candidate;
  }
  return null;
}
