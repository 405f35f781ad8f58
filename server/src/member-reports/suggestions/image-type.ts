import type { SuggestionImageType } from '@pioneer/shared';

/**
 * What a picture really is, from its first bytes (the declared type and the
 * file name are the sender's word): JPEG or PNG, or null for anything else.
 */
export function sniffImageType(bytes: Buffer): SuggestionImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}
