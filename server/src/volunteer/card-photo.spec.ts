import { cleanPhoto, sniffImageType, stripJpeg, stripPng } from './card-photo.js';

function segment(marker: number, payload: Buffer | string): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

function jpeg(...segments: Buffer[]): Buffer {
  const scan = Buffer.concat([
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments, scan]);
}

function chunk(type: string, data: string): Buffer {
  const body = Buffer.from(data, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  // The CRC is not checked here (decoders do); any four bytes will do for the structure.
  return Buffer.concat([head, body, Buffer.from([0, 0, 0, 0])]);
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function png(...chunks: Buffer[]): Buffer {
  return Buffer.concat([PNG_SIG, ...chunks]);
}

describe('sniffImageType', () => {
  it.each([
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a PNG', PNG_SIG, 'image/png'],
    ['a GIF', Buffer.from('GIF89a', 'latin1'), null],
    ['an SVG', Buffer.from('<svg onload="alert(1)">', 'latin1'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s is %s', (_, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
});

describe('stripJpeg', () => {
  const jfif = segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0');
  const exif = segment(0xe1, 'Exif\0\0GPS 31.2304N 121.4737E');
  const xmp = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>张三</x:xmpmeta>');
  const comment = segment(0xfe, 'taken at home of 张三');
  const adobe = segment(0xee, 'Adobe\0\x64\0\0\0\0\x01');
  const quant = segment(0xdb, Buffer.alloc(65, 1));

  it('drops EXIF, XMP and comments and keeps JFIF, Adobe and the image data', () => {
    const out = stripJpeg(jpeg(jfif, exif, xmp, comment, adobe, quant))!;
    expect(out).toEqual(jpeg(jfif, adobe, quant));
    expect(out.toString('latin1')).not.toMatch(/GPS|xmpmeta|张三|taken/);
  });
  it('leaves a JPEG without metadata as it is', () => {
    const clean = jpeg(jfif, quant);
    expect(stripJpeg(clean)).toEqual(clean);
  });
  it.each([
    [
      'a segment longer than the file',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00]), Buffer.alloc(10)]),
    ],
    ['no start of scan', Buffer.concat([Buffer.from([0xff, 0xd8]), jfif])],
    ['garbage between segments', Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, Buffer.from([0x00, 0x01])])],
    ['a PNG', png(chunk('IHDR', 'x'.repeat(13)), chunk('IEND', ''))],
  ])('refuses %s', (_, bytes) => {
    expect(stripJpeg(bytes)).toBeNull();
  });
});

describe('stripPng', () => {
  const ihdr = chunk('IHDR', 'x'.repeat(13));
  const idat = chunk('IDAT', 'pixels');
  const iend = chunk('IEND', '');
  it('drops text and EXIF chunks and keeps what draws the picture', () => {
    const out = stripPng(
      png(ihdr, chunk('tEXt', 'Author\0张三'), chunk('eXIf', 'GPS'), chunk('pHYs', '123456789'), idat, iend),
    )!;
    expect(out).toEqual(png(ihdr, chunk('pHYs', '123456789'), idat, iend));
  });
  it.each([
    ['no IHDR first', png(idat, iend)],
    ['no IEND', png(ihdr, idat)],
    [
      'a chunk longer than the file',
      Buffer.concat([PNG_SIG, ihdr, Buffer.from([0, 0, 9, 0]), Buffer.from('IDAT', 'latin1')]),
    ],
    ['a bad chunk type', png(ihdr, chunk('ID@T', 'x'), iend)],
  ])('refuses %s', (_, bytes) => {
    expect(stripPng(bytes)).toBeNull();
  });
});

describe('cleanPhoto', () => {
  it('refuses bytes that are not the declared type', () => {
    expect(cleanPhoto('image/png', jpeg())).toBeNull();
    expect(cleanPhoto('image/jpeg', png(chunk('IHDR', 'x'.repeat(13)), chunk('IEND', '')))).toBeNull();
  });
  it('cleans a photo of the declared type', () => {
    expect(cleanPhoto('image/jpeg', jpeg(segment(0xe1, 'Exif')))).toEqual(jpeg());
  });
});
