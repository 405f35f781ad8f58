import type { CardPhotoType } from '@pioneer/shared';

/**
 * A card's photo, checked by its bytes (not by what the client says) and
 * stripped of metadata before it is stored: EXIF and text chunks can hold
 * the place a photo was taken, the phone it was taken with, a name.
 * Pure functions over buffers; anything not a well-formed JPEG or PNG is
 * refused.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks needed to draw the picture as intended; everything else (tEXt, iTXt, zTXt, eXIf, tIME …) goes. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
]);

export function sniffImageType(bytes: Buffer): CardPhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

/**
 * JPEG without APP1–APP13, APP15 and comments (EXIF, XMP, IPTC, maker notes).
 * APP0 (JFIF) and APP14 (Adobe colour transform) stay: the image needs them.
 */
export function stripJpeg(bytes: Buffer): Buffer | null {
  if (sniffImageType(bytes) !== 'image/jpeg') return null;
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    // Fill bytes: any number of 0xFF before a marker.
    while (i < bytes.length && bytes[i + 1] === 0xff) i += 1;
    const marker = bytes[i + 1];
    if (marker === undefined) return null;
    if (marker === 0xd9) {
      parts.push(bytes.subarray(i, i + 2));
      return Buffer.concat(parts);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) return null;
    const length = bytes.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > bytes.length) return null;
    const segment = bytes.subarray(i, i + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data runs to the end (EOI included); nothing after it is metadata we parse.
      parts.push(bytes.subarray(i));
      return Buffer.concat(parts);
    }
    const metadata = (marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
    if (!metadata) parts.push(segment);
    i += 2 + length;
  }
  return null;
}

/** PNG with only the chunks that draw the picture; every chunk's length is checked. */
export function stripPng(bytes: Buffer): Buffer | null {
  if (sniffImageType(bytes) !== 'image/png') return null;
  const parts: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let first = true;
  while (i + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(i);
    const type = bytes.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + length > bytes.length) return null;
    if (first && type !== 'IHDR') return null;
    first = false;
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(i, i + 12 + length));
    i += 12 + length;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return null;
}

/** The photo as it will be stored, or null when the bytes are not the declared type or not well formed. */
export function cleanPhoto(declared: CardPhotoType, bytes: Buffer): Buffer | null {
  const actual = sniffImageType(bytes);
  if (actual !== declared) return null;
  return actual === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes);
}
