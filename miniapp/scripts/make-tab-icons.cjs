// Draws the four tabBar icons as small PNGs (no image tools needed): `node scripts/make-tab-icons.cjs`.
// WeChat wants tab icons as local PNG/JPG files of at most 40 KB; 81×81 px is its recommended size.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 81;
const SUPERSAMPLE = 4;
const COLORS = { normal: [102, 102, 102], active: [200, 22, 29] };
const OUT_DIR = path.resolve(__dirname, '..', 'src', 'assets', 'tab');

// Each shape answers "is the point (x, y) inside?" in a 0..1 square.
const inRect = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRing = (x, y, cx, cy, r, width) => inCircle(x, y, cx, cy, r) && !inCircle(x, y, cx, cy, r - width);
const inTriangleUp = (x, y, apexX, apexY, baseY, halfWidth) => {
  if (y < apexY || y > baseY) return false;
  const spread = ((y - apexY) / (baseY - apexY)) * halfWidth;
  return Math.abs(x - apexX) <= spread;
};

const SHAPES = {
  home: (x, y) =>
    (inTriangleUp(x, y, 0.5, 0.1, 0.48, 0.42) && !inTriangleUp(x, y, 0.5, 0.22, 0.48, 0.28)) ||
    (inRect(x, y, 0.2, 0.46, 0.8, 0.88) && !inRect(x, y, 0.28, 0.46, 0.72, 0.8)) ||
    inRect(x, y, 0.42, 0.6, 0.58, 0.88),
  scan: (x, y) => {
    const t = 0.08;
    const corner = (cx, cy, dx, dy) =>
      inRect(
        x,
        y,
        Math.min(cx, cx + dx * 0.3),
        Math.min(cy, cy + dy * t),
        Math.max(cx, cx + dx * 0.3),
        Math.max(cy, cy + dy * t),
      ) ||
      inRect(
        x,
        y,
        Math.min(cx, cx + dx * t),
        Math.min(cy, cy + dy * 0.3),
        Math.max(cx, cx + dx * t),
        Math.max(cy, cy + dy * 0.3),
      );
    return (
      corner(0.1, 0.1, 1, 1) ||
      corner(0.9, 0.1, -1, 1) ||
      corner(0.1, 0.9, 1, -1) ||
      corner(0.9, 0.9, -1, -1) ||
      inRect(x, y, 0.2, 0.46, 0.8, 0.54)
    );
  },
  study: (x, y) =>
    (inRect(x, y, 0.1, 0.2, 0.47, 0.82) && !inRect(x, y, 0.17, 0.27, 0.47, 0.75)) ||
    (inRect(x, y, 0.53, 0.2, 0.9, 0.82) && !inRect(x, y, 0.53, 0.27, 0.83, 0.75)) ||
    inRect(x, y, 0.45, 0.24, 0.55, 0.86) ||
    inRect(x, y, 0.23, 0.38, 0.41, 0.43) ||
    inRect(x, y, 0.59, 0.38, 0.77, 0.43),
  me: (x, y) =>
    inRing(x, y, 0.5, 0.32, 0.2, 0.075) ||
    (y <= 0.9 && inRing(x, y, 0.5, 0.95, 0.4, 0.075) && y >= 0.58) ||
    inRect(x, y, 0.1, 0.83, 0.9, 0.9),
};

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(shape, [r, g, b]) {
  const rows = [];
  for (let py = 0; py < SIZE; py += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // leading 0: no filter
    for (let px = 0; px < SIZE; px += 1) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / SIZE;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / SIZE;
          if (shape(x, y)) covered += 1;
        }
      }
      const alpha = Math.round((covered / SUPERSAMPLE ** 2) * 255);
      row.set([r, g, b, alpha], 1 + px * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = path.join(OUT_DIR, state === 'active' ? `${name}-active.png` : `${name}.png`);
    const png = encodePng(shape, color);
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${png.length} B`);
  }
}
