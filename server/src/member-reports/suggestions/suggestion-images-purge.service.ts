import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../common/jobs/job-queue.js';
import { Clock } from '../../common/time/clock.js';
import { SuggestionsRepository } from './suggestions.repository.js';

export const IMAGES_PURGE_JOB = 'suggestions.purge-images';
/** 04:30 Beijing time, after the idempotency purge. */
export const IMAGES_PURGE_CRON = '30 4 * * *';
/** Pictures are uploaded just before the suggestion is sent: a day is plenty. */
export const UNATTACHED_KEEP_MS = 24 * 3600 * 1000;
const CHUNK = 1_000;

/** Deletes pictures uploaded for a suggestion that was never sent, a chunk per statement. */
@Injectable()
export class SuggestionImagesPurgeService implements OnModuleInit {
  private readonly logger = new Logger(SuggestionImagesPurgeService.name);

  constructor(
    private readonly repo: SuggestionsRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(IMAGES_PURGE_JOB, { policy: 'stately', retryLimit: 3, expireInSeconds: 1800 });
    this.jobs.work(IMAGES_PURGE_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(IMAGES_PURGE_JOB, IMAGES_PURGE_CRON);
  }

  /** Answers how many pictures were deleted. */
  async run(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - UNATTACHED_KEEP_MS);
    let total = 0;
    for (;;) {
      const n = await this.repo.deleteUnattachedBefore(before, CHUNK);
      total += n;
      if (n < CHUNK) break;
    }
    if (total > 0) this.logger.log(`suggestion pictures never sent: ${total} deleted`);
    return total;
  }
}
