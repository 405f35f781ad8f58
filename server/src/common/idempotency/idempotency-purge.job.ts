import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.js';
import { Clock } from '../time/clock.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export const IDEMPOTENCY_PURGE_JOB = 'idempotency.purge';
const PURGE_BATCH = 10_000;

/**
 * Expired idempotency claims are only taken over when their key comes back,
 * so without a purge the table grows for ever. Once a day (04:00 Beijing
 * time) this deletes them in batches of 10,000, each its own short
 * statement, so writes that claim keys never wait long.
 */
@Injectable()
export class IdempotencyPurgeJob implements OnModuleInit {
  private readonly logger = new Logger(IdempotencyPurgeJob.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(IDEMPOTENCY_PURGE_JOB, { policy: 'stately', retryLimit: 2, expireInSeconds: 3600 });
    this.jobs.work(IDEMPOTENCY_PURGE_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(IDEMPOTENCY_PURGE_JOB, '0 4 * * *');
  }

  /** Deletes every claim expired by now; answers how many. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const n = await this.keys.deleteExpired(now, PURGE_BATCH);
      total += n;
      if (n < PURGE_BATCH) break;
    }
    if (total > 0) this.logger.log(`deleted ${total} expired idempotency keys`);
    return total;
  }
}
