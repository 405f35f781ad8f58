import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ErrorCode, GREETING_PAGE_DEFAULT, type GreetingView, type Paginated } from '@pioneer/shared';
import { AuditService, auditActor } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { AppException } from '../../common/errors/app-exception.js';
import { JobQueue } from '../../common/jobs/job-queue.js';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { MANAGE_ROLES, actsFor } from '../../common/scope/scope.js';
import { ScopeService } from '../../common/scope/scope.service.js';
import { Clock } from '../../common/time/clock.js';
import { InboxService } from '../../notifications/inbox.service.js';
import { WechatOutboxService } from '../../notifications/wechat-outbox.service.js';
import { OrgsService } from '../../orgs/orgs.service.js';
import type { ListGreetingsQueryDto, SendGreetingDto } from './dto/greetings.dto.js';
import { GreetingsRepository, type GreetingRow } from './greetings.repository.js';

export const GREETING_FANOUT_JOB = 'greetings.fanout';
/** Members per batch: one INSERT … SELECT of inbox notices and one of WeChat messages each. */
export const GREETING_BATCH_SIZE = 5_000;

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Holiday greetings (节日问候). Sending records the greeting (once per org and
 * client key: a double tap sends once) and queues its fan-out job in the same
 * transaction. The job walks the org's mobile members by id, a batch per
 * transaction: inbox notices for the batch in one statement, WeChat messages
 * for those holding a credit in another, then the greeting's position moves
 * past the batch. Partial unique indexes allow one greeting notice and one
 * message per member and greeting, so a retried or restarted job doubles
 * nothing.
 */
@Injectable()
export class GreetingsService implements OnModuleInit {
  /** Members per batch; a field so tests can make a small branch take several batches. */
  batchSize = GREETING_BATCH_SIZE;

  constructor(
    private readonly repo: GreetingsRepository,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly inbox: InboxService,
    private readonly wechat: WechatOutboxService,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(GREETING_FANOUT_JOB, {
      policy: 'stately',
      retryLimit: 10,
      retryDelaySeconds: 5,
      retryBackoff: true,
      expireInSeconds: 900,
    });
    this.jobs.work<{ greetingId: string }>(GREETING_FANOUT_JOB, (job) => this.deliver(job.greetingId), {
      pollingSeconds: 2,
    });
  }

  async send(principal: Principal, dto: SendGreetingDto): Promise<GreetingView> {
    const org = await this.requireManagedOrg(principal, dto.orgId);
    const { id, created } = await this.repo.transaction(async (m) => {
      const made = await this.repo.insert(
        m,
        {
          orgId: org.id,
          orgPath: org.path,
          title: dto.title,
          body: dto.body,
          clientKey: dto.clientKey,
          createdBy: principal.accountId,
        },
        this.clock.now(),
      );
      if (!made) {
        const earlier = await this.repo.findByClientKey(org.id, dto.clientKey, m);
        if (!earlier || earlier.title !== dto.title || earlier.body !== dto.body) {
          throw new AppException(ErrorCode.CLIENT_ID_REUSED);
        }
        return { id: earlier.id, created: false };
      }
      await this.jobs.send(GREETING_FANOUT_JOB, { greetingId: made }, { singletonKey: made }, m);
      await this.audit.record(
        {
          action: 'greeting.send',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'greeting',
          targetId: made,
          orgPath: org.path,
        },
        m,
      );
      return { id: made, created: true };
    });
    if (created) this.jobs.wake(GREETING_FANOUT_JOB);
    return this.view((await this.repo.findById(id)) as GreetingRow);
  }

  async list(principal: Principal, query: ListGreetingsQueryDto): Promise<Paginated<GreetingView>> {
    const org = await this.requireManagedOrg(principal, query.orgId);
    const limit = query.limit ?? GREETING_PAGE_DEFAULT;
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { at, id };
    }
    const rows = await this.repo.listForOrg(org.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = page.map((r) => this.view(r));
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  async get(principal: Principal, id: string): Promise<GreetingView> {
    const row = await this.repo.findById(id);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '找不到这条问候');
    await this.requireManagedOrg(principal, row.orgId);
    return this.view(row);
  }

  /** Delivers the greeting batch by batch until every mobile member has it; safe to run again at any point. */
  async deliver(greetingId: string): Promise<void> {
    for (;;) {
      const done = await this.repo.transaction(async (m) => {
        const g = await this.repo.lock(m, greetingId);
        if (!g || g.status === 'sent') return true;
        const memberIds = await this.repo.findMobileMembersAfter(m, g.orgPath, g.afterMemberId, this.batchSize);
        const written = await this.inbox.sendToMembers(m, memberIds, {
          category: 'notice',
          kind: 'greeting',
          title: g.title,
          body: g.body,
          subject: { type: 'greeting', id: g.id },
        });
        await this.wechat.enqueueForMembers(m, memberIds, {
          purpose: 'flow_notice',
          kind: 'greeting',
          title: g.title,
          orgName: g.orgName,
          subjectId: g.id,
        });
        const last = memberIds.length < this.batchSize;
        await this.repo.advance(m, g.id, memberIds.at(-1) ?? null, written, last, this.clock.now());
        return last;
      });
      if (done) return;
    }
  }

  /** The org, if the caller is its secretary or an org admin above it; other staff acting for it 403; anyone else 404. */
  private async requireManagedOrg(principal: Principal, orgId: string) {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (org && actsFor(scope, org.path, MANAGE_ROLES)) return org;
    if (org && actsFor(scope, org.path)) throw new AppException(ErrorCode.FORBIDDEN);
    throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
  }

  private view(r: GreetingRow): GreetingView {
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      title: r.title,
      body: r.body,
      status: r.status,
      recipients: r.recipients,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt ? r.sentAt.toISOString() : null,
    };
  }
}
