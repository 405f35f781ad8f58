import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { renderAsync } from '@resvg/resvg-js';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode, { type BitMatrix } from 'qrcode';

/**
 * The printable poster of a branch's 流动先锋码: one layout, painted twice, as
 * a PNG (A4 at 150 dpi) and as a vector A4 PDF. Text is set in Noto Sans SC,
 * which ships in an npm package, so a server with no system fonts renders
 * Chinese the same way as a developer's machine.
 */
export type BranchPosterInput = {
  branchName: string;
  /** What a person types when they cannot scan, printed as given (e.g. `K7Q2-M9XD-3F8A`). */
  fallbackCode: string;
  /** Two instruction lines under the code. */
  lines: [string, string];
} & (
  | {
      /** What the QR code holds: the H5 scan link with the branch's scene. */
      qrText: string;
    }
  | {
      /** A code drawn elsewhere (WeChat's mini-program code), PNG or JPEG, printed where the QR code would go. */
      codeImage: Buffer;
    }
);

export interface BranchPoster {
  png: Buffer;
  pdf: Buffer;
}

/** The poster's own units: pixels of the PNG, A4 at 150 dpi. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;
const PNG_DPI = 150;
const A4_POINTS = { width: 595.28, height: 841.89 };

const RED = '#C8161D';
const INK = '#1A1A1A';
const GREY = '#555555';
const MARGIN = 100;
const CONTENT_WIDTH = POSTER_WIDTH - 2 * MARGIN;

/** Where each part sits, top to bottom; the branch name and the instructions shrink to fit their boxes. */
const BAND = { top: 0, height: 300 };
const TITLE_SIZE = 128;
const NAME_BOX = { top: 330, height: 250 };
const NAME_SIZES = [72, 66, 60, 54, 48, 44, 40, 36, 32];
const QR_BOX = { top: 610, height: 730 };
const CODE_LABEL_BASELINE = 1400;
const CODE_BOX = { top: 1422, height: 128 };
const LINES_BOX = { top: 1572, height: 124 };
const LINE_SIZES = [42, 40, 36, 32, 28, 26, 24];
const FOOTER_HEIGHT = 36;

/** Noto Sans SC's ideographic em box reaches 0.88 em above the baseline. */
const EM_ASCENT = 0.88;
const LINE_HEIGHT = 1.32;
/** White modules around the QR code, as the standard asks. */
const QUIET_ZONE = 4;
/** White around a mini-program code inside its frame: it brings no quiet zone of its own that we could rely on. */
const IMAGE_PADDING = 40;

type Weight = 'regular' | 'bold';

const FONT_FILES: Record<Weight, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

interface LoadedFont {
  /** The file as read, for pdfkit to embed a subset of. */
  data: Buffer;
  /** The parsed face, for measuring and for glyph outlines. */
  face: Font;
}

type Fonts = Record<Weight, LoadedFont>;

let fontsLoading: Promise<Fonts> | undefined;

/** Reads both fonts once per process; a failed load is not cached, so a later call tries again. */
function loadFonts(): Promise<Fonts> {
  fontsLoading ??= Promise.all([loadFont(FONT_FILES.regular), loadFont(FONT_FILES.bold)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      fontsLoading = undefined;
      throw error;
    },
  );
  return fontsLoading;
}

async function loadFont(specifier: string): Promise<LoadedFont> {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(specifier);
  } catch (cause) {
    throw new Error(
      `Poster font ${specifier} is not installed; it comes with @pioneer/server's dependencies (pnpm install)`,
      { cause },
    );
  }
  const data = await readFile(path);
  const face = createFont(data);
  if (!('unitsPerEm' in face)) throw new Error(`Poster font ${path} is a font collection, not a single font`);
  return { data, face };
}

// ── layout ─────────────────────────────────────────────────────────────────

type Op =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; radius?: number; stroke?: string }
  | {
      kind: 'text';
      text: string;
      /** Left edge and baseline. */
      x: number;
      y: number;
      size: number;
      weight: Weight;
      fill: string;
      letterSpacing?: number;
    }
  | { kind: 'qr'; x: number; y: number; moduleSize: number; modules: BitMatrix }
  | { kind: 'image'; x: number; y: number; side: number; data: Buffer; type: 'image/png' | 'image/jpeg' };

/** Renders the poster of one branch code as PNG and PDF. */
export async function renderBranchPoster(input: BranchPosterInput): Promise<BranchPoster> {
  const fonts = await loadFonts();
  const ops = layoutPoster(input, fonts);
  const [png, pdf] = await Promise.all([paintPng(ops, fonts), paintPdf(ops, fonts, input.branchName)]);
  return { png, pdf };
}

