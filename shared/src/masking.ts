/**
 * Masking of personal information for display. The server masks before a
 * value leaves it unless the caller's role needs the full value; the client
 * uses the same rules for what the user typed.
 */

/** 13812345678 → 138****5678; anything that is not a mainland mobile number keeps only its last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (/^1\d{10}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(7)}`;
  if (national.length <= 2) return '*'.repeat(national.length);
  return '*'.repeat(national.length - 2) + national.slice(-2);
}

/** 18-character resident ID: keep the first 1 and last 1: 1****************X. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length <= 2) return '*'.repeat(s.length);
  return s[0] + '*'.repeat(s.length - 2) + s[s.length - 1];
}

/** 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
