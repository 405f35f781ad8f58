import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  CodeMessage,
  PERSONAL_CODE_STEP_SECONDS,
  ROTATING_MAC_LENGTH,
  base64UrlPrefix,
  formatPersonalCode,
  timeStep,
  type PersonalCodeKey,
} from '@pioneer/shared';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url (padding and standard `+/` tolerated) to bytes; the mini-program runtime has no atob. */
export function base64UrlToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE64URL.indexOf(char);
    if (value < 0) throw new Error('secret is not base64url');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

/** The message is ASCII (`P|code|version|step`); the mini-program runtime has no TextEncoder. */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0x7f);
}

export function stepSecondsOf(key: PersonalCodeKey): number {
  return Number.isInteger(key.stepSeconds) && key.stepSeconds > 0 ? key.stepSeconds : PERSONAL_CODE_STEP_SECONDS;
}

/** The personal code for the time step `at` falls in: what the secretary's scanner reads. */
export function personalCodeAt(key: PersonalCodeKey, secret: Uint8Array, at: number): string {
  const step = timeStep(at, stepSecondsOf(key));
  const mac = hmac(sha256, secret, asciiBytes(CodeMessage.personal(key.memberCode, key.keyVersion, step)));
  return formatPersonalCode(key.memberCode, key.keyVersion, step, base64UrlPrefix(mac, ROTATING_MAC_LENGTH));
}

/** Whole seconds until the code changes (1 … stepSeconds). */
export function secondsLeft(key: PersonalCodeKey, at: number): number {
  const stepSeconds = stepSecondsOf(key);
  return stepSeconds - (Math.floor(at / 1000) % stepSeconds);
}
