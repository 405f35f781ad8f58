import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobQueue } from '../common/jobs/job-queue.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { WechatOutboxService } from '../notifications/wechat-outbox.service.js';
import { StudyRepository, type PackRow } from './study.repository.js';

export const FANOUT_JOB = 'study.fanout';
export const FANOUT_BATCH_JOB = 'study.fanout-batch';
/** Members per batch: one INSERT … SELECT of deliveries and one of inbox items each. */
export const FANOUT_BATCH_SIZE = 5_000;

export interface FanoutJob {
  packId: string;
  /** The schedule this job was sent for (ISO), or null for "now"; a job for an older schedule does nothing. */
  publishAt: string | null;
}

export interface FanoutBatchJob {
  packId: string;
  batchNo: number;
}

const NOTICE_BODY = '新的学习礼包已送达，请到“学习”里查看。学习时长按实际阅读计算。';

/**
 * Publishing a pack to its audience, through the job queue.
 *
 * `study.fanout` (one per publication) starts delivery, cuts the audience into
 * batches of member ids once (`study_fanout_batches`), and sends one
 * `study.fanout-batch` job per batch not yet done, in the same transaction.
 * A batch job marks its batch done, delivers the pack and writes the inbox
 * items for its members and the WeChat messages for those who allowed them
 * (the outbox's dispatcher sends those after commit), all in one transaction: a crash before commit
 * leaves the batch to its retry, a retry after commit finds the batch done,
 * and the unique indexes on deliveries, study inbox items and study WeChat
 * messages hold whatever
 * happens. So a restart mid-way resumes where it stopped and nobody gets a
 * pack twice. The last batch done marks the pack published.
 */
@Injectable()
export class StudyDeliveryService implements OnModuleInit {
  /** Members per batch; a field so tests can make small audiences take many batches. */
  batchSize = FANOUT_BATCH_SIZE;

  constructor(
    private readonly repo: StudyRepository,
    private readonly inbox: InboxService,
    private readonly wechat: WechatOutboxService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(FANOUT_JOB, {
      policy: 'stately',
      retryLimit: 10,
      retryDelaySeconds: 5,
      retryBackoff: true,
      expireInSeconds: 900,
    });
    this.jobs.declare(FANOUT_BATCH_JOB, {
      policy: 'stately',
      retryLimit: 10,
      retryDelaySeconds: 2,
      retryBackoff: true,
      expireInSeconds: 120,
    });
    this.jobs.work<FanoutJob>(FANOUT_JOB, (job) => this.runFanout(job), { pollingSeconds: 1 });
    this.jobs.work<FanoutBatchJob>(FANOUT_BATCH_JOB, (job) => this.runBatch(job).then(() => undefined), {
      workers: 4,
      pollingSeconds: 1,
    });
  }

  /** Sends the job that starts delivery, inside the publishing transaction (at `publishAt`, or now). */
  async enqueueFanout(m: EntityManager, packId: string, publishAt: Date | null): Promise<void> {
    const at = publishAt ? publishAt.toISOString() : null;
    const job: FanoutJob = { packId, publishAt: at };
    await this.jobs.send(
      FANOUT_JOB,
      job,
      { singletonKey: `${packId}:${at ?? 'now'}`, ...(publishAt ? { startAfter: publishAt } : {}) },
      m,
    );
  }

  /** After the publishing transaction committed: start at once in this process rather than at the next poll. */
  wake(): void {
    this.jobs.wake(FANOUT_JOB);
  }

  async runFanout(job: FanoutJob): Promise<void> {
    const now = this.clock.now();
    const sent = await this.repo.transaction(async (m) => {
      const pack = await this.repo.lockPack(m, job.packId);
      if (!pack) return false;
      if (pack.status === 'scheduled') {
        // Rescheduled since this job was sent: the job for the new time will come.
        if (job.publishAt === null || pack.publishAt?.toISOString() !== job.publishAt) return false;
        await this.repo.startPublishing(m, pack.id, now);
      } else if (pack.status !== 'publishing') {
        return false;
      }
      if (pack.batchesTotal === null) await this.repo.planFanout(m, pack, this.batchSize);
      const undone = await this.repo.findUndoneBatches(pack.id, m);
      await this.jobs.sendMany(
        FANOUT_BATCH_JOB,
        undone.map((batchNo) => ({
          data: { packId: pack.id, batchNo } satisfies FanoutBatchJob,
          options: { singletonKey: `${pack.id}:${batchNo}` },
        })),
        m,
      );
      return true;
    });
    if (!sent) return;
    this.jobs.wake(FANOUT_BATCH_JOB);
    // An empty audience has no batches: published at once.
    await this.repo.finishPublishing(job.packId, now);
  }

  /** Delivers one batch, once; answers whether this run did it. */
  async runBatch(job: FanoutBatchJob): Promise<boolean> {
    const now = this.clock.now();
    const done = await this.repo.transaction(async (m) => {
      const range = await this.repo.claimBatch(m, job.packId, job.batchNo, now);
      if (!range) return false;
      const pack = await this.repo.findPack(job.packId, m);
      // Withdrawn mid-way: the batch is closed without delivering.
      if (!pack || pack.status !== 'publishing') return true;
      const delivered = await this.repo.insertDeliveries(m, pack, range, now);
      await this.inbox.sendToMembers(
        m,
        delivered.map((d) => d.memberId),
        this.notice(pack),
      );
      // Members with a smartphone who allowed the study template get one WeChat message too (red parcels go by mail).
      await this.wechat.enqueueForMembers(
        m,
        delivered.filter((d) => !d.redParcel).map((d) => d.memberId),
        {
          purpose: 'study_pack',
          kind: 'study.pack',
          title: pack.title,
          orgName: pack.ownerOrgName,
          subjectId: pack.id,
        },
      );
      await this.repo.recordBatchCounts(
        m,
        pack.id,
        job.batchNo,
        delivered.length,
        delivered.filter((d) => d.redParcel).length,
      );
      return true;
    });
    if (done) await this.repo.finishPublishing(job.packId, now);
    return done;
  }

  private notice(pack: PackRow) {
    return {
      category: 'notice' as const,
      kind: 'study.pack' as const,
      title: `学习礼包：${pack.title}`,
      body: pack.summary ?? NOTICE_BODY,
      subject: { type: 'study_pack' as const, id: pack.id },
    };
  }
}
