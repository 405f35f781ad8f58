/**
 * 流动先锋码: the formats of the codes people scan. A code is a WeChat `scene`
 * (at most 32 characters) and never holds personal data: only public random
 * codes of a branch, an activity or a member, a key version or a time step,
 * and a truncated HMAC. Parsing is pure and shared; signing and verifying are
 * the server's (and, for the personal code, the member's phone's) business.
 *
 * - Branch code:    `B<branch code 8>.<key version>.<mac 12>`       e.g. `BK7Q2M9XD.1.x5F0aQm3Lk_2`
 * - Fallback code:  `<branch code 8><check 4>` typed by a person   e.g. `K7Q2M9XD3F8A` (dashes, spaces and case ignored)
 * - Activity code:  `A<activity code 8>.<time step>.<mac 10>`       rotates every 20 s
 * - Personal code:  `P<member code 8>.<key version>.<time step>.<mac 10>` rotates every 30 s
 */

export const SCENE_MAX_LENGTH = 32;

/** Crockford base32: no I, L, O or U, so a printed code reads back without doubt. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PUBLIC_CODE_LENGTH = 8;
export const FALLBACK_CHECK_LENGTH = 4;
export const FALLBACK_CODE_LENGTH = PUBLIC_CODE_LENGTH + FALLBACK_CHECK_LENGTH;

export const BRANCH_MAC_LENGTH = 12;
export const ROTATING_MAC_LENGTH = 10;

/** The activity code on the venue screen changes this often; the previous step is still accepted. */
export const ACTIVITY_CODE_STEP_SECONDS = 20;
/** The member's personal code changes this often. */
export const PERSONAL_CODE_STEP_SECONDS = 30;

export const CODE_KINDS = ['branch', 'fallback', 'activity', 'personal'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** Keys that sign codes, each purpose with its own ring of versions. */
export const CODE_KEY_PURPOSES = ['branch', 'personal'] as const;
export type CodeKeyPurpose = (typeof CODE_KEY_PURPOSES)[number];

export type ParsedCode =
  | { kind: 'branch'; branchCode: string; keyVersion: number; mac: string }
  | { kind: 'fallback'; branchCode: string; check: string }
  | { kind: 'activity'; activityCode: string; step: number; mac: string }
  | { kind: 'personal'; memberCode: string; keyVersion: number; step: number; mac: string };

const PUBLIC = `[${CODE_ALPHABET}]{${PUBLIC_CODE_LENGTH}}`;
const VERSION = '([1-9a-z][0-9a-z]{0,2})';
const STEP = '([0-9a-z]{1,8})';
const BRANCH_RE = new RegExp(`^B(${PUBLIC})\\.${VERSION}\\.([A-Za-z0-9_-]{${BRANCH_MAC_LENGTH}})$`);
const ACTIVITY_RE = new RegExp(`^A(${PUBLIC})\\.${STEP}\\.([A-Za-z0-9_-]{${ROTATING_MAC_LENGTH}})$`);
const PERSONAL_RE = new RegExp(`^P(${PUBLIC})\\.${VERSION}\\.${STEP}\\.([A-Za-z0-9_-]{${ROTATING_MAC_LENGTH}})$`);
const FALLBACK_RE = new RegExp(`^(${PUBLIC})([${CODE_ALPHABET}]{${FALLBACK_CHECK_LENGTH}})$`);

/** Reads a typed code the way a person means it: case, spaces and dashes ignored, O→0, I/L→1. */
export function normaliseTypedCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The code a scene or typed text holds, or null when it is none of ours. */
export function parseCode(text: string): ParsedCode | null {
  const raw = text.trim();
  if (raw.length === 0 || raw.length > SCENE_MAX_LENGTH + 8) return null;
  let m = BRANCH_RE.exec(raw);
  if (m) return { kind: 'branch', branchCode: m[1], keyVersion: parseInt(m[2], 36), mac: m[3] };
  m = ACTIVITY_RE.exec(raw);
  if (m) return { kind: 'activity', activityCode: m[1], step: parseInt(m[2], 36), mac: m[3] };
  m = PERSONAL_RE.exec(raw);
  if (m)
    return { kind: 'personal', memberCode: m[1], keyVersion: parseInt(m[2], 36), step: parseInt(m[3], 36), mac: m[4] };
  m = FALLBACK_RE.exec(normaliseTypedCode(raw));
  if (m) return { kind: 'fallback', branchCode: m[1], check: m[2] };
  return null;
}

export function formatBranchCode(branchCode: string, keyVersion: number, mac: string): string {
  return `B${branchCode}.${keyVersion.toString(36)}.${mac}`;
}

export function formatActivityCode(activityCode: string, step: number, mac: string): string {
  return `A${activityCode}.${step.toString(36)}.${mac}`;
}

export function formatPersonalCode(memberCode: string, keyVersion: number, step: number, mac: string): string {
  return `P${memberCode}.${keyVersion.toString(36)}.${step.toString(36)}.${mac}`;
}

/** A fallback code in groups of four for printing: `K7Q2-M9XD-3F8A`. */
export function groupFallbackCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** What the MAC of each kind is computed over (HMAC-SHA256, then base64url, truncated). */
export const CodeMessage = {
  branch: (branchCode: string, keyVersion: number) => `B|${branchCode}|${keyVersion}`,
  fallback: (branchCode: string, keyVersion: number) => `F|${branchCode}|${keyVersion}`,
  activity: (activityCode: string, step: number) => `A|${activityCode}|${step}`,
  personal: (memberCode: string, keyVersion: number, step: number) => `P|${memberCode}|${keyVersion}|${step}`,
} as const;

/** The time step a moment falls in. */
export function timeStep(at: Date | number, stepSeconds: number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor(ms / 1000 / stepSeconds);
}

/** Turns a MAC's leading bytes into Crockford base32 check characters (5 bits each). */
export function base32Check(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CODE_ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= length) break;
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** Base64url without padding, truncated to `length` characters. */
export function base64UrlPrefix(bytes: Uint8Array, length: number): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += table[(n >> 18) & 63] + table[(n >> 12) & 63] + table[(n >> 6) & 63] + table[n & 63];
  }
  return out.slice(0, length);
}

/** The link a printed or on-screen QR code holds when it is not a WeChat mini-program code: it opens the H5 scan page. */
export function scanLink(publicBaseUrl: string, scene: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/pages/scan/index?scene=${encodeURIComponent(scene)}`;
}
