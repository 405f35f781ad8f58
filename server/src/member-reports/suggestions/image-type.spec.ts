import { sniffImageType } from './image-type.js';

describe(sniffImageType.name, () => {
  it.each([
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'image/jpeg'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), 'image/png'],
    ['a GIF', Buffer.from('GIF89a...'), null],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['a PNG cut short', Buffer.from([0x89, 0x50, 0x4e]), null],
    ['nothing', Buffer.alloc(0), null],
  ])('reads %s as %s', (_what, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
});
