import { inflateSync } from 'node:zlib';
import { create as createFont } from 'fontkit';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import {
  POSTER_HEIGHT,
  POSTER_WIDTH,
  renderBranchPoster,
  type BranchPoster,
  type BranchPosterInput,
} from './poster.js';

type QrPosterInput = Extract<BranchPosterInput, { qrText: string }>;

const posterInput = (overrides: Partial<QrPosterInput> = {}): QrPosterInput => ({
  branchName: '中共某某街道某某社区流动党员党支部',
  qrText: 'https://pioneer.example.org/#/pages/scan/index?scene=BK7Q2M9XD.1.x5F0aQm3Lk_2',
  fallbackCode: 'K7Q2-M9XD-3F8A',
  lines: ['外出党员到达后，请用微信扫一扫报到', '无法扫码时，在“扫码”页输入手动输入码'],
  ...overrides,
});

/** A 60-character branch name, the longest a poster is expected to carry in full. */
const LONG_NAME =
  '中共广东省深圳市南山区粤海街道高新技术产业园区科技园社区第三网格非公有制企业联合流动党员党支部委员会试点一二三四五六七八';

/** The white strip between the red band and the QR code's frame, where the branch name goes. */
const NAME_STRIP = { top: 300, bottom: 600 };

describe(renderBranchPoster.name, () => {
  let poster: BranchPoster;

  beforeAll(async () => {
    poster = await renderBranchPoster(posterInput());
  });

  it('renders an A4 PNG at 150 dpi', () => {
    expect(poster.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(poster.png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(poster.png.readUInt32BE(16)).toBe(POSTER_WIDTH);
    expect(poster.png.readUInt32BE(20)).toBe(POSTER_HEIGHT);
    expect([POSTER_WIDTH, POSTER_HEIGHT]).toEqual([1240, 1754]);
    const pHYs = poster.png.indexOf('pHYs', 0, 'latin1');
    expect(pHYs).toBeGreaterThan(0);
    expect(poster.png.readUInt32BE(pHYs + 4)).toBe(5906); // pixels per metre = 150 dpi
  });

  it('prints a QR code that a scanner reads back as the link', () => {
    // The whole page at half size, as a phone a step back would see it (and four times quicker to scan).
    const page = halfSize(PNG.sync.read(poster.png));
    // jsqr is CommonJS: its typings describe the function as the `default` of module.exports.
    const code = jsqr.default(page.pixels, page.width, page.height, { inversionAttempts: 'dontInvert' });
    expect(code?.data).toBe(posterInput().qrText);
  });

  it('draws each Chinese character of the branch name from its own outline', async () => {
    const dense = await renderBranchPoster(posterInput({ branchName: '流动党员党支部' }));
    const sparse = await renderBranchPoster(posterInput({ branchName: '一二三上下工人' }));
    const empty = await renderBranchPoster(posterInput({ branchName: '' }));

    expect(inkIn(empty.png, NAME_STRIP)).toBe(0);
    // Missing glyphs would all be the same box; real outlines put far more ink in 流动党员党支部.
    const denseInk = inkIn(dense.png, NAME_STRIP);
    const sparseInk = inkIn(sparse.png, NAME_STRIP);
    expect(sparseInk).toBeGreaterThan(1000);
    expect(denseInk).toBeGreaterThan(sparseInk * 1.5);
  });

  it('wraps a 60-character branch name inside the margins', async () => {
    expect(Array.from(LONG_NAME)).toHaveLength(60);
    const long = await renderBranchPoster(posterInput({ branchName: LONG_NAME }));

    expect(inkIn(long.png, NAME_STRIP)).toBeGreaterThan(0);
    expect(inkIn(long.png, { ...NAME_STRIP, left: 0, right: 95 })).toBe(0);
    expect(inkIn(long.png, { ...NAME_STRIP, left: POSTER_WIDTH - 95, right: POSTER_WIDTH })).toBe(0);
    expect(pdfObjects(long.pdf).some((o) => /\/Type \/Pages\n[\s\S]*\/Count 1\n/.test(o.dict))).toBe(true);
  });

  it('cuts a name too long for any size with an ellipsis instead of overflowing', async () => {
    const absurd = await renderBranchPoster(posterInput({ branchName: LONG_NAME.repeat(5) }));

    expect(inkIn(absurd.png, { ...NAME_STRIP, left: 0, right: 95 })).toBe(0);
    expect(inkIn(absurd.png, { ...NAME_STRIP, left: POSTER_WIDTH - 95, right: POSTER_WIDTH })).toBe(0);
  });

  it('makes a one-page A4 PDF with the QR code as vector rectangles', () => {
    expect(poster.pdf.toString('latin1', 0, 5)).toBe('%PDF-');
    const objects = pdfObjects(poster.pdf);
    expect(objects.some((o) => o.dict.includes('/MediaBox [0 0 595.28 841.89]'))).toBe(true);
    expect(objects.some((o) => o.dict.includes('/Subtype /Image'))).toBe(false);
    const content = objects.map((o) => o.data?.toString('latin1') ?? '').join('\n');
    expect(content.match(/ re\n/g)?.length ?? 0).toBeGreaterThan(200);
  });

  it('embeds Noto Sans SC subsets that hold the outlines of 流 and 动', () => {
    const objects = pdfObjects(poster.pdf);
    const byNumber = new Map(objects.map((o) => [o.number, o]));
    const ref = (dict: string, key: string) =>
      byNumber.get(Number(new RegExp(`/${key} \\[?(\\d+) 0 R`).exec(dict)?.[1]));

    const drawn = new Set<string>();
    for (const font of objects.filter((o) => o.dict.includes('/Subtype /Type0'))) {
      expect(font.dict).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-(Regular|Bold)/);
      const descriptor = ref(ref(font.dict, 'DescendantFonts')?.dict ?? '', 'FontDescriptor');
      const file = ref(descriptor?.dict ?? '', 'FontFile2')?.data;
      const toUnicode = ref(font.dict, 'ToUnicode')?.data?.toString('latin1');
      if (!file || !toUnicode) throw new Error('a Type0 font without an embedded file or a ToUnicode map');

      const subset = createFont(file);
      if (!('getGlyph' in subset)) throw new Error('the embedded font is a collection');
      const notdef = subset.getGlyph(0).path.toSVG();
      for (const [cid, text] of cidsToText(toUnicode)) {
        const outline = subset.getGlyph(cid).path.toSVG();
        if (cid !== 0 && outline.length > 0 && outline !== notdef) drawn.add(text);
      }
    }
    expect(drawn).toContain('流');
    expect(drawn).toContain('动');
  });
});

describe(`${renderBranchPoster.name} with a mini-program code image`, () => {
  /** Four quadrants of plain colour, so where each lands on the poster can be checked. */
  const QUADRANTS: [number, number, number][] = [
    [200, 30, 40],
    [20, 150, 60],
    [30, 60, 200],
    [240, 200, 20],
  ];
  const codeImage = (): Buffer => {
    const size = 120;
    const png = new PNG({ width: size, height: size });
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const [r, g, b] = QUADRANTS[(y < size / 2 ? 0 : 2) + (x < size / 2 ? 0 : 1)];
        png.data.set([r, g, b, 255], (y * size + x) * 4);
      }
    }
    return PNG.sync.write(png);
  };
  const { qrText: _link, ...common } = posterInput();
  let poster: BranchPoster;

  beforeAll(async () => {
    poster = await renderBranchPoster({ ...common, codeImage: codeImage() });
  });

  it('paints the image where the QR code goes, scaled up with its colours kept', () => {
    const page = PNG.sync.read(poster.png);
    // The code's frame is 730 px square, centred under the name; the image sits 40 px inside it.
    const image = { left: 295, top: 650, side: 650 };
    const half = image.side / 2;
    QUADRANTS.forEach((colour, i) => {
      const left = image.left + (i % 2) * half + 20;
      const top = image.top + Math.floor(i / 2) * half + 20;
      expect(averageColour(page, { left, top, right: left + half - 40, bottom: top + half - 40 })).toEqual(colour);
    });
    // Nothing of the image outside its square: the frame's inside stays white.
    expect(averageColour(page, { left: 260, top: 615, right: 290, bottom: 1335 })).toEqual([255, 255, 255]);
  });

  it('keeps the rest of the layout: the fallback code and the instructions still have ink', async () => {
    const qr = await renderBranchPoster(posterInput());
    const below = { top: 1400, bottom: 1700 };
    expect(inkIn(poster.png, below)).toBe(inkIn(qr.png, below));
    expect(inkIn(poster.png, NAME_STRIP)).toBe(inkIn(qr.png, NAME_STRIP));
  });

  it('embeds the image in the PDF instead of drawing QR modules', () => {
    const objects = pdfObjects(poster.pdf);
    // pdfkit keeps a PNG's alpha as a grey soft mask beside the colour image.
    const images = objects.filter((o) => o.dict.includes('/Subtype /Image') && o.dict.includes('/DeviceRGB'));
    expect(images).toHaveLength(1);
    expect(images[0].dict).toMatch(/\/Width 120\b/);
    expect([...(images[0].data ?? Buffer.alloc(0)).subarray(0, 3)]).toEqual(QUADRANTS[0]);
    const content = objects.map((o) => o.data?.toString('latin1') ?? '').join('\n');
    expect(content.match(/ re\n/g)?.length ?? 0).toBeLessThan(20);
  });

  it('refuses bytes that are neither PNG nor JPEG', async () => {
    await expect(renderBranchPoster({ ...common, codeImage: Buffer.from('GIF89a') })).rejects.toThrow(/PNG or a JPEG/);
  });
});

