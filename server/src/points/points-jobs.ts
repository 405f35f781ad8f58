import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { beijingYear, pointsToExpire } from '@pioneer/shared';
import { JobQueue } from '../common/jobs/job-queue.js';
import { Clock } from '../common/time/clock.js';
import { PointsPolicy } from './points-policy.js';
import { PointsRepository } from './points.repository.js';
import { PointsService } from './points.service.js';

export const POINTS_EXPIRY_JOB = 'points.expire';
export const POINTS_CHECKIN_SWEEP_JOB = 'points.checkin-sweep';

const HOLDERS_BATCH = 500;
const CHECKINS_BATCH = 200;
/** A check-in's received_at is its transaction's start: read a little behind the mark for ones that committed late. */
const SWEEP_OVERLAP_MS = 5 * 60_000;
const CHECKIN_SWEEP = 'checkins';

/**
 * The ledger's scheduled work.
 *
 * - Check-ins earn points through a sweep, not in the check-in request: the
 *   check-in stays one prepared statement (docs/benchmarks.md), and a job
 *   every minute reads check-ins received since its mark and awards each
 *   once (the ledger's (source, source_ref) key makes re-reading harmless).
 * - Expiry once a year, at 00:10 on 1 January (Beijing time): points earned
 *   in the year that just fell out of validity, and before, are set to zero,
 *   oldest first (shared `pointsToExpire`), one entry per member and year.
 */
@Injectable()
export class PointsJobs implements OnModuleInit {
  private readonly logger = new Logger(PointsJobs.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly repo: PointsRepository,
    private readonly points: PointsService,
    private readonly policy: PointsPolicy,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(POINTS_CHECKIN_SWEEP_JOB, { policy: 'stately', retryLimit: 1, expireInSeconds: 600 });
    this.jobs.work(POINTS_CHECKIN_SWEEP_JOB, () => this.sweepCheckins().then(() => undefined), { pollingSeconds: 10 });
    this.jobs.schedule(POINTS_CHECKIN_SWEEP_JOB, '* * * * *');
    this.jobs.declare(POINTS_EXPIRY_JOB, {
      policy: 'stately',
      retryLimit: 3,
      retryBackoff: true,
      expireInSeconds: 6 * 3600,
    });
    this.jobs.work(POINTS_EXPIRY_JOB, () => this.expire().then(() => undefined), { pollingSeconds: 60 });
    this.jobs.schedule(POINTS_EXPIRY_JOB, '10 0 1 1 *');
  }

  /** Awards points for every check-in received since the last sweep; answers how many were awarded. */
  async sweepCheckins(): Promise<number> {
    const mark = await this.repo.transaction((m) => this.repo.findSweepMark(m, CHECKIN_SWEEP));
    let from = mark ? new Date(mark.getTime() - SWEEP_OVERLAP_MS) : new Date(0);
    let awarded = 0;
    let reached: Date | null = null;
    for (;;) {
      const rows = await this.repo.findUnawardedCheckins(from, CHECKINS_BATCH);
      let progressed = false;
      for (const row of rows) {
        try {
          const result = await this.repo.transaction((m) =>
            this.points.award(m, {
              memberId: row.memberId,
              source: 'checkin',
              sourceRef: row.id,
              reason: `参加活动“${row.activityTitle}”签到`,
            }),
          );
          if (result) awarded += 1;
          progressed = true;
        } catch (error) {
          this.logger.error(`points for check-in ${row.id} failed: ${(error as Error).message}`);
        }
      }
      const last = rows[rows.length - 1];
      if (last && last.receivedAt.getTime() > from.getTime()) {
        from = last.receivedAt;
        progressed = true;
      }
      if (last) reached = last.receivedAt;
      if (rows.length < CHECKINS_BATCH || !progressed) break;
    }
    if (reached) {
      const upto = reached;
      await this.repo.transaction((m) => this.repo.setSweepMark(m, CHECKIN_SWEEP, upto));
    }
    return awarded;
  }

  /** Expires what fell out of validity as of now; answers the members touched and the points expired. */
  async expire(): Promise<{ members: number; points: number }> {
    const now = this.clock.now();
    const lastExpiredYear = beijingYear(now) - this.policy.validYears;
    let after: string | null = null;
    let members = 0;
    let total = 0;
    for (;;) {
      const ids = await this.repo.findHolders(after, HOLDERS_BATCH);
      for (const memberId of ids) {
        const expired = await this.repo.transaction(async (m) => {
          await this.repo.lockBalance(m, memberId, now);
          const amount = pointsToExpire(await this.repo.findPostedForExpiry(m, memberId), lastExpiredYear);
          if (amount <= 0) return 0;
          const placement = (await this.repo.findPlacement(m, memberId))!;
          const sourceRef = `${memberId}:${lastExpiredYear}`;
          if (await this.repo.findEntryBySource(m, 'expiry', sourceRef)) return 0;
          await this.points.append(m, {
            memberId,
            branchPath: placement.branchPath,
            source: 'expiry',
            sourceRef,
            amount: -amount,
            quantity: null,
            ruleVersion: this.policy.rules.version,
            reason: `${lastExpiredYear} 年及以前获得的积分已到期`,
            status: 'posted',
            reversesEntryId: null,
            actorAccountId: null,
            at: now,
          });
          return amount;
        });
        if (expired > 0) {
          members += 1;
          total += expired;
        }
      }
      if (ids.length < HOLDERS_BATCH) break;
      after = ids[ids.length - 1];
    }
    if (members > 0)
      this.logger.log(`expired ${total} points of ${members} members (earned in ${lastExpiredYear} or before)`);
    return { members, points: total };
  }
}
