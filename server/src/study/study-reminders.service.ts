import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../common/jobs/job-queue.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { planYear } from './study-plans.service.js';
import { studyMonth, studyYear } from './study-time.js';
import { StudyRepository } from './study.repository.js';

export const REMINDERS_JOB = 'study.reminders';
/** 09:00 Beijing time on the first of every month. */
export const REMINDERS_CRON = '0 9 1 * *';
const REMINDER_BATCH = 5_000;

/**
 * The monthly reminder (提醒卡): an inbox notice to every member behind their
 * yearly plan. Members are walked by id in batches, each batch one
 * transaction that records the month's reminders (at most one per member and
 * month) and writes the notices for those recorded now; so a run that stops
 * half-way, or runs twice, reminds nobody twice.
 */
@Injectable()
export class StudyRemindersService implements OnModuleInit {
  private readonly logger = new Logger(StudyRemindersService.name);

  constructor(
    private readonly repo: StudyRepository,
    private readonly inbox: InboxService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(REMINDERS_JOB, { policy: 'stately', retryLimit: 5, retryBackoff: true, expireInSeconds: 3600 });
    this.jobs.work(REMINDERS_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(REMINDERS_JOB, REMINDERS_CRON);
  }

  /** Reminds every member behind plan who has not been reminded this month; answers how many were reminded now. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const month = studyMonth(now);
    const year = planYear(studyYear(now), now);
    let afterId: string | null = null;
    let total = 0;
    for (;;) {
      const upToId = await this.repo.findMemberIdAfter(afterId, REMINDER_BATCH);
      total += await this.repo.transaction(async (m) => {
        const reminded = await this.repo.insertReminders(m, { afterId, upToId }, month, year, now);
        const byPlan = new Map<string, string[]>();
        for (const r of reminded) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r.memberId]);
        for (const [planId, memberIds] of byPlan) {
          await this.inbox.sendToMembers(m, memberIds, {
            category: 'notice',
            kind: 'study.reminder',
            title: '学习提醒',
            body: '您今年的学习进度落后于年度学习计划，请抽空学习本月的学习礼包，或参加支部活动、返乡补学。',
            subject: { type: 'study_plan', id: planId },
          });
        }
        return reminded.length;
      });
      if (upToId === null) break;
      afterId = upToId;
    }
    this.logger.log(`study reminders for ${month}: ${total} members reminded`);
    return total;
  }
}
