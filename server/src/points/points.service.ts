import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  maskName,
  pointsFor,
  type Paginated,
  type PointsAwardSource,
  type PointsBranchSettings,
  type PointsEntryView,
  type PointsSummary,
  type ReviewQueueEntry,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { actingPaths, actsFor, MANAGE_ROLES, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { PointsPolicy } from './points-policy.js';
import {
  checkViolation,
  PointsRepository,
  type EntryRow,
  type MemberPointsPlacement,
  type NewEntry,
} from './points.repository.js';

export interface AwardInput {
  memberId: string;
  source: PointsAwardSource;
  /** Idempotency: at most one entry per (source, sourceRef); a retry answers the first entry. */
  sourceRef: string;
  /** Minutes for service_hours, stars 1..5 for service_rating; ignored otherwise. */
  quantity?: number;
  /** Only for 'manual' (positive or negative, with a reason). */
  amount?: number;
  /** Chinese, shown to the member. */
  reason: string;
  actorAccountId?: string | null;
}

export interface AwardResult {
  entryId: string;
  amount: number;
  status: 'posted' | 'pending';
}

export const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sources whose entries a reversal may correct: what was earned or awarded by hand. */
const REVERSIBLE = new Set(['checkin', 'study', 'service_hours', 'service_rating', 'manual']);

export function entryView(row: EntryRow): PointsEntryView {
  return {
    id: row.id,
    memberId: row.memberId,
    amount: row.amount,
    status: row.status,
    source: row.source,
    reason: row.reason,
    ruleVersion: row.ruleVersion,
    createdAt: row.createdAt.toISOString(),
    postedAt: row.postedAt ? row.postedAt.toISOString() : null,
    reversesEntryId: row.reversesEntryId,
    reversedByEntryId: row.reversedByEntryId,
  };
}

/**
 * The points ledger (积分). Append-only: every change is a new entry carrying
 * its source, the reference that makes it happen once, the rule version and
 * a reason the member reads. A member's balance row is updated in the same
 * transaction as each posted entry, and its lock orders a member's postings,
 * so the balance is always the sum of posted entries and never below zero.
 */
@Injectable()
export class PointsService {
  constructor(
    private readonly repo: PointsRepository,
    private readonly policy: PointsPolicy,
    private readonly clock: Clock,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly pii: PiiCrypto,
  ) {}

  /**
   * Awards points for a deed, inside the caller's transaction. Answers null
   * when the rules give nothing; a second call with the same (source,
   * sourceRef) answers the first entry. Entries wait for review when the
   * member's sending branch asks for it (manual awards are the branch's own
   * and post at once). A deduction that would take the balance below zero
   * fails with POINTS_INSUFFICIENT.
   */
  async award(manager: EntityManager, input: AwardInput): Promise<AwardResult | null> {
    const rules = this.policy.rules;
    const amount = pointsFor({ source: input.source, quantity: input.quantity, amount: input.amount }, rules);
    if (amount === 0) return null;
    const existing = await this.repo.findEntryBySource(manager, input.source, input.sourceRef);
    if (existing) return awardResult(existing);
    const placement = await this.repo.findPlacement(manager, input.memberId);
    if (!placement) throw new AppException(ErrorCode.NOT_FOUND, '找不到这名党员');
    const status = placement.reviewRequired && input.source !== 'manual' && amount > 0 ? 'pending' : 'posted';
    const row = await this.append(manager, {
      memberId: input.memberId,
      branchPath: placement.branchPath,
      source: input.source,
      sourceRef: input.sourceRef,
      amount,
      quantity: input.source === 'service_hours' || input.source === 'service_rating' ? (input.quantity ?? null) : null,
      ruleVersion: rules.version,
      reason: reasonText(input.reason),
      status,
      reversesEntryId: null,
      actorAccountId: input.actorAccountId ?? null,
      at: this.clock.now(),
    });
    return awardResult(row);
  }

  /**
   * Writes one entry (or finds the one already written for its source and
   * reference) and, when it posts, moves the balance with it.
   */
  async append(manager: EntityManager, entry: NewEntry): Promise<EntryRow> {
    const row = await this.repo.insertEntry(manager, entry);
    if (!row) return (await this.repo.findEntryBySource(manager, entry.source, entry.sourceRef))!;
    if (row.status === 'posted') await this.moveBalance(manager, row.memberId, row.amount, entry.at);
    return row;
  }

  /** Adds a posted amount to the balance; the database refuses a balance below zero. */
  async moveBalance(manager: EntityManager, memberId: string, amount: number, at: Date): Promise<number> {
    try {
      return await this.repo.addToBalance(manager, memberId, amount, at);
    } catch (error) {
      if (checkViolation(error) === 'points_balance_not_negative')
        throw new AppException(ErrorCode.POINTS_INSUFFICIENT);
      throw error;
    }
  }

  // ── the member ───────────────────────────────────────────────────────

  async mySummary(principal: Principal): Promise<PointsSummary> {
    return this.summary(memberOf(principal));
  }

  async myEntries(
    principal: Principal,
    query: { cursor?: string; limit?: number },
  ): Promise<Paginated<PointsEntryView>> {
    return this.entries(memberOf(principal), query);
  }

  // ── the sending branch ─────────────────────────────────────────────────

  async memberSummary(principal: Principal, memberId: string): Promise<PointsSummary> {
    await this.sendingMember(principal, memberId);
    return this.summary(memberId);
  }

  async memberEntries(
    principal: Principal,
    memberId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Paginated<PointsEntryView>> {
    await this.sendingMember(principal, memberId);
    return this.entries(memberId, query);
  }

  /** A secretary awards (or deducts) points by hand, with a reason; posted at once. */
  async manualAward(
    principal: Principal,
    memberId: string,
    dto: { amount: number; reason: string },
    requestKey: string | null,
  ): Promise<PointsEntryView> {
    await this.sendingMember(principal, memberId, true);
    const result = await this.repo.transaction((m) =>
      this.award(m, {
        memberId,
        source: 'manual',
        // A retried request (same Idempotency-Key) awards once; without a key every request is its own award.
        sourceRef: requestKey ? `${principal.accountId}:${requestKey}` : randomUUID(),
        amount: dto.amount,
        reason: dto.reason,
        actorAccountId: principal.accountId,
      }),
    );
    if (!result)
      throw new AppException(ErrorCode.VALIDATION_FAILED, '积分须为非零整数', [
        { path: 'amount', problem: 'amount must be a non-zero whole number' },
      ]);
    return entryView((await this.repo.findEntry(null, result.entryId))!);
  }

  /** Corrects a posted entry by appending its opposite, once. */
  async reverse(principal: Principal, entryId: string, reason: string): Promise<PointsEntryView> {
    const scope = await this.scopes.forPrincipal(principal);
    const original = await this.repo.findEntry(null, entryId);
    if (!original || !actsFor(scope, original.branchPath))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这条积分记录');
    await this.sendingMember(principal, original.memberId, true);
    if (!REVERSIBLE.has(original.source) || original.status !== 'posted')
      throw new AppException(ErrorCode.POINTS_ENTRY_NOT_REVERSIBLE);
    if (original.reversedByEntryId) throw new AppException(ErrorCode.POINTS_ENTRY_ALREADY_REVERSED);
    const row = await this.repo.transaction(async (m) => {
      await this.repo.lockBalance(m, original.memberId, this.clock.now());
      return this.append(m, {
        memberId: original.memberId,
        branchPath: original.branchPath,
        source: 'reversal',
        sourceRef: original.id,
        amount: -original.amount,
        quantity: null,
        ruleVersion: this.policy.rules.version,
        reason: `更正：${reason}`,
        status: 'posted',
        reversesEntryId: original.id,
        actorAccountId: principal.accountId,
        at: this.clock.now(),
      });
    });
    return entryView((await this.repo.findEntry(null, row.id))!);
  }

  async reviewQueue(
    principal: Principal,
    query: { cursor?: string; limit?: number },
  ): Promise<Paginated<ReviewQueueEntry>> {
    const scope = await this.scopes.forPrincipal(principal);
    const paths = actingPaths(scope, MANAGE_ROLES);
    if (paths.length === 0) throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织管理员可以审核积分');
    const limit = query.limit ?? 20;
    const after = query.cursor ? cursorAfter(query.cursor) : undefined;
    const rows = await this.repo.findPending(paths, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = page.map((r) => ({ ...entryView(r), memberName: maskName(this.pii.decrypt(r.nameCipher)) }));
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  async decide(
    principal: Principal,
    entryId: string,
    decision: 'posted' | 'rejected',
    note: string | null,
  ): Promise<PointsEntryView> {
    const scope = await this.scopes.forPrincipal(principal);
    const entry = await this.repo.findEntry(null, entryId);
    if (!entry || !actsFor(scope, entry.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这条积分记录');
    if (!actsFor(scope, entry.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织管理员可以审核积分');
    const decided = await this.repo.transaction(async (m) => {
      const now = this.clock.now();
      const row = await this.repo.decidePending(m, entryId, decision, principal.accountId, note, now);
      if (!row) return null;
      if (row.status === 'posted') await this.moveBalance(m, row.memberId, row.amount, now);
      return row;
    });
    if (!decided) throw new AppException(ErrorCode.POINTS_ENTRY_NOT_PENDING);
    return entryView((await this.repo.findEntry(null, entryId))!);
  }

  async branchSettings(principal: Principal, orgId: string): Promise<PointsBranchSettings> {
    await this.managedOrg(principal, orgId);
    return { orgId, reviewRequired: await this.repo.findReviewRequired(orgId) };
  }

  async setBranchSettings(principal: Principal, orgId: string, reviewRequired: boolean): Promise<PointsBranchSettings> {
    await this.managedOrg(principal, orgId);
    await this.repo.setReviewRequired(orgId, reviewRequired, principal.accountId, this.clock.now());
    return { orgId, reviewRequired };
  }

  // ── helpers ──────────────────────────────────────────────────────────

  private async summary(memberId: string): Promise<PointsSummary> {
    const { balance, pending } = await this.repo.findBalance(memberId);
    return { memberId, balance, pending, validYears: this.policy.validYears };
  }

  private async entries(
    memberId: string,
    query: { cursor?: string; limit?: number },
  ): Promise<Paginated<PointsEntryView>> {
    const limit = query.limit ?? 20;
    const after = query.cursor ? cursorAfter(query.cursor) : undefined;
    const rows = await this.repo.findMemberEntries(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = page.map(entryView);
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  /** A member the caller manages as the sending side; others are not confirmed to exist. */
  private async sendingMember(principal: Principal, memberId: string, manage = false): Promise<MemberPointsPlacement> {
    const scope = await this.scopes.forPrincipal(principal);
    const placement = await this.repo.findPlacement(null, memberId);
    if (!placement || !actsFor(scope, placement.branchPath))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这名党员');
    if (manage && !actsFor(scope, placement.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部的书记或组织管理员可以调整积分');
    return placement;
  }

  private async managedOrg(principal: Principal, orgId: string): Promise<void> {
    const scope: Scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    if (!actsFor(scope, org.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织管理员可以设置积分审核');
  }
}

const REASON_MAX = 200;

/** What the member reads, within the column's 200 characters (a long activity title is cut, not refused). */
export function reasonText(reason: string): string {
  const text = reason.trim() || '积分';
  return text.length <= REASON_MAX ? text : `${text.slice(0, REASON_MAX - 1)}…`;
}

/** A rejected entry earned nothing: the same as the rules giving 0. */
function awardResult(row: EntryRow): AwardResult | null {
  if (row.status === 'rejected') return null;
  return { entryId: row.id, amount: row.amount, status: row.status };
}

export function memberOf(principal: Principal): string {
  if (!principal.memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先在“我的”页面绑定党员信息');
  return principal.memberId;
}

export function cursorAfter(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, [CURSOR_AT, UUID]);
  return { at, id };
}
