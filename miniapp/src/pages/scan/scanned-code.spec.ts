import {
  hasRememberedScene,
  readScan,
  rememberScene,
  sceneParam,
  scannedText,
  takeRememberedScene,
} from './scanned-code';

const BRANCH = 'BK7Q2M9XD.1.x5F0aQm3Lk_2';
const ACTIVITY = 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk';

describe(scannedText.name, () => {
  it.each([
    ['a typed code', { result: BRANCH }, BRANCH],
    ['a typed fallback code with spaces around and inside', { result: ' K7Q2 M9XD-3F8A ' }, 'K7Q2M9XD-3F8A'],
    [
      'a mini-program code scanned inside the app',
      { result: '*', path: `pages/scan/index?scene=${encodeURIComponent(BRANCH)}` },
      BRANCH,
    ],
    [
      'a QR code holding the H5 scan link with a scene',
      { result: `https://pioneer.example.cn/pages/scan/index?scene=${encodeURIComponent(ACTIVITY)}&from=door` },
      ACTIVITY,
    ],
  ])('reads %s', (_case, input, expected) => {
    expect(scannedText(input)).toBe(expected);
  });

  it.each([
    ['empty text', { result: '   ' }],
    ['text longer than a scene allows', { result: 'x'.repeat(41) }],
    ['characters a scene cannot hold', { result: '报到码' }],
    ['a link without a scene', { result: 'https://example.cn/some/page' }],
  ])('rejects %s', (_case, input) => {
    expect(scannedText(input)).toBeNull();
  });
});

describe(readScan.name, () => {
  it.each([
    [BRANCH, 'branch'],
    ['k7q2-m9xd-3f8a', 'fallback'],
    [ACTIVITY, 'activity'],
    ['PK7Q2M9XD.1.2kz3a9.x5F0aQm3Lk', 'personal'],
  ])('recognises %s as a %s code', (text, kind) => {
    expect(readScan({ result: text })?.code.kind).toBe(kind);
  });

  it('returns nothing for text that is not one of our codes', () => {
    expect(readScan({ result: 'B7Kx2Q' })).toBeNull();
  });
});

describe(sceneParam.name, () => {
  it('decodes the scene WeChat hands over URL-encoded and leaves a plain one alone', () => {
    expect(sceneParam(encodeURIComponent(BRANCH))).toBe(BRANCH);
    expect(sceneParam(ACTIVITY)).toBe(ACTIVITY);
    expect(sceneParam('%E0%A4%A')).toBe('%E0%A4%A');
    expect(sceneParam(undefined)).toBeNull();
  });
});

describe('a scene scanned before logging in', () => {
  it('is kept for half an hour and handed over once', () => {
    rememberScene(BRANCH, 1_000);

    expect(hasRememberedScene(1_000 + 29 * 60_000)).toBe(true);
    expect(takeRememberedScene(1_000 + 29 * 60_000)).toBe(BRANCH);
    expect(takeRememberedScene(1_000 + 29 * 60_000)).toBeNull();

    rememberScene(BRANCH, 1_000);
    expect(takeRememberedScene(1_000 + 31 * 60_000)).toBeNull();
  });
});
