import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../common/jobs/job-queue.js';
import { Clock } from '../common/time/clock.js';
import { FeedbackService } from './feedback.service.js';

export const FEEDBACK_DUE_JOB = 'feedback.due';
/**
 * 08:00 Beijing time on the first of every month: every cadence's periods
 * start on a first, and a run that finds nothing new (mid-quarter) writes
 * nothing. Running on any other day is just as safe, so a missed run is made
 * up by the next.
 */
export const FEEDBACK_DUE_CRON = '0 8 1 * *';
const BATCH = 5_000;

/**
 * At the start of each period, puts the feedback for the period just ended
 * on each receiving secretary's to-do list: a `due` row per flow in care and
 * its inbox to-do, written together, batch by batch over flow ids. The unique
 * (flow, period) row makes a rerun, or a run after the feedback was already
 * sent, write nothing.
 */
@Injectable()
export class FeedbackDueJob implements OnModuleInit {
  private readonly logger = new Logger(FeedbackDueJob.name);

  constructor(
    private readonly feedback: FeedbackService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(FEEDBACK_DUE_JOB, {
      policy: 'stately',
      retryLimit: 5,
      retryBackoff: true,
      expireInSeconds: 3600,
    });
    this.jobs.work(FEEDBACK_DUE_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(FEEDBACK_DUE_JOB, FEEDBACK_DUE_CRON);
  }

  /** Answers how many feedback to-dos were created now. */
  async run(): Promise<number> {
    const at = this.clock.now();
    let afterId: string | null = null;
    let total = 0;
    for (;;) {
      const upToId = await this.feedback.findFlowIdAfter(afterId, BATCH);
      total += await this.feedback.createDueBatch({ afterId, upToId }, at);
      if (upToId === null) break;
      afterId = upToId;
    }
    this.logger.log(`feedback due: ${total} to-dos created`);
    return total;
  }
}