/** The mean colour (RGB, rounded) of a box of a decoded PNG. */
function averageColour(image: PNG, box: { left: number; top: number; right: number; bottom: number }): number[] {
  const sum = [0, 0, 0];
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      for (let c = 0; c < 3; c++) sum[c] += image.data[(y * image.width + x) * 4 + c];
    }
  }
  const count = (box.right - box.left) * (box.bottom - box.top);
  return sum.map((s) => Math.round(s / count));
}

/** Dark pixels (the poster's ink is #1A1A1A) inside a box of the PNG. */
function inkIn(png: Buffer, box: { top: number; bottom: number; left?: number; right?: number }): number {
  const image = PNG.sync.read(png);
  let count = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left ?? 0; x < (box.right ?? image.width); x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i] < 100 && image.data[i + 1] < 100 && image.data[i + 2] < 100) count++;
    }
  }
  return count;
}

/** Averages each 2×2 block of an RGBA image into one pixel. */
function halfSize(image: PNG): { pixels: Uint8ClampedArray; width: number; height: number } {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        const at = (dy: number, dx: number) => image.data[((2 * y + dy) * image.width + 2 * x + dx) * 4 + c];
        pixels[(y * width + x) * 4 + c] = (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
      }
    }
  }
  return { pixels, width, height };
}

