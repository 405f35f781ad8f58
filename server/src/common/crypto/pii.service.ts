import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { BlindIndex, FieldCipher, type BlindIndexKind } from './field-cipher.js';

/** Encryption at rest and blind indexes for personal data, keyed from configuration. */
@Injectable()
export class PiiCrypto {
  private readonly cipher: FieldCipher;
  private readonly blindIndex: BlindIndex;

  constructor(config: AppConfig) {
    this.cipher = new FieldCipher(config.pii.keys);
    this.blindIndex = new BlindIndex(config.pii.indexKey);
  }

  encrypt(plain: string): string {
    return this.cipher.encrypt(plain);
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined || plain === '' ? null : this.cipher.encrypt(plain);
  }

  decrypt(stored: string): string {
    return this.cipher.decrypt(stored);
  }

  decryptOptional(stored: string | null): string | null {
    return stored === null ? null : this.cipher.decrypt(stored);
  }

  index(kind: BlindIndexKind, value: string): string {
    return this.blindIndex.of(kind, value);
  }
}
