import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  FEEDBACK_DEFAULT_PERIOD_MONTHS,
  FEEDBACK_PERIOD_MONTHS,
  FEEDBACK_RATING_LABELS,
  dueFeedbackPeriod,
  isFeedbackDue,
  isFeedbackPeriodWritable,
  parseFeedbackPeriod,
  type FeedbackDraft,
  type FeedbackDueItem,
  type FeedbackFacts,
  type FeedbackPeriod,
  type FeedbackPeriodMonths,
  type FeedbackSettingsView,
  type FeedbackView,
  type Paginated,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type {
  AcknowledgeFeedbackDto,
  CreateFeedbackDto,
  FeedbackDueQueryDto,
  ListFeedbackQueryDto,
  SetFeedbackSettingsDto,
} from './dto/feedback.dto.js';
import { FeedbackRepository, type FeedbackFlow, type FeedbackRow, type PeriodChoice } from './feedback.repository.js';

const PAGE_DEFAULT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const FLOW_CURSOR = /^flow$/;
/** Flows the receiving branch shares (scope model): only these make the caller the receiving side. */
const RECEIVING_VISIBLE = new Set(['found', 'arrived', 'active']);
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant a Beijing calendar day begins. */
function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS);
}

/**
 * Performance feedback (表现反馈). The receiving branch writes it for members
 * whose open flow it receives; the sending branch reads and acknowledges it,
 * and it stays in the member's file there. Which side a caller is on comes
 * from the scope model; anyone on neither side gets 404.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly repo: FeedbackRepository,
    private readonly scopes: ScopeService,
    private readonly inbox: InboxService,
    private readonly orgs: OrgsService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  /** The due period of every cadence at `at`: each flow picks the one for its sending org's cadence. */
  duePeriods(at: Date): PeriodChoice[] {
    return FEEDBACK_PERIOD_MONTHS.map((months) => {
      const p = dueFeedbackPeriod(at, months);
      return { months, key: p.key, start: p.start, end: p.end };
    });
  }

  async due(principal: Principal, query: FeedbackDueQueryDto): Promise<Paginated<FeedbackDueItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope);
    if (query.branchId) {
      const org = await this.orgs.findById(query.branchId);
      if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党组织');
      paths = [org.path];
    }
    const fixed = query.period ? this.parsePeriod(query.period) : null;
    const now = this.clock.now();
    const limit = query.limit ?? PAGE_DEFAULT;
    const afterFlowId = query.cursor ? decodeCursor(query.cursor, [FLOW_CURSOR, UUID])[1] : null;
    const rows = await this.repo.findDue({
      receivingPaths: paths,
      periods: this.duePeriods(now),
      fixedPeriod: fixed ? { key: fixed.key, end: fixed.end } : null,
      afterFlowId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items: FeedbackDueItem[] = [];
    for (const r of page) {
      const period = fixed ?? parseFeedbackPeriod(r.period ?? '');
      if (!period) continue;
      const flow = { status: r.flowStatus, arrivedAt: r.arrivedAt ? r.arrivedAt.toISOString() : null };
      // A period asked for explicitly lists members who could write it now; by default, those who owe the one just ended.
      const owes = fixed ? isFeedbackPeriodWritable(flow, period, now) : isFeedbackDue(flow, period, now);
      if (!owes && !r.feedbackId) continue;
      items.push({
        flowId: r.flowId,
        memberId: r.memberId,
        name: this.pii.decrypt(r.memberNameCipher),
        sendingBranchName: r.sendingBranchName,
        receivingBranchName: r.receivingBranchName,
        period: period.key,
        periodLabel: period.label,
        feedbackId: r.feedbackId,
        status: r.status ?? 'due',
      });
    }
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor(['flow', last.flowId]) } : { items };
  }

  async draft(principal: Principal, flowId: string, periodKey?: string): Promise<FeedbackDraft> {
    const scope = await this.scopes.forPrincipal(principal);
    const flow = await this.receivingFlow(scope, flowId);
    const period = await this.writablePeriod(flow, periodKey);
    const existing = await this.repo.findByFlowAndPeriod(flow.flowId, period.key);
    return {
      flowId: flow.flowId,
      memberId: flow.memberId,
      name: this.pii.decrypt(flow.memberNameCipher),
      sendingBranchName: flow.sendingBranchName,
      receivingBranchName: flow.receivingBranchName ?? '',
      period: period.key,
      periodLabel: period.label,
      periodStart: period.start,
      periodEnd: period.end,
      facts: await this.factsFor(flow.memberId, [flow.receivingBranchId!], period.start, period.end),
      existingFeedbackId: existing && existing.status !== 'due' ? existing.id : null,
    };
  }

  async create(principal: Principal, dto: CreateFeedbackDto): Promise<FeedbackView> {
    const scope = await this.scopes.forPrincipal(principal);
    const flow = await this.receivingFlow(scope, dto.flowId);
    if (!actsFor(scope, flow.receivingPath!, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '表现反馈由流入地党支部书记填写');
    const period = await this.writablePeriod(flow, dto.period);
    const facts = await this.factsFor(flow.memberId, [flow.receivingBranchId!], period.start, period.end);
    const name = this.pii.decrypt(flow.memberNameCipher);
    const id = await this.repo.transaction(async (m) => {
      const written = await this.repo.send(m, {
        flowId: flow.flowId,
        memberId: flow.memberId,
        sendingPath: flow.sendingPath,
        receivingBranchId: flow.receivingBranchId!,
        receivingPath: flow.receivingPath!,
        period: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        facts,
        rating: dto.rating,
        assessmentCipher: this.pii.encrypt(dto.assessment),
        authorAccountId: principal.accountId,
        at: this.clock.now(),
      });
      if (!written) throw new AppException(ErrorCode.FEEDBACK_DUPLICATE);
      await this.inbox.complete(m, written, ['feedback.due']);
      await this.inbox.send(m, [
        {
          to: { orgId: flow.sendingBranchId },
          category: 'todo',
          kind: 'feedback.received',
          title: '表现反馈待签收',
          body: `${flow.receivingBranchName ?? '流入地党组织'}发来${name}${period.label}的表现反馈（${FEEDBACK_RATING_LABELS[dto.rating]}），请阅后签收。`,
          subject: { type: 'feedback', id: written },
        },
      ]);
      return written;
    });
    return this.view(scope, (await this.repo.findById(id))!);
  }

  async list(principal: Principal, query: ListFeedbackQueryDto): Promise<Paginated<FeedbackView>> {
    const scope = await this.scopes.forPrincipal(principal);
    const limit = query.limit ?? PAGE_DEFAULT;
    let after: { sortAt: string; id: string } | undefined;
    if (query.cursor) {
      const [sortAt, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { sortAt, id };
    }
    const rows = await this.repo.list({
      column: query.side === 'received' ? 'sending_path' : 'receiving_path',
      paths: actingPaths(scope),
      status: query.status,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map((r) => this.viewAs(r, query.side === 'received' ? 'sending' : 'receiving'));
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  async one(principal: Principal, id: string): Promise<FeedbackView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    if (!row || row.status === 'due' || this.sideOf(scope, row) === 'none') throw this.notFound();
    return this.view(scope, row);
  }

  async acknowledge(principal: Principal, id: string, dto: AcknowledgeFeedbackDto): Promise<FeedbackView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    const side = row ? this.sideOf(scope, row) : 'none';
    if (!row || side === 'none') throw this.notFound();
    if (side !== 'sending') throw new AppException(ErrorCode.FEEDBACK_NOT_SENDING_SIDE);
    if (!actsFor(scope, row.sendingPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '表现反馈由流出地党支部书记签收');
    await this.repo.transaction(async (m) => {
      const status = await this.repo.lockStatus(m, id);
      if (status === 'due') throw new AppException(ErrorCode.FEEDBACK_NOT_SENT);
      if (status === 'acknowledged') throw new AppException(ErrorCode.FEEDBACK_ALREADY_ACKNOWLEDGED);
      await this.repo.acknowledge(m, id, principal.accountId, this.pii.encryptOptional(dto.comment), this.clock.now());
      await this.inbox.complete(m, id, ['feedback.received']);
      const label = parseFeedbackPeriod(row.period)?.label ?? row.period;
      await this.inbox.send(m, [
        {
          to: { orgId: row.receivingBranchId },
          category: 'notice',
          kind: 'feedback.acknowledged',
          title: '表现反馈已签收',
          body: `${row.sendingBranchName}已签收${this.pii.decrypt(row.memberNameCipher)}${label}的表现反馈。`,
          subject: { type: 'feedback', id },
        },
      ]);
    });
    return this.view(scope, (await this.repo.findById(id))!);
  }

  /** The member's file on the sending side: every feedback received about them, oldest period first. */
  async forMember(principal: Principal, memberId: string): Promise<FeedbackView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const placement = await this.repo.findMemberBranchPath(memberId);
    if (!placement) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    if (!actsFor(scope, placement.branchPath)) {
      if (placement.receivingPath && actsFor(scope, placement.receivingPath))
        throw new AppException(ErrorCode.FEEDBACK_NOT_SENDING_SIDE, '党员档案中的表现反馈只有流出地党组织可以查看');
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    }
    return (await this.repo.findForMember(memberId)).map((r) => this.viewAs(r, 'sending'));
  }

  async settings(principal: Principal, orgId: string): Promise<FeedbackSettingsView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党组织');
    const cadence = await this.repo.findCadence(org.path);
    return {
      orgId,
      periodMonths: cadence?.periodMonths ?? FEEDBACK_DEFAULT_PERIOD_MONTHS,
      setByOrgId: cadence?.orgId ?? null,
    };
  }

  async setSettings(principal: Principal, dto: SetFeedbackSettingsDto): Promise<FeedbackSettingsView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(dto.orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党组织');
    if (!actsFor(scope, org.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '反馈周期由党支部书记或组织部门设置');
    await this.repo.upsertSetting(org.id, org.path, dto.periodMonths, principal.accountId, this.clock.now());
    return { orgId: org.id, periodMonths: dto.periodMonths, setByOrgId: org.id };
  }

  // ── for the evaluation (民主评议) ─────────────────────────────────────────

  /** The member's record between two Beijing calendar days (end exclusive); `heldAt` are the branches whose activities count. */
  factsFor(memberId: string, heldAt: string[], fromDay: string, toDay: string): Promise<FeedbackFacts> {
    return this.repo.findFacts({
      memberId,
      heldAtBranchIds: heldAt,
      from: dayStart(fromDay),
      to: dayStart(toDay),
      fromDay,
      toDay,
    });
  }

  /** Feedback sent about the member for periods starting in `year`, for the evaluation's inputs. */
  async feedbackForYear(memberId: string, year: number): Promise<FeedbackView[]> {
    const rows = await this.repo.findForMember(memberId, { from: `${year}-01-01`, to: `${year + 1}-01-01` });
    return rows.map((r) => this.viewAs(r, 'sending'));
  }

  // ── the periodic job's work (FeedbackDueJob) ─────────────────────────────

  /**
   * One batch of the periodic run: `due` rows for the flows in (afterId,
   * upToId] that owe their cadence's period just ended, and a to-do for each
   * receiving branch, in one transaction. Answers how many were created.
   */
  async createDueBatch(range: { afterId: string | null; upToId: string | null }, at: Date): Promise<number> {
    const periods = this.duePeriods(at);
    return this.repo.transaction(async (m) => {
      const created = await this.repo.insertDue(m, range, periods);
      await this.inbox.send(
        m,
        created.map((c) => ({
          to: { orgId: c.receivingBranchId },
          category: 'todo' as const,
          kind: 'feedback.due' as const,
          title: '表现反馈待填写',
          body: `请填写${this.pii.decrypt(c.memberNameCipher)}${parseFeedbackPeriod(c.period)?.label ?? c.period}的表现反馈，发给流出地党组织。`,
          subject: { type: 'feedback' as const, id: c.id },
        })),
      );
      return created.length;
    });
  }

  findFlowIdAfter(afterId: string | null, limit: number): Promise<string | null> {
    return this.repo.findFlowIdAfter(afterId, limit);
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  /** The flow, if the caller is its receiving side: the sending side is refused with a code, anyone else gets 404. */
  private async receivingFlow(scope: Scope, flowId: string): Promise<FeedbackFlow> {
    const flow = await this.repo.findFlow(flowId);
    if (!flow) throw this.notFound('找不到这条流动记录');
    const receiving =
      flow.receivingPath !== null && RECEIVING_VISIBLE.has(flow.status) && actsFor(scope, flow.receivingPath);
    if (!receiving) {
      if (actsFor(scope, flow.sendingPath)) throw new AppException(ErrorCode.FEEDBACK_NOT_RECEIVING_SIDE);
      throw this.notFound('找不到这条流动记录');
    }
    if (flow.status !== 'arrived' && flow.status !== 'active')
      throw new AppException(ErrorCode.FEEDBACK_FLOW_NOT_IN_CARE);
    return flow;
  }

  /** The period asked for (or the one just ended for the member's cadence), if feedback may be written for it now. */
  private async writablePeriod(flow: FeedbackFlow, key: string | undefined): Promise<FeedbackPeriod> {
    let period: FeedbackPeriod;
    if (key) period = this.parsePeriod(key);
    else {
      const cadence = await this.repo.findCadence(flow.sendingPath);
      const months: FeedbackPeriodMonths = cadence?.periodMonths ?? FEEDBACK_DEFAULT_PERIOD_MONTHS;
      period = dueFeedbackPeriod(this.clock.now(), months);
    }
    const facts = { status: flow.status, arrivedAt: flow.arrivedAt ? flow.arrivedAt.toISOString() : null };
    if (!isFeedbackPeriodWritable(facts, period, this.clock.now()))
      throw new AppException(ErrorCode.FEEDBACK_PERIOD_INVALID);
    return period;
  }

  private parsePeriod(key: string): FeedbackPeriod {
    const period = parseFeedbackPeriod(key);
    if (!period) throw new AppException(ErrorCode.FEEDBACK_PERIOD_INVALID);
    return period;
  }

  private sideOf(scope: Scope, row: FeedbackRow): 'sending' | 'receiving' | 'none' {
    if (actsFor(scope, row.sendingPath)) return 'sending';
    if (actsFor(scope, row.receivingPath)) return 'receiving';
    return 'none';
  }

  private view(scope: Scope, row: FeedbackRow): FeedbackView {
    const side = this.sideOf(scope, row);
    return this.viewAs(row, side === 'none' ? 'receiving' : side);
  }

  private viewAs(row: FeedbackRow, side: 'sending' | 'receiving'): FeedbackView {
    return {
      id: row.id,
      flowId: row.flowId,
      memberId: row.memberId,
      name: this.pii.decrypt(row.memberNameCipher),
      sendingBranchName: row.sendingBranchName,
      receivingBranchName: row.receivingBranchName,
      period: row.period,
      periodLabel: parseFeedbackPeriod(row.period)?.label ?? row.period,
      status: row.status,
      facts: row.facts,
      rating: row.rating,
      assessment: this.pii.decryptOptional(row.assessmentCipher),
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
      acknowledgedAt: row.acknowledgedAt ? row.acknowledgedAt.toISOString() : null,
      acknowledgeComment: this.pii.decryptOptional(row.acknowledgeCommentCipher),
      side,
    };
  }

  private notFound(message = '找不到这份表现反馈'): AppException {
    return new AppException(ErrorCode.NOT_FOUND, message);
  }
}
