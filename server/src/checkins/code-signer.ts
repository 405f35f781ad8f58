import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  BRANCH_MAC_LENGTH,
  CodeMessage,
  FALLBACK_CHECK_LENGTH,
  ROTATING_MAC_LENGTH,
  base32Check,
  base64UrlPrefix,
  formatActivityCode,
  formatBranchCode,
  formatPersonalCode,
} from '@pioneer/shared';

/**
 * Signing and checking 流动先锋码 — pure functions over key bytes, so every
 * rule can be tested with tables. Which key and which time step to use is the
 * services' business.
 */

function mac(key: Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** Constant-time comparison of two short ASCII strings. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function branchMac(key: Buffer, branchCode: string, keyVersion: number): string {
  return base64UrlPrefix(mac(key, CodeMessage.branch(branchCode, keyVersion)), BRANCH_MAC_LENGTH);
}

export function signBranchCode(key: Buffer, branchCode: string, keyVersion: number): string {
  return formatBranchCode(branchCode, keyVersion, branchMac(key, branchCode, keyVersion));
}

/** The 4 check characters of a typed fallback code under one key version. */
export function fallbackCheck(key: Buffer, branchCode: string, keyVersion: number): string {
  return base32Check(mac(key, CodeMessage.fallback(branchCode, keyVersion)), FALLBACK_CHECK_LENGTH);
}

export function activityMac(secret: Buffer, activityCode: string, step: number): string {
  return base64UrlPrefix(mac(secret, CodeMessage.activity(activityCode, step)), ROTATING_MAC_LENGTH);
}

export function signActivityCode(secret: Buffer, activityCode: string, step: number): string {
  return formatActivityCode(activityCode, step, activityMac(secret, activityCode, step));
}

/** The per-member secret the phone holds: derived from the personal key of one version, never stored. */
export function personalSecret(key: Buffer, memberId: string): Buffer {
  return mac(key, `member|${memberId}`);
}

export function personalMac(secret: Buffer, memberCode: string, keyVersion: number, step: number): string {
  return base64UrlPrefix(mac(secret, CodeMessage.personal(memberCode, keyVersion, step)), ROTATING_MAC_LENGTH);
}

export function signPersonalCode(secret: Buffer, memberCode: string, keyVersion: number, step: number): string {
  return formatPersonalCode(memberCode, keyVersion, step, personalMac(secret, memberCode, keyVersion, step));
}

/**
 * Where a rotating code's step stands against the step of the moment it is
 * judged at: the current and the previous step are accepted (a code read just
 * before it rotated), one step ahead is tolerated for clock skew.
 */
export type StepVerdict = 'current' | 'expired' | 'future';

export function judgeStep(codeStep: number, nowStep: number, acceptedBehind = 1, acceptedAhead = 1): StepVerdict {
  if (codeStep < nowStep - acceptedBehind) return 'expired';
  if (codeStep > nowStep + acceptedAhead) return 'future';
  return 'current';
}
