import {
  FALLBACK_CODE_LENGTH,
  SCENE_MAX_LENGTH,
  base32Check,
  base64UrlPrefix,
  formatActivityCode,
  formatBranchCode,
  formatPersonalCode,
  groupFallbackCode,
  normaliseTypedCode,
  parseCode,
  scanLink,
  timeStep,
} from './codes.js';

describe('parseCode', () => {
  it.each([
    ['BK7Q2M9XD.1.x5F0aQm3Lk_2', { kind: 'branch', branchCode: 'K7Q2M9XD', keyVersion: 1, mac: 'x5F0aQm3Lk_2' }],
    ['BK7Q2M9XD.z.x5F0aQm3Lk_2', { kind: 'branch', branchCode: 'K7Q2M9XD', keyVersion: 35, mac: 'x5F0aQm3Lk_2' }],
    [
      'AK7Q2M9XD.1k2m3n.abcdEFGH12',
      { kind: 'activity', activityCode: 'K7Q2M9XD', step: parseInt('1k2m3n', 36), mac: 'abcdEFGH12' },
    ],
    [
      'PK7Q2M9XD.2.1k2m3n.abcd-FGH_2',
      { kind: 'personal', memberCode: 'K7Q2M9XD', keyVersion: 2, step: parseInt('1k2m3n', 36), mac: 'abcd-FGH_2' },
    ],
    ['K7Q2M9XD3F8A', { kind: 'fallback', branchCode: 'K7Q2M9XD', check: '3F8A' }],
    [' k7q2-m9xd-3f8a ', { kind: 'fallback', branchCode: 'K7Q2M9XD', check: '3F8A' }],
    // A person reads O as 0 and I or L as 1.
    ['K7Q2M9XD3F8O', { kind: 'fallback', branchCode: 'K7Q2M9XD', check: '3F80' }],
  ])('reads %s', (text, expected) => {
    expect(parseCode(text)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['a URL', 'https://example.cn/x'],
    ['a branch code with a short signature', 'BK7Q2M9XD.1.x5F0aQm3Lk'],
    ['a branch code with a letter outside the alphabet', 'BK7Q2M9XU.1.x5F0aQm3Lk_2'],
    ['a version starting with zero', 'BK7Q2M9XD.0.x5F0aQm3Lk_2'],
    ['an activity code without a step', 'AK7Q2M9XD..abcdEFGH12'],
    ['a fallback code one character short', 'K7Q2M9XD3F8'],
    ['Chinese text', '报到码'],
  ])('refuses %s', (_label, text) => {
    expect(parseCode(text)).toBeNull();
  });

  it('round-trips every kind it formats, each within a WeChat scene', () => {
    const step = timeStep(new Date('2026-11-21T12:00:00Z'), 20);
    const codes = [
      formatBranchCode('K7Q2M9XD', 46655, 'x5F0aQm3Lk_2'),
      formatActivityCode('K7Q2M9XD', step, 'abcdEFGH12'),
      formatPersonalCode('K7Q2M9XD', 46655, timeStep(new Date('2099-12-31T00:00:00Z'), 30), 'abcdEFGH12'),
    ];
    for (const code of codes) {
      expect(code.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
      expect(parseCode(code)).not.toBeNull();
    }
  });
});

describe('typed codes', () => {
  it('groups a fallback code in fours and reads it back', () => {
    expect(groupFallbackCode('K7Q2M9XD3F8A')).toBe('K7Q2-M9XD-3F8A');
    expect(normaliseTypedCode('k7q2-m9xd 3f8a')).toHaveLength(FALLBACK_CODE_LENGTH);
  });
});

describe('encodings', () => {
  it.each([
    [[0xff, 0xff, 0xff], 4, '____'],
    [[0x00, 0x00, 0x00], 4, 'AAAA'],
    [[0xfb, 0xef, 0xbe, 0x01], 6, '----AQ'],
  ])('base64UrlPrefix(%j, %i) is %s', (bytes, length, expected) => {
    expect(base64UrlPrefix(Uint8Array.from(bytes), length)).toBe(expected);
  });

  it.each([
    [[0x00, 0x00, 0x00], 4, '0000'],
    [[0xff, 0xff, 0xff], 4, 'ZZZZ'],
    [[0b00001000, 0b10000110, 0b01000000], 4, '1234'],
  ])('base32Check(%j, %i) is %s', (bytes, length, expected) => {
    expect(base32Check(Uint8Array.from(bytes), length)).toBe(expected);
  });

  it('links to the H5 scan page with the scene encoded', () => {
    expect(scanLink('https://pioneer.example.cn/', 'BK7Q2M9XD.1.x5F0+aQm3Lk')).toBe(
      'https://pioneer.example.cn/pages/scan/index?scene=BK7Q2M9XD.1.x5F0%2BaQm3Lk',
    );
  });

  it.each([
    ['2026-11-21T12:00:00.000Z', 20, 89_763_120],
    ['2026-11-21T12:00:19.999Z', 20, 89_763_120],
    ['2026-11-21T12:00:20.000Z', 20, 89_763_121],
  ])('timeStep(%s, %i) is %i', (at, seconds, expected) => {
    expect(timeStep(new Date(at), seconds)).toBe(expected);
  });
});
