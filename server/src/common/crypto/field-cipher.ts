import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PiiKey } from '../../config/app-config.js';

/**
 * Encrypts personal data at rest with AES-256-GCM (authenticated: a changed
 * byte fails to decrypt). Stored form: `<keyId>.<iv>.<tag>.<ciphertext>` in
 * base64url, so keys can rotate: new values use the first key, old values
 * still decrypt with theirs until re-encrypted.
 */
export class FieldCipher {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PiiKey;

  constructor(keys: PiiKey[]) {
    if (keys.length === 0) throw new Error('FieldCipher needs at least one key');
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // The key id is bound as associated data so a value cannot be replayed under another key's label.
    cipher.setAAD(Buffer.from(this.current.id));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [this.current.id, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const [keyId, iv, tag, body] = stored.split('.');
    const key = keyId ? this.byId.get(keyId) : undefined;
    if (!key || !iv || !tag || body === undefined) throw new Error('unreadable encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the value was written with an older key and should be re-encrypted. */
  needsRotation(stored: string): boolean {
    return !stored.startsWith(`${this.current.id}.`);
  }
}

export type BlindIndexKind = 'phone' | 'id_number' | 'name' | 'name_id6';

/**
 * Keyed blind index: lets us find a row by an exact phone or ID number without
 * storing it readable. HMAC-SHA256 over a normalised value, under its own key.
 */
export class BlindIndex {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('BlindIndex needs a 32-byte key');
  }

  of(kind: BlindIndexKind, value: string): string {
    const normalised = value.replace(/[\s-]/g, '').toUpperCase();
    return createHmac('sha256', this.key).update(`${kind}:${normalised}`).digest('base64url');
  }
}
