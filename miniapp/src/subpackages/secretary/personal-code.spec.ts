import { personalCodeFrom } from './personal-code';

const PERSONAL = 'PK7Q2M9XD.1.1kz3a9.x5F0aQm3Lk';

describe(personalCodeFrom.name, () => {
  it.each([
    ['a bare code', { result: PERSONAL }, PERSONAL],
    ['a code with spaces from pasting', { result: ` ${PERSONAL}\n` }, PERSONAL],
    [
      'a scan link',
      { result: `https://pioneer.test/pages/scan/index?scene=${encodeURIComponent(PERSONAL)}` },
      PERSONAL,
    ],
    ['a mini-program path', { result: '*', path: `pages/scan/index?scene=${encodeURIComponent(PERSONAL)}` }, PERSONAL],
  ])('finds the personal code in %s', (_name, input, expected) => {
    expect(personalCodeFrom(input)).toBe(expected);
  });

  it.each([
    ['a branch code', { result: 'BK7Q2M9XD.1.x5F0aQm3Lk_2' }],
    ['a venue code', { result: 'AK7Q2M9XD.1kz3a9.x5F0aQm3Lk' }],
    ['a fallback code', { result: 'K7Q2-M9XD-3F8A' }],
    ['a web page', { result: 'https://example.com/' }],
    ['nothing', { result: '' }],
  ])('refuses %s', (_name, input) => {
    expect(personalCodeFrom(input)).toBeNull();
  });
});
