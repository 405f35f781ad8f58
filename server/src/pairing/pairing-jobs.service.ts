import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { chinaDate, decideSilence, type PairingRules } from '@pioneer/shared';
import { JobQueue } from '../common/jobs/job-queue.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { dueDayOf, effectiveRules } from './pairing-rules.js';
import { PairingRepository, type NewProposal, type RuleRow } from './pairing.repository.js';
import { RECOMPUTE_JOB } from './pairing.service.js';

export const OVERDUE_JOB = 'pairing.overdue';
export const LOST_SCAN_JOB = 'pairing.lost-scan';
/** 07:00 Beijing time every day: overdue contacts on the committee members' to-do lists. */
export const OVERDUE_CRON = '0 7 * * *';
/** 03:00 Beijing time every day: members silent too long proposed as lost contact. */
export const LOST_SCAN_CRON = '0 3 * * *';
const OVERDUE_BATCH = 1_000;
const LOST_BATCH = 1_000;
const BRANCH_BATCH = 500;

/**
 * The scheduled work of 结对联系. Each scan goes batch by batch, each batch
 * one transaction that writes its marks and its to-dos together, so a run
 * that stops half-way or runs twice writes nothing twice:
 *
 * - overdue: claims live pairings whose due day passed and whose to-do is
 *   not yet written (`reminded_due_on`), and writes one to-do each to the
 *   committee member (to the branch when they no longer serve there);
 * - lost contact: walks members away by id, decides with the shared
 *   `decideSilence`, and opens a proposal (one open per member) with a
 *   to-do for the sending branch;
 * - recompute: after an org's rules change, recomputes the due days of the
 *   live pairings under it, branch batch by branch batch.
 */
@Injectable()
export class PairingJobsService implements OnModuleInit {
  private readonly logger = new Logger(PairingJobsService.name);