/** Just enough of a PDF reader for pdfkit's output: each object's dictionary and its inflated stream. */
function pdfObjects(pdf: Buffer): { number: number; dict: string; data?: Buffer }[] {
  const text = pdf.toString('latin1');
  const objects: { number: number; dict: string; data?: Buffer }[] = [];
  const header = /(\d+) 0 obj\n/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const stream = text.indexOf('\nstream\n', start);
    if (stream === -1 || stream > end) {
      objects.push({ number: Number(match[1]), dict: text.slice(start, end) });
      continue;
    }
    const dict = text.slice(start, stream);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = pdf.subarray(stream + 8, stream + 8 + length);
    objects.push({ number: Number(match[1]), dict, data: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    header.lastIndex = stream + 8 + length;
  }
  return objects;
}

/** The CID → text pairs of a ToUnicode CMap written as pdfkit writes them (`<first> <last> [<utf16> …]`). */
function cidsToText(cmap: string): [number, string][] {
  const pairs: [number, string][] = [];
  for (const [, first, entries] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    const units = entries.match(/<([0-9a-f]+)>/gi) ?? [];
    units.forEach((unit, i) => {
      const hex = unit.slice(1, -1);
      const codes = hex.match(/.{4}/g)?.map((h) => parseInt(h, 16)) ?? [];
      pairs.push([parseInt(first, 16) + i, String.fromCharCode(...codes)]);
    });
  }
  return pairs;
}