function layoutPoster(input: BranchPosterInput, fonts: Fonts): Op[] {
  const ops: Op[] = [];
  const centred = (text: string, y: number, size: number, weight: Weight, fill: string, letterSpacing = 0) => {
    const width = measure(fonts[weight].face, text, size) + letterSpacing * (Array.from(text).length - 1);
    ops.push({ kind: 'text', text, x: (POSTER_WIDTH - width) / 2, y, size, weight, fill, letterSpacing });
  };
  const centredBlock = (
    lines: string[],
    box: { top: number; height: number },
    size: number,
    weight: Weight,
    fill: string,
  ) => {
    const lineHeight = size * LINE_HEIGHT;
    let y = box.top + (box.height - lines.length * lineHeight) / 2 + (lineHeight - size) / 2 + EM_ASCENT * size;
    for (const line of lines) {
      centred(line, y, size, weight, fill);
      y += lineHeight;
    }
  };

  // Bands run past the edges so the PDF, a hair narrower in proportion, still bleeds.
  ops.push({ kind: 'rect', x: -20, y: BAND.top - 20, w: POSTER_WIDTH + 40, h: BAND.height + 20, fill: RED });
  const titleSpacing = TITLE_SIZE * 0.12;
  centred('流动先锋码', BAND.height / 2 + (EM_ASCENT - 0.5) * TITLE_SIZE, TITLE_SIZE, 'bold', '#FFFFFF', titleSpacing);

  const name = fitText(fonts.bold.face, [squeeze(input.branchName)], NAME_SIZES, NAME_BOX.height);
  centredBlock(name.lines, NAME_BOX, name.size, 'bold', INK);

  ops.push(...('codeImage' in input ? layoutImage(input.codeImage) : layoutQr(input.qrText)));

  centred('手动输入码', CODE_LABEL_BASELINE, 40, 'regular', GREY);
  ops.push(...layoutCode(fonts.bold.face, input.fallbackCode.trim()));

  const instructions = fitText(fonts.regular.face, input.lines.map(squeeze), LINE_SIZES, LINES_BOX.height);
  centredBlock(instructions.lines, LINES_BOX, instructions.size, 'regular', GREY);

  ops.push({
    kind: 'rect',
    x: -20,
    y: POSTER_HEIGHT - FOOTER_HEIGHT,
    w: POSTER_WIDTH + 40,
    h: FOOTER_HEIGHT + 20,
    fill: RED,
  });
  return ops;
}

/** The QR code of `text` in a white frame, centred in the code's box. */
function layoutQr(text: string): Op[] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  const span = qr.modules.size + 2 * QUIET_ZONE;
  // Whole pixels per module, so every edge of the PNG's code falls on a pixel boundary.
  const moduleSize = Math.floor(Math.min(QR_BOX.height, CONTENT_WIDTH) / span);
  const qrSide = moduleSize * span;
  const qrX = Math.round((POSTER_WIDTH - qrSide) / 2);
  const qrY = Math.round(QR_BOX.top + (QR_BOX.height - qrSide) / 2);
  return [
    { kind: 'rect', x: qrX, y: qrY, w: qrSide, h: qrSide, fill: '#FFFFFF', radius: 12, stroke: '#D9D9D9' },
    { kind: 'qr', x: qrX + QUIET_ZONE * moduleSize, y: qrY + QUIET_ZONE * moduleSize, moduleSize, modules: qr.modules },
  ];
}

/** A ready-made code image in the same white frame, scaled to fit a square inside it (aspect kept). */
function layoutImage(data: Buffer): Op[] {
  const side = Math.min(QR_BOX.height, CONTENT_WIDTH);
  const x = Math.round((POSTER_WIDTH - side) / 2);
  const y = Math.round(QR_BOX.top + (QR_BOX.height - side) / 2);
  return [
    { kind: 'rect', x, y, w: side, h: side, fill: '#FFFFFF', radius: 12, stroke: '#D9D9D9' },
    {
      kind: 'image',
      x: x + IMAGE_PADDING,
      y: y + IMAGE_PADDING,
      side: side - 2 * IMAGE_PADDING,
      data,
      type: imageType(data),
    },
  ];
}

/** PNG or JPEG, the two kinds both resvg and pdfkit read; anything else is refused before painting. */
function imageType(data: Buffer): 'image/png' | 'image/jpeg' {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  throw new Error('A poster code image must be a PNG or a JPEG');
}

