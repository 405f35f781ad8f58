import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  isReportReminderDue,
  reportDueDate,
  reportPeriodLabel,
  reportPeriodOf,
} from '@pioneer/shared';
import { JobQueue } from '../../common/jobs/job-queue.js';
import { Clock } from '../../common/time/clock.js';
import { InboxService, type InboxMessage } from '../../notifications/inbox.service.js';
import { WechatOutboxService } from '../../notifications/wechat-outbox.service.js';
import { ReportsRepository } from './reports.repository.js';

export const REPORT_REMINDERS_JOB = 'member-reports.reminders';
/** 09:00 Beijing time every day: a period's reminders go out on the first day they are due, and members bound later catch up the next morning. */
export const REPORT_REMINDERS_CRON = '0 9 * * *';
const BATCH = 2_000;

/**
 * Reminders to write a report (汇报提醒): once a period's reminder window
 * opens (shared `isReportReminderDue`), every member bound to an account who
 * has not submitted that period's report gets one to-do in their inbox (and a
 * WeChat message if they allowed one). Members are walked by id in batches;
 * each batch records its reminders on the report rows (an empty draft with
 * `reminded_at`) and writes the to-dos in one transaction, so a run that
 * stops half-way, or runs twice, reminds nobody twice. Submitting closes it.
 */
@Injectable()
export class ReportRemindersService implements OnModuleInit {
  private readonly logger = new Logger(ReportRemindersService.name);

  constructor(
    private readonly repo: ReportsRepository,
    private readonly inbox: InboxService,
    private readonly wechat: WechatOutboxService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(REPORT_REMINDERS_JOB, {
      policy: 'stately',
      retryLimit: 5,
      retryBackoff: true,
      expireInSeconds: 3600,
    });
    this.jobs.work(REPORT_REMINDERS_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(REPORT_REMINDERS_JOB, REPORT_REMINDERS_CRON);
  }

  /** Reminds everyone due a reminder now; answers how many to-dos were written by this run. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (const kind of REPORT_KINDS) {
      const period = reportPeriodOf(kind, now);
      if (!isReportReminderDue(kind, period, now)) continue;
      const label = `${reportPeriodLabel(kind, period)}${REPORT_KIND_LABELS[kind]}`;
      const due = reportDueDate(kind, period);
      let afterId: string | null = null;
      for (;;) {
        const memberIds = await this.repo.findRemindableMembers(afterId, BATCH);
        if (memberIds.length === 0) break;
        total += await this.repo.transaction(async (m) => {
          const reminded = await this.repo.recordReminders(m, memberIds, kind, period, now);
          const todos: InboxMessage[] = reminded.map((r) => ({
            to: { memberId: r.memberId },
            category: 'todo',
            kind: 'report.due',
            title: `请提交${REPORT_KIND_LABELS[kind]}`,
            body: `${label}请在${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日前提交。`,
            subject: { type: 'member_report', id: r.id },
          }));
          await this.inbox.send(m, todos);
          await this.wechat.enqueue(m, todos);
          return todos.length;
        });
        afterId = memberIds[memberIds.length - 1];
      }
    }
    if (total > 0) this.logger.log(`report reminders: ${total} members reminded`);
    return total;
  }
}