  constructor(
    private readonly repo: PairingRepository,
    private readonly inbox: InboxService,
    private readonly orgs: OrgsService,
    private readonly jobs: JobQueue,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const settings = { policy: 'stately' as const, retryLimit: 5, retryBackoff: true, expireInSeconds: 3600 };
    this.jobs.declare(OVERDUE_JOB, settings);
    this.jobs.declare(LOST_SCAN_JOB, settings);
    this.jobs.declare(RECOMPUTE_JOB, { retryLimit: 5, retryBackoff: true, expireInSeconds: 3600 });
    this.jobs.work(OVERDUE_JOB, () => this.markOverdue().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.work(LOST_SCAN_JOB, () => this.proposeLost().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.work<{ orgId: string }>(RECOMPUTE_JOB, (data) => this.recompute(data.orgId).then(() => undefined), {
      pollingSeconds: 10,
    });
    this.jobs.schedule(OVERDUE_JOB, OVERDUE_CRON);
    this.jobs.schedule(LOST_SCAN_JOB, LOST_SCAN_CRON);
  }

  /** Writes a to-do for every pairing newly overdue; answers how many were written. */
  async markOverdue(): Promise<number> {
    const today = chinaDate(this.clock.now());
    let total = 0;
    for (;;) {
      const claimed = await this.repo.transaction(async (m) => {
        const rows = await this.repo.claimNewlyOverdue(m, today, OVERDUE_BATCH);
        const messages: InboxMessage[] = rows.map((r) => {
          const name = this.pii.decrypt(r.memberNameCipher);
          return {
            to: r.serving ? { accountId: r.committeeAccountId } : { orgId: r.branchId },
            category: 'todo',
            kind: 'pairing.contact_due',
            title: '结对联系已逾期',
            body: r.serving
              ? `您结对联系的${name}应在${r.nextDueOn}前联系，现已逾期。请尽快联系并记录联系情况。`
              : `${name}的结对支委已不在本支部任职，联系已于${r.nextDueOn}逾期。请重新安排结对。`,
            subject: { type: 'member', id: r.memberId },
          };
        });
        await this.inbox.sendOnce(m, messages);
        return rows.length;
      });
      total += claimed;
      if (claimed < OVERDUE_BATCH) break;
    }
    this.logger.log(`pairing overdue scan for ${today}: ${total} to-dos`);
    return total;
  }

  /** Proposes every member away and silent too long as lost contact; answers how many were proposed now. */
  async proposeLost(): Promise<number> {
    const now = this.clock.now();
    const rules = await this.repo.findAllRules();
    const cache = new Map<string, PairingRules>();
    const rulesAt = (path: string) => {
      let r = cache.get(path);
      if (!r) cache.set(path, (r = effectiveRules(path, rules)));
      return r;
    };
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const rows = await this.repo.findAwayMembers(after, LOST_BATCH);
      if (rows.length === 0) break;
      after = rows[rows.length - 1].memberId;
      const chosen: (NewProposal & { nameCipher: string })[] = [];
      for (const r of rows) {
        if (r.openProposal) continue;
        const d = decideSilence({
          now,
          awaySince: r.awaySince,
          lastReachedContactAt: r.lastContactAt,
          lastCheckinAt: r.lastCheckinAt,
          lastStudyAt: r.lastStudyAt,
          quietUntil: r.quietUntil,
          lostAfterDays: rulesAt(r.branchPath).lostAfterDays,
        });
        if (d.propose)
          chosen.push({
            memberId: r.memberId,
            flowId: r.flowId,
            branchId: r.branchId,
            branchPath: r.branchPath,
            lastSeenAt: d.lastSeenAt,
            silentDays: d.silentDays,
            nameCipher: r.memberNameCipher,
          });
      }
      if (chosen.length > 0) {
        total += await this.repo.transaction(async (m) => {
          const opened = await this.repo.insertProposals(m, chosen, now);
          const byMember = new Map(chosen.map((c) => [c.memberId, c]));
          await this.inbox.sendOnce(
            m,
            opened.map(({ memberId }) => {
              const c = byMember.get(memberId)!;
              return {
                to: { orgId: c.branchId },
                category: 'todo',
                kind: 'pairing.lost_proposed',
                title: '疑似失联党员待确认',
                body: `${this.pii.decrypt(c.nameCipher)}已${c.silentDays}天没有联系上、没有签到和学习记录，请核实后确认失联或排除。`,
                subject: { type: 'member', id: memberId },
              };
            }),
          );
          return opened.length;
        });
      }
      if (rows.length < LOST_BATCH) break;
    }
    this.logger.log(`lost-contact scan: ${total} members proposed`);
    return total;
  }

  /** Recomputes the due days of live pairings under an org after its rules changed; answers how many moved. */
  async recompute(orgId: string): Promise<number> {
    const org = await this.orgs.findById(orgId);
    if (!org) return 0;
    const rules: RuleRow[] = await this.repo.findAllRules();
    let afterPath: string | null = null;
    let moved = 0;
    for (;;) {
      const branches = await this.repo.findBranchesUnder(org.path, afterPath, BRANCH_BATCH);
      if (branches.length === 0) break;
      afterPath = branches[branches.length - 1].path;
      const inputs = await this.repo.findDueInputsOfBranches(branches.map((b) => b.id));
      const changes = inputs
        .map((p) => ({ id: p.id, nextDueOn: dueDayOf(p, effectiveRules(p.branchPath, rules)), old: p.nextDueOn }))
        .filter((c) => c.nextDueOn !== c.old);
      if (changes.length > 0) {
        moved += await this.repo.transaction(async (m) => {
          const memberIds = await this.repo.updateDueDays(m, changes);
          // The to-do for the old due day is no longer right: the next overdue scan writes one if still due.
          await this.inbox.completeMany(m, memberIds, ['pairing.contact_due']);
          return memberIds.length;
        });
      }
      if (branches.length < BRANCH_BATCH) break;
    }
    return moved;
  }
}
