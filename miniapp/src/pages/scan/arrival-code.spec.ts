import { arrivalCodeFrom } from './arrival-code';

describe(arrivalCodeFrom.name, () => {
  it.each([
    ['a typed code', { result: 'B7Kx2Q' }, 'B7Kx2Q'],
    ['a typed code with spaces around and inside', { result: ' B7K x2Q ' }, 'B7Kx2Q'],
    [
      'a mini-program code scanned inside the app',
      { result: '*', path: 'pages/scan/index?scene=b%3DB7Kx2Q' },
      'b=B7Kx2Q',
    ],
    [
      'a QR code holding a link with a scene',
      { result: 'https://pioneer.example.cn/r?scene=B7Kx2Q&from=door' },
      'B7Kx2Q',
    ],
  ])('reads %s', (_case, input, expected) => {
    expect(arrivalCodeFrom(input)).toBe(expected);
  });

  it.each([
    ['empty text', { result: '   ' }],
    ['text longer than a WeChat scene allows', { result: 'x'.repeat(33) }],
    ['characters a scene cannot hold', { result: '报到码' }],
    ['a link without a scene', { result: 'https://example.cn/some/page' }],
  ])('rejects %s', (_case, input) => {
    expect(arrivalCodeFrom(input)).toBeNull();
  });
});