/** The fallback code, one character per equal cell so it reads like a monospaced code, on a pale panel. */
function layoutCode(face: Font, code: string): Op[] {
  const chars = Array.from(code);
  const isSeparator = (c: string) => c === '-' || c === ' ';
  const units = chars.reduce((sum, c) => sum + (isSeparator(c) ? 0.5 : 1), 0);
  const padding = 40;
  const cell = Math.min(78, (CONTENT_WIDTH - 2 * padding) / Math.max(units, 1));
  const size = Math.min(CODE_BOX.height * 0.72, cell * 1.25);
  const width = cell * units;
  const ops: Op[] = [
    {
      kind: 'rect',
      x: (POSTER_WIDTH - width) / 2 - padding,
      y: CODE_BOX.top,
      w: width + 2 * padding,
      h: CODE_BOX.height,
      fill: '#FDF2F2',
      radius: 16,
      stroke: '#EFC4C6',
    },
  ];
  // Latin capitals and digits stand 0.73 em tall: centre that height in the panel.
  const baseline = CODE_BOX.top + CODE_BOX.height / 2 + 0.365 * size;
  let x = (POSTER_WIDTH - width) / 2;
  for (const c of chars) {
    const w = isSeparator(c) ? cell / 2 : cell;
    if (c !== ' ') {
      const advance = measure(face, c, size);
      ops.push({ kind: 'text', text: c, x: x + (w - advance) / 2, y: baseline, size, weight: 'bold', fill: INK });
    }
    x += w;
  }
  return ops;
}

function measure(face: Font, text: string, size: number): number {
  return (face.layout(text).advanceWidth * size) / face.unitsPerEm;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The largest size at which the paragraphs, each wrapped to the content width,
 * fit the box's height. Past the smallest size the last line that fits ends in
 * an ellipsis: a poster never overflows.
 */
function fitText(
  face: Font,
  paragraphs: string[],
  sizes: number[],
  boxHeight: number,
): { size: number; lines: string[] } {
  for (const size of sizes) {
    const lines = paragraphs.flatMap((p) => wrap(face, p, size, CONTENT_WIDTH));
    if (lines.length * size * LINE_HEIGHT <= boxHeight) return { size, lines };
  }
  const size = sizes[sizes.length - 1];
  const maxLines = Math.max(1, Math.floor(boxHeight / (size * LINE_HEIGHT)));
  const lines = paragraphs.flatMap((p) => wrap(face, p, size, CONTENT_WIDTH)).slice(0, maxLines);
  let last = Array.from(lines[maxLines - 1] ?? '');
  while (last.length > 0 && measure(face, `${last.join('')}…`, size) > CONTENT_WIDTH) last = last.slice(0, -1);
  lines[maxLines - 1] = `${last.join('')}…`;
  return { size, lines };
}

/** Never starts a line. */
const CLOSING = new Set(Array.from('，。、：；！？）》」』】〕〉”’,.:;!?)]}%％…·'));
/** Never ends a line. */
const OPENING = new Set(Array.from('（《「『【〔〈“‘([{'));
/** Letters and digits that make up a Latin word or a number, kept on one line when they fit. */
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}_@#&'-]/u;

/**
 * Breaks text into lines no wider than `maxWidth`: between any two Chinese
 * characters, at spaces, and inside a Latin word only when the word alone is
 * too wide. Closing punctuation stays with the character before it, opening
 * punctuation with the one after.
 */
function wrap(face: Font, text: string, size: number, maxWidth: number): string[] {
  const tokens: string[] = [];
  let glueNext = false;
  for (const c of Array.from(text)) {
    const previous = tokens[tokens.length - 1];
    if (
      previous !== undefined &&
      (glueNext || CLOSING.has(c) || (WORD_CHAR.test(c) && WORD_CHAR.test(previous[previous.length - 1])))
    ) {
      tokens[tokens.length - 1] = previous + c;
    } else {
      tokens.push(c);
    }
    glueNext = OPENING.has(c);
  }

  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of tokens) {
    if (measure(face, line + token, size) <= maxWidth) {
      line += token;
      continue;
    }
    push();
    if (token === ' ') continue;
    if (measure(face, token, size) <= maxWidth) {
      line = token;
      continue;
    }
    for (const c of Array.from(token)) {
      if (measure(face, line + c, size) > maxWidth) push();
      line += c;
    }
  }
  push();
  return lines;
}

// ── painting ───────────────────────────────────────────────────────────────

