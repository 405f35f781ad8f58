import { randomBytes } from 'node:crypto';
import { BlindIndex, FieldCipher } from './field-cipher.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe(FieldCipher.name, () => {
  it('round-trips a value and never stores it readable', () => {
    const cipher = new FieldCipher([k1]);
    const stored = cipher.encrypt('13812345678');
    expect(stored).not.toContain('13812345678');
    expect(cipher.decrypt(stored)).toBe('13812345678');
  });

  it('encrypts the same value differently each time', () => {
    const cipher = new FieldCipher([k1]);
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('refuses a value whose ciphertext was altered', () => {
    const cipher = new FieldCipher([k1]);
    const [id, iv, tag, body] = cipher.encrypt('110101199003074512').split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0] ^ 1;
    expect(() => cipher.decrypt([id, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });

  it('reads values written with an older key after rotation, and flags them', () => {
    const old = new FieldCipher([k1]).encrypt('old value');
    const rotated = new FieldCipher([k2, k1]);
    expect(rotated.decrypt(old)).toBe('old value');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('new'))).toBe(false);
  });

  it('cannot read a value once its key is removed from the ring', () => {
    const old = new FieldCipher([k1]).encrypt('secret');
    expect(() => new FieldCipher([k2]).decrypt(old)).toThrow();
  });
});

describe(BlindIndex.name, () => {
  const index = new BlindIndex(k1.key);

  it.each([
    ['13812345678', '138 1234 5678'],
    ['11010119900307451x', '11010119900307451X'],
  ])('gives %s and %s the same index', (a, b) => {
    expect(index.of('id_number', a)).toBe(index.of('id_number', b));
  });

  it('differs by kind and by key', () => {
    expect(index.of('phone', '1')).not.toBe(index.of('id_number', '1'));
    expect(new BlindIndex(k2.key).of('phone', '1')).not.toBe(index.of('phone', '1'));
  });
});
