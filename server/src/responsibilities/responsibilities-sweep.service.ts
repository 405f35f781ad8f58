import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { RESPONSIBILITY_ESCALATE_AFTER_DAYS, RESPONSIBILITY_SIDE_LABELS, chinaDate } from '@pioneer/shared';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { JobQueue } from '../common/jobs/job-queue.js';
import { Clock } from '../common/time/clock.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import { ResponsibilitiesService } from './responsibilities.service.js';
import { ResponsibilitiesRepository, type OverdueItem } from './responsibilities.repository.js';

export const SWEEP_JOB = 'responsibilities.sweep';
/** 07:30 Beijing time every day, before the working day starts. */
export const SWEEP_CRON = '30 7 * * *';
const BATCH = 1_000;

export interface SweepResult {
  listsMade: number;
  escalatedToSide: number;
  escalatedToSupervisor: number;
}

function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The daily sweep over the three lists:
 * 1. every flow under dual management gets its list (one made by hand with
 *    “生成责任清单” is left as it is);
 * 2. an item past its due day puts a to-do on the responsible side's list
 *    (the member's own items: the member), once;
 * 3. one still open RESPONSIBILITY_ESCALATE_AFTER_DAYS later goes to the org
 *    above that branch (the member's own items: their sending branch), once.
 * Items are claimed in batches with SKIP LOCKED and raised to their level in
 * the same transaction that writes the to-dos, so a sweep that stops half-way
 * or runs twice (or on two instances) tells nobody twice. Marking the item
 * done closes its to-dos and resets its level for the next period.
 */
@Injectable()
export class ResponsibilitiesSweepService implements OnModuleInit {
  private readonly logger = new Logger(ResponsibilitiesSweepService.name);

  constructor(
    private readonly repo: ResponsibilitiesRepository,
    private readonly responsibilities: ResponsibilitiesService,
    private readonly inbox: InboxService,
    private readonly pii: PiiCrypto,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(SWEEP_JOB, { policy: 'stately', retryLimit: 5, retryBackoff: true, expireInSeconds: 3600 });
    this.jobs.work(SWEEP_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(SWEEP_JOB, SWEEP_CRON);
  }

  async run(): Promise<SweepResult> {
    const listsMade = await this.makeMissingLists();
    const today = chinaDate(this.clock.now());
    const escalatedToSide = await this.escalate(1, today);
    const escalatedToSupervisor = await this.escalate(2, daysBefore(today, RESPONSIBILITY_ESCALATE_AFTER_DAYS));
    const result = { listsMade, escalatedToSide, escalatedToSupervisor };
    this.logger.log(`responsibilities sweep: ${JSON.stringify(result)}`);
    return result;
  }

  private async makeMissingLists(): Promise<number> {
    let afterId: string | null = null;
    let made = 0;
    for (;;) {
      const flows = await this.repo.findActiveFlowsWithoutList(afterId, BATCH);
      for (const flow of flows) {
        const { created } = await this.responsibilities.makeList(flow);
        if (created > 0) made += 1;
      }
      if (flows.length < BATCH) return made;
      afterId = flows[flows.length - 1].id;
    }
  }

  private async escalate(level: 1 | 2, dueBefore: string): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.repo.transaction(async (m) => {
        const items = await this.repo.escalate(m, level, dueBefore, this.clock.now(), BATCH);
        const messages = items.flatMap((item) => this.messagesFor(item, level));
        if (messages.length > 0) await this.inbox.send(m, messages);
        return items.length;
      });
      total += claimed;
      if (claimed < BATCH) return total;
    }
  }

  private messagesFor(item: OverdueItem, level: 1 | 2): InboxMessage[] {
    const name = this.pii.decrypt(item.memberNameCipher);
    const subject = { type: 'responsibility' as const, id: item.id };
    const list = RESPONSIBILITY_SIDE_LABELS[item.side];
    if (level === 1) {
      const to =
        item.side === 'member'
          ? { memberId: item.memberId }
          : { orgId: item.side === 'sending' ? item.sendingBranchId : item.receivingBranchId! };
      const body =
        item.side === 'member'
          ? `您的责任“${item.title}”应于 ${item.dueOn} 前完成，已逾期，请尽快完成并在责任清单里标记。`
          : `${name}的${list}“${item.title}”应于 ${item.dueOn} 前完成，已逾期，请尽快落实并标记完成。`;
      return [{ to, category: 'todo', kind: 'responsibility.overdue', title: '责任清单事项已逾期', body, subject }];
    }
    if (!item.supervisorOrgId) return [];
    return [
      {
        to: { orgId: item.supervisorOrgId },
        category: 'todo',
        kind: 'responsibility.escalated',
        title: '下级责任事项逾期未办',
        body: `${name}的${list}“${item.title}”应于 ${item.dueOn} 前完成，逾期已超过 ${RESPONSIBILITY_ESCALATE_AFTER_DAYS} 天，请督促落实。`,
        subject,
      },
    ];
  }
}