/** Text goes in as glyph outlines, so the SVG needs no font and holds nothing but numbers and colours. */
async function paintPng(ops: Op[], fonts: Fonts): Promise<Buffer> {
  const parts: string[] = [];
  for (const op of ops) {
    if (op.kind === 'rect') {
      const radius = op.radius ? ` rx="${op.radius}"` : '';
      const stroke = op.stroke ? ` stroke="${op.stroke}" stroke-width="2"` : '';
      parts.push(
        `<rect x="${op.x}" y="${op.y}" width="${op.w}" height="${op.h}"${radius} fill="${op.fill}"${stroke}/>`,
      );
    } else if (op.kind === 'text') {
      const face = fonts[op.weight].face;
      const scale = op.size / face.unitsPerEm;
      const spacing = (op.letterSpacing ?? 0) / scale;
      const run = face.layout(op.text);
      const glyphs: string[] = [];
      let pen = 0;
      run.glyphs.forEach((glyph, i) => {
        const position = run.positions[i];
        const d = glyph.path.toSVG();
        if (d) {
          glyphs.push(`<path transform="translate(${pen + position.xOffset} ${position.yOffset})" d="${d}"/>`);
        }
        pen += position.xAdvance + spacing;
      });
      parts.push(
        `<g fill="${op.fill}" transform="translate(${op.x} ${op.y}) scale(${scale} ${-scale})">${glyphs.join('')}</g>`,
      );
    } else if (op.kind === 'image') {
      const href = `data:${op.type};base64,${op.data.toString('base64')}`;
      // Scaled without smoothing: a code enlarged from a small image keeps sharp edges, as in the PDF.
      parts.push(
        `<image x="${op.x}" y="${op.y}" width="${op.side}" height="${op.side}" preserveAspectRatio="xMidYMid meet" image-rendering="optimizeSpeed" href="${href}"/>`,
      );
    } else {
      const d = qrRuns(op.modules)
        .map(([row, col, length]) => `M${col} ${row}h${length}v1h${-length}z`)
        .join('');
      const transform = `translate(${op.x} ${op.y}) scale(${op.moduleSize})`;
      parts.push(`<path transform="${transform}" shape-rendering="crispEdges" fill="#000000" d="${d}"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${POSTER_WIDTH}" height="${POSTER_HEIGHT}" viewBox="0 0 ${POSTER_WIDTH} ${POSTER_HEIGHT}"><rect width="100%" height="100%" fill="#FFFFFF"/>${parts.join('')}</svg>`;
  const image = await renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return withResolution(image.asPng(), PNG_DPI);
}

/** Dark modules merged into horizontal runs: [row, first column, length]. */
function qrRuns(modules: BitMatrix): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push([row, start, col - start]);
    }
  }
  return runs;
}

/** Adds a pHYs chunk after IHDR so printing the PNG gives A4, not a wall chart. */
function withResolution(png: Buffer, dpi: number): Buffer {
  const pixelsPerMetre = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(pixelsPerMetre, 8);
  chunk.writeUInt32BE(pixelsPerMetre, 12);
  chunk.writeUInt8(1, 16);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  const afterHeader = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

/**
 * The same layout in PDF points: real text in an embedded font subset, the QR
 * code as filled rectangles, a mini-program code as the image it came as.
 */
function paintPdf(ops: Op[], fonts: Fonts, branchName: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: `流动先锋码 · ${squeeze(branchName)}`, Creator: '流动先锋' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', fonts.regular.data);
  doc.registerFont('bold', fonts.bold.data);
  const scale = Math.min(A4_POINTS.width / POSTER_WIDTH, A4_POINTS.height / POSTER_HEIGHT);
  doc.translate((A4_POINTS.width - POSTER_WIDTH * scale) / 2, (A4_POINTS.height - POSTER_HEIGHT * scale) / 2);
  doc.scale(scale);

  for (const op of ops) {
    if (op.kind === 'rect') {
      if (op.radius) doc.roundedRect(op.x, op.y, op.w, op.h, op.radius);
      else doc.rect(op.x, op.y, op.w, op.h);
      if (op.stroke) doc.lineWidth(2).fillAndStroke(op.fill, op.stroke);
      else doc.fill(op.fill);
    } else if (op.kind === 'text') {
      doc
        .font(op.weight)
        .fontSize(op.size)
        .fillColor(op.fill)
        .text(op.text, op.x, op.y, {
          lineBreak: false,
          baseline: 'alphabetic',
          characterSpacing: op.letterSpacing ?? 0,
        });
    } else if (op.kind === 'image') {
      doc.image(op.data, op.x, op.y, { fit: [op.side, op.side], align: 'center', valign: 'center' });
    } else {
      for (const [row, col, length] of qrRuns(op.modules)) {
        doc.rect(op.x + col * op.moduleSize, op.y + row * op.moduleSize, length * op.moduleSize, op.moduleSize);
      }
      doc.fill('#000000');
    }
  }
  doc.end();
  return done;
}
