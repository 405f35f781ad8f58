import { createHmac } from 'node:crypto';
import { parseCode, type PersonalCodeKey } from '@pioneer/shared';
import { base64UrlToBytes, personalCodeAt, secondsLeft } from './personal-code';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');

function makeKey(overrides: Partial<PersonalCodeKey> = {}): PersonalCodeKey {
  return { memberCode: 'K7Q2M9XD', keyVersion: 3, secret: SECRET.toString('base64url'), stepSeconds: 30, ...overrides };
}

/** What the server computes, written out with node:crypto. */
function expectedCode(key: PersonalCodeKey, at: number): string {
  const step = Math.floor(at / 1000 / key.stepSeconds);
  const mac = createHmac('sha256', Buffer.from(key.secret, 'base64url'))
    .update(`P|${key.memberCode}|${key.keyVersion}|${step}`)
    .digest('base64url')
    .slice(0, 10);
  return `P${key.memberCode}.${key.keyVersion.toString(36)}.${step.toString(36)}.${mac}`;
}

describe(personalCodeAt.name, () => {
  const at = Date.UTC(2025, 2, 1, 8, 0, 5);

  it('matches HMAC-SHA256 over CodeMessage.personal, base64url, cut to 10 characters', () => {
    const key = makeKey();
    const code = personalCodeAt(key, base64UrlToBytes(key.secret), at);

    expect(code).toBe(expectedCode(key, at));
    expect(parseCode(code)).toEqual(
      expect.objectContaining({
        kind: 'personal',
        memberCode: 'K7Q2M9XD',
        keyVersion: 3,
        step: Math.floor(at / 30000),
      }),
    );
  });

  it('stays the same within a step and changes with the next one', () => {
    const key = makeKey();
    const secret = base64UrlToBytes(key.secret);
    const stepStart = Math.floor(at / 30000) * 30000;

    expect(personalCodeAt(key, secret, stepStart)).toBe(personalCodeAt(key, secret, stepStart + 29_999));
    expect(personalCodeAt(key, secret, stepStart + 30_000)).toBe(expectedCode(key, stepStart + 30_000));
    expect(personalCodeAt(key, secret, stepStart + 30_000)).not.toBe(personalCodeAt(key, secret, stepStart));
  });

  it('fits in a WeChat scene', () => {
    const key = makeKey({ keyVersion: 1295 });
    expect(personalCodeAt(key, base64UrlToBytes(key.secret), at).length).toBeLessThanOrEqual(32);
  });
});

describe(base64UrlToBytes.name, () => {
  it.each([0, 1, 2, 3, 31, 32, 33])('reads %i bytes back as node wrote them', (length) => {
    const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 250) % 256));
    expect(Buffer.from(base64UrlToBytes(bytes.toString('base64url')))).toEqual(bytes);
    expect(Buffer.from(base64UrlToBytes(bytes.toString('base64')))).toEqual(bytes);
  });

  it('refuses text that is not base64url', () => {
    expect(() => base64UrlToBytes('ab*c')).toThrow();
  });
});

describe(secondsLeft.name, () => {
  it('counts down from the step length to 1', () => {
    const key = makeKey();
    expect(secondsLeft(key, 60_000)).toBe(30);
    expect(secondsLeft(key, 60_999)).toBe(30);
    expect(secondsLeft(key, 89_000)).toBe(1);
  });
});
