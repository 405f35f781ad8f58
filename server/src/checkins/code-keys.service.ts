import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type CodeKeyPurpose, type CodeKeyView } from '@pioneer/shared';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { Clock } from '../common/time/clock.js';
import { CheckinsRepository } from './checkins.repository.js';

export interface KeyVersion {
  version: number;
  key: Buffer;
  revoked: boolean;
}

interface Ring {
  loadedAt: number;
  versions: Map<number, KeyVersion>;
}

/** How long a process trusts its copy of the key ring; a revocation reaches other processes within this. */
export const KEY_RING_TTL_MS = 30_000;

/**
 * The rings of keys that sign codes, one per purpose. New codes are signed
 * with the newest version that is not revoked; older versions keep verifying
 * until a system admin revokes them, so printed posters survive a rotation.
 * Secrets are stored encrypted with the personal-data key.
 */
@Injectable()
export class CodeKeysService {
  private readonly rings = new Map<CodeKeyPurpose, Ring>();

  constructor(
    private readonly repo: CheckinsRepository,
    private readonly pii: PiiCrypto,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The version new codes are signed with; the first one is made on first use. */
  async current(purpose: CodeKeyPurpose): Promise<KeyVersion> {
    let ring = await this.ring(purpose);
    let newest = this.newestLive(ring);
    if (!newest) {
      await this.repo.insertNextKey(purpose, this.newSecret(), null);
      ring = await this.ring(purpose, true);
      newest = this.newestLive(ring)!;
    }
    return newest;
  }

  /** One version, or null when there never was one. A version not in this process's copy is looked up again. */
  async version(purpose: CodeKeyPurpose, version: number): Promise<KeyVersion | null> {
    const ring = await this.ring(purpose);
    const found = ring.versions.get(version);
    if (found) return found;
    return (await this.ring(purpose, true)).versions.get(version) ?? null;
  }

  /** Every version that is still valid, newest first. */
  async live(purpose: CodeKeyPurpose): Promise<KeyVersion[]> {
    const ring = await this.ring(purpose);
    return [...ring.versions.values()].filter((v) => !v.revoked).sort((a, b) => b.version - a.version);
  }

  async list(principal: Principal): Promise<CodeKeyView[]> {
    this.requireSystemAdmin(principal);
    const keys = await this.repo.findKeys();
    const currentOf = new Map<CodeKeyPurpose, number>();
    for (const k of keys)
      if (!k.revokedAt) currentOf.set(k.purpose, Math.max(currentOf.get(k.purpose) ?? 0, k.version));
    return keys.map((k) => ({
      purpose: k.purpose,
      version: k.version,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
      current: currentOf.get(k.purpose) === k.version,
    }));
  }

  async rotate(principal: Principal, purpose: CodeKeyPurpose): Promise<CodeKeyView[]> {
    this.requireSystemAdmin(principal);
    let version = 0;
    for (let attempt = 0; attempt < 3 && version === 0; attempt += 1) {
      version = await this.repo.insertNextKey(purpose, this.newSecret(), principal.accountId);
    }
    if (version === 0) throw new AppException(ErrorCode.CONFLICT, '有人同时在更换密钥，请刷新后再试');
    this.rings.delete(purpose);
    await this.audit.record({
      action: 'code_key.rotate',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'code_key',
      targetId: null,
      details: { purpose, version },
    });
    return this.list(principal);
  }

  async revoke(principal: Principal, purpose: CodeKeyPurpose, version: number): Promise<CodeKeyView[]> {
    this.requireSystemAdmin(principal);
    const revoked = await this.repo.revokeKey(purpose, version, principal.accountId, this.clock.now());
    if (!revoked) throw new AppException(ErrorCode.NOT_FOUND, '没有这个版本的密钥，或它已经停用');
    this.rings.delete(purpose);
    await this.audit.record({
      action: 'code_key.revoke',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'code_key',
      targetId: null,
      details: { purpose, version },
    });
    return this.list(principal);
  }

  private async ring(purpose: CodeKeyPurpose, reload = false): Promise<Ring> {
    const cached = this.rings.get(purpose);
    const now = Date.now();
    if (cached && !reload && now - cached.loadedAt < KEY_RING_TTL_MS) return cached;
    const keys = await this.repo.findKeys(purpose);
    const ring: Ring = {
      loadedAt: now,
      versions: new Map(
        keys.map((k) => [
          k.version,
          {
            version: k.version,
            key: Buffer.from(this.pii.decrypt(k.secretCipher), 'base64url'),
            revoked: !!k.revokedAt,
          },
        ]),
      ),
    };
    this.rings.set(purpose, ring);
    return ring;
  }

  private newestLive(ring: Ring): KeyVersion | null {
    let best: KeyVersion | null = null;
    for (const v of ring.versions.values()) if (!v.revoked && (!best || v.version > best.version)) best = v;
    return best;
  }

  private newSecret(): string {
    return this.pii.encrypt(randomBytes(32).toString('base64url'));
  }

  private requireSystemAdmin(principal: Principal): void {
    if (!principal.roles.includes('system_admin'))
      throw new AppException(ErrorCode.FORBIDDEN, '只有系统管理员可以管理先锋码签名密钥');
  }
}
