import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PiiCrypto } from '../crypto/pii.service.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** How a stored answer sits in `response_body`: encrypted, since answers name people (a reveal holds an ID number). */
interface Sealed {
  sealed: string;
}

function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && typeof (value as Sealed).sealed === 'string';
}

export interface IdempotencyClaim {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  expiresAt: Date;
}

@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectRepository(IdempotencyKey) private readonly rows: Repository<IdempotencyKey>,
    private readonly pii: PiiCrypto,
  ) {}

  /** Claims the key for this request; false when someone already holds an unexpired claim. */
  async claim(c: IdempotencyClaim, now: Date): Promise<boolean> {
    const result: unknown[] = await this.rows.query(
      `INSERT INTO idempotency_keys (principal, key, method, path, request_hash, state, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', $6)
       ON CONFLICT (principal, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
             state = 'in_progress', response_status = NULL, response_body = NULL,
             created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= $7
       RETURNING key`,
      [c.principal, c.key, c.method, c.path, c.requestHash, c.expiresAt, now],
    );
    return result.length === 1;
  }

  /** The claim, with its stored answer opened. */
  async findClaim(principal: string, key: string): Promise<IdempotencyKey | null> {
    const row = await this.rows.findOneBy({ principal, key });
    if (row && isSealed(row.responseBody)) row.responseBody = JSON.parse(this.pii.decrypt(row.responseBody.sealed));
    return row;
  }

  async complete(principal: string, key: string, status: number, body: unknown): Promise<void> {
    const sealed: Sealed = { sealed: this.pii.encrypt(JSON.stringify(body ?? null)) };
    await this.rows.update({ principal, key }, { state: 'completed', responseStatus: status, responseBody: sealed });
  }

  async release(principal: string, key: string): Promise<void> {
    await this.rows.delete({ principal, key, state: 'in_progress' });
  }

  /** Deletes up to `limit` claims that expired before `now` (by the expiry index); answers how many went. */
  async deleteExpired(now: Date, limit: number): Promise<number> {
    const rows: { n: number }[] = await this.rows.query(
      `WITH gone AS (
         DELETE FROM idempotency_keys
          WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < $1 LIMIT $2)
          RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [now, limit],
    );
    return rows[0].n;
  }
}
