import { createHmac } from 'node:crypto';
import { parseCode } from '@pioneer/shared';
import {
  activityMac,
  branchMac,
  fallbackCheck,
  judgeStep,
  personalMac,
  personalSecret,
  sameText,
  signActivityCode,
  signBranchCode,
  signPersonalCode,
} from './code-signer.js';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 8);

describe('code signing', () => {
  it('signs a branch code that parses back to what was signed, and only that key verifies it', () => {
    const scene = signBranchCode(KEY, 'K7Q2M9XD', 3);
    expect(scene.length).toBeLessThanOrEqual(32);
    const parsed = parseCode(scene);
    expect(parsed).toMatchObject({ kind: 'branch', branchCode: 'K7Q2M9XD', keyVersion: 3 });
    const mac = (parsed as { mac: string }).mac;
    expect(sameText(branchMac(KEY, 'K7Q2M9XD', 3), mac)).toBe(true);
    expect(sameText(branchMac(OTHER, 'K7Q2M9XD', 3), mac)).toBe(false);
    expect(sameText(branchMac(KEY, 'K7Q2M9XE', 3), mac)).toBe(false);
    expect(sameText(branchMac(KEY, 'K7Q2M9XD', 4), mac)).toBe(false);
  });

  it('matches an independent HMAC-SHA256 of the documented message', () => {
    const expected = createHmac('sha256', KEY).update('B|K7Q2M9XD|3').digest('base64url').slice(0, 12);
    expect(branchMac(KEY, 'K7Q2M9XD', 3)).toBe(expected);
  });

  it('makes fallback checks that differ per branch and per key version', () => {
    const checks = new Set([
      fallbackCheck(KEY, 'K7Q2M9XD', 1),
      fallbackCheck(KEY, 'K7Q2M9XE', 1),
      fallbackCheck(KEY, 'K7Q2M9XD', 2),
      fallbackCheck(OTHER, 'K7Q2M9XD', 1),
    ]);
    expect(checks.size).toBe(4);
    for (const c of checks) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('changes the activity code every step', () => {
    const a = signActivityCode(KEY, 'AAAABBBB', 100);
    const b = signActivityCode(KEY, 'AAAABBBB', 101);
    expect(a).not.toBe(b);
    expect(parseCode(a)).toMatchObject({ kind: 'activity', step: 100, mac: activityMac(KEY, 'AAAABBBB', 100) });
  });

  it('derives a different personal secret per member, and the phone-side code verifies', () => {
    const s1 = personalSecret(KEY, '11111111-1111-1111-1111-111111111111');
    const s2 = personalSecret(KEY, '22222222-2222-2222-2222-222222222222');
    expect(s1.equals(s2)).toBe(false);
    const code = signPersonalCode(s1, 'MMMMCCCC', 2, 5000);
    expect(code.length).toBeLessThanOrEqual(32);
    expect(parseCode(code)).toMatchObject({ kind: 'personal', mac: personalMac(s1, 'MMMMCCCC', 2, 5000) });
    expect(personalMac(s2, 'MMMMCCCC', 2, 5000)).not.toBe(personalMac(s1, 'MMMMCCCC', 2, 5000));
  });
});

describe(judgeStep.name, () => {
  it.each([
    [100, 100, 'current'],
    [99, 100, 'current'],
    [98, 100, 'expired'],
    [101, 100, 'current'],
    [102, 100, 'future'],
  ] as const)('a code of step %i judged at step %i is %s', (code, now, verdict) => {
    expect(judgeStep(code, now)).toBe(verdict);
  });

  it('accepts as many steps behind as asked', () => {
    expect(judgeStep(98, 100, 2)).toBe('current');
    expect(judgeStep(97, 100, 2)).toBe('expired');
  });
});
