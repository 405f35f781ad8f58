import { Injectable } from '@nestjs/common';
import {
  CONTACT_BACKDATE_MAX_DAYS,
  CONTACT_PLAN_AHEAD_MAX_DAYS,
  ErrorCode,
  PAIRING_PAGE_DEFAULT,
  chinaDate,
  contactOverdue,
  daysBetweenDays,
  type BranchPairingRow,
  type ContactLogEntry,
  type LostProposalView,
  type MemberPairingView,
  type MyPairedMember,
  type Paginated,
  type PairingCandidate,
  type PairingRules,
  type PairingRulesView,
  type PairingView,
  type Role,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { JobQueue } from '../common/jobs/job-queue.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type {
  EndPairingDto,
  LogContactDto,
  PairMembersDto,
  PairingPageQueryDto,
  SetPairingRulesDto,
  UpdatePairingDto,
} from './dto/pairing.dto.js';
import { dueDayOf, effectiveRules, pathsUpTo } from './pairing-rules.js';
import {
  PAIRABLE_ROLES,
  PairingRepository,
  type ContactRow,
  type PairingMember,
  type PairingRow,
  type ProposalRow,
} from './pairing.repository.js';

export const RECOMPUTE_JOB = 'pairing.recompute';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A contact logged a little ahead of the server's clock (a phone's clock) is still accepted. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** What the caller may do for one member: `manage` as secretary or org admin, `paired` as their committee member. */
type MemberAccess = { member: PairingMember; manage: boolean; live: PairingRow | null; paired: boolean };

/**
 * 结对联系: pairing committee members with the sending branch's members,
 * the contact log, the rules of cadence and silence, and the secretary's
 * decisions on lost-contact proposals. Who may act is read from the scope
 * model: the sending side only; the receiving side and everyone else get
 * 404, as for any member outside their scope.
 */
@Injectable()
export class PairingService {
  constructor(
    private readonly repo: PairingRepository,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly inbox: InboxService,
    private readonly jobs: JobQueue,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  // ── the secretary's screen ─────────────────────────────────────────────

  async branchMembers(
    principal: Principal,
    branchId: string,
    query: PairingPageQueryDto,
  ): Promise<Paginated<BranchPairingRow>> {
    const branch = await this.branchFor(principal, branchId, false);
    const limit = query.limit ?? PAIRING_PAGE_DEFAULT;
    const after = query.cursor ? decodeCursor(query.cursor, [/^m$/, UUID])[1] : null;
    const rows = await this.repo.findBranchMembers(branch.path, after, limit + 1);
    const today = chinaDate(this.clock.now());
    const page = rows.slice(0, limit);
    const items = page.map((r) => ({
      memberId: r.memberId,
      memberName: this.pii.decrypt(r.memberNameCipher),
      away: r.away,
      pairing: r.pairing ? this.pairingView(r.pairing, today) : null,
    }));
    return rows.length > limit ? { items, nextCursor: encodeCursor(['m', page[page.length - 1].memberId]) } : { items };
  }

  async candidates(principal: Principal, branchId: string): Promise<PairingCandidate[]> {
    const branch = await this.branchFor(principal, branchId, false);
    return this.repo.findCandidates(branch.id);
  }

  /** Pairs members of one branch with a committee member; each one's earlier pairing with someone else ends as re-paired. */
  async pair(principal: Principal, dto: PairMembersDto): Promise<PairingView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const memberIds = [...new Set(dto.memberIds)];
    const members = await this.repo.findMembers(memberIds);
    const visible = members.filter((m) => actsFor(scope, m.branchPath));
    if (visible.length !== memberIds.length) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    if (!visible.every((m) => actsFor(scope, m.branchPath, MANAGE_ROLES))) throw this.notManager();
    const branchId = visible[0].branchId;
    if (visible.some((m) => m.branchId !== branchId)) throw new AppException(ErrorCode.PAIRING_MIXED_BRANCHES);
    if (!(await this.accounts.holdsRoleAt(dto.committeeAccountId, [...PAIRABLE_ROLES], branchId)))
      throw new AppException(ErrorCode.PAIRING_NOT_COMMITTEE);
    const now = this.clock.now();
    await this.repo.transaction(async (m) => {
      await this.pairWithin(
        m,
        principal,
        { branchId, committeeAccountId: dto.committeeAccountId, memberIds },
        now,
        dto,
      );
      await this.audit.record(
        {
          action: 'pairing.paired',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'account',
          targetId: dto.committeeAccountId,
          orgPath: visible[0].branchPath,
          details: { members: memberIds.length, abroad: dto.abroad ?? null },
        },
        m,
      );
    });
    const today = chinaDate(now);
    return (await this.repo.findPairingsOfMembers(memberIds)).map((p) => this.pairingView(p, today));
  }

  /**
   * The study screen's older contract (`PUT /api/study/pairings`): the
   * committee member's live pairings in the branch become exactly
   * `memberIds`; those left out are unpaired, the rest paired (re-paired
   * from whoever had them). The caller has checked who may do this.
   */
  async replaceForCommittee(
    principal: Principal,
    input: { branchId: string; committeeAccountId: string; memberIds: string[] },
  ): Promise<string[]> {
    const now = this.clock.now();
    return this.repo.transaction(async (m) => {
      const current = await this.repo.lockCommitteePairings(m, input.committeeAccountId, input.branchId);
      const dropped = current.map((c) => c.memberId).filter((id) => !input.memberIds.includes(id));
      if (dropped.length > 0) {
        const live = await this.repo.lockLivePairings(m, dropped);
        await this.repo.endPairings(
          m,
          live.map((l) => l.id),
          { at: now, by: principal.accountId, reason: 'unpaired' },
        );
        await this.inbox.completeMany(m, dropped, ['pairing.contact_due']);
      }
      await this.pairWithin(m, principal, input, now, {});
      const after = await this.repo.lockCommitteePairings(m, input.committeeAccountId, input.branchId);
      return after.map((a) => a.memberId);
    });
  }

  async update(principal: Principal, id: string, dto: UpdatePairingDto): Promise<PairingView> {
    const pairing = await this.pairingForManager(principal, id);
    await this.repo.transaction(async (m) => {
      const locked = await this.repo.lockPairing(m, id);
      if (!locked || locked.endedAt) throw new AppException(ErrorCode.PAIRING_ALREADY_ENDED);
      if (locked.abroad !== dto.abroad) {
        const rules = await this.rulesAt(pairing.branchPath);
        const next = dueDayOf({ ...pairing, abroad: dto.abroad }, rules);
        await this.repo.setDue(m, id, { ...pairing, abroad: dto.abroad, nextDueOn: next });
        if (next !== pairing.nextDueOn) await this.inbox.complete(m, pairing.memberId, ['pairing.contact_due']);
      }
      await this.audit.record(
        {
          action: 'pairing.updated',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'member',
          targetId: pairing.memberId,
          orgPath: pairing.branchPath,
          details: { abroad: dto.abroad },
        },
        m,
      );
    });
    return this.pairingView((await this.repo.findPairing(id))!, chinaDate(this.clock.now()));
  }

  async end(principal: Principal, id: string, dto: EndPairingDto): Promise<PairingView> {
    const pairing = await this.pairingForManager(principal, id);
    await this.repo.transaction(async (m) => {
      const locked = await this.repo.lockPairing(m, id);
      if (!locked || locked.endedAt) throw new AppException(ErrorCode.PAIRING_ALREADY_ENDED);
      await this.repo.endPairings(m, [id], { at: this.clock.now(), by: principal.accountId, reason: 'unpaired' });
      await this.inbox.complete(m, pairing.memberId, ['pairing.contact_due']);
      await this.audit.record(
        {
          action: 'pairing.ended',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'member',
          targetId: pairing.memberId,
          orgPath: pairing.branchPath,
          details: { reasonGiven: dto.reason !== undefined },
        },
        m,
      );
    });
    return this.pairingView((await this.repo.findPairing(id))!, chinaDate(this.clock.now()));
  }

  // ── the committee member ───────────────────────────────────────────────

  async mine(principal: Principal): Promise<MyPairedMember[]> {
    const scope = await this.scopes.forPrincipal(principal);
    if (actingPaths(scope, new Set<Role>(PAIRABLE_ROLES)).length === 0)
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部委员可以查看结对党员');
    const today = chinaDate(this.clock.now());
    const rows = await this.repo.findMine(principal.accountId);
    return rows.map((r) => {
      const due = r.nextDueOn!;
      const overdue = contactOverdue(due, today);
      return {
        pairingId: r.id,
        memberId: r.memberId,
        memberName: this.pii.decrypt(r.memberNameCipher),
        branchId: r.branchId,
        branchName: r.branchName,
        since: r.since.toISOString(),
        abroad: r.abroad,
        lastContactAt: r.lastContactAt?.toISOString() ?? null,
        nextDueOn: due,
        overdue,
        daysOverdue: overdue ? daysBetweenDays(due, today) : 0,
      };
    });
  }

  // ── one member ─────────────────────────────────────────────────────────

  async memberView(principal: Principal, memberId: string): Promise<MemberPairingView> {
    const access = await this.access(principal, memberId);
    const today = chinaDate(this.clock.now());
    const history = await this.repo.findMemberHistory(memberId);
    const current = history.find((p) => p.endedAt === null) ?? null;
    return {
      memberId,
      memberName: this.pii.decrypt(access.member.nameCipher),
      branchId: access.member.branchId,
      current: current ? this.pairingView(current, today) : null,
      past: history.filter((p) => p.endedAt !== null).map((p) => this.pairingView(p, today)),
      canLog: access.manage || access.paired,
    };
  }

  async contacts(
    principal: Principal,
    memberId: string,
    query: PairingPageQueryDto,
  ): Promise<Paginated<ContactLogEntry>> {
    const access = await this.access(principal, memberId);
    if (!access.manage && !access.paired) throw new AppException(ErrorCode.PAIRING_NOT_PAIRED);
    const limit = query.limit ?? PAIRING_PAGE_DEFAULT;
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { at, id };
    }
    const rows = await this.repo.findContacts(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = page.map((r) => this.contactView(r));
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  /**
   * A contact logged by the member's committee member or the secretary. A
   * reached contact moves the pairing's due day, closes the overdue to-do
   * and ends an open lost-contact proposal, all in one transaction with the
   * entry; an attempt that failed is kept as evidence and changes nothing else.
   */
  async logContact(principal: Principal, memberId: string, dto: LogContactDto): Promise<ContactLogEntry> {
    const access = await this.access(principal, memberId);
    if (!access.manage && !access.paired) throw new AppException(ErrorCode.PAIRING_NOT_PAIRED);
    const now = this.clock.now();
    const contactedAt = new Date(dto.contactedAt);
    if (
      contactedAt.getTime() > now.getTime() + CLOCK_SLACK_MS ||
      contactedAt.getTime() < now.getTime() - CONTACT_BACKDATE_MAX_DAYS * 86_400_000
    )
      throw new AppException(ErrorCode.CONTACT_TIME_INVALID);
    const contactDay = chinaDate(contactedAt);
    if (
      dto.nextContactOn &&
      (dto.nextContactOn <= contactDay ||
        daysBetweenDays(chinaDate(now), dto.nextContactOn) > CONTACT_PLAN_AHEAD_MAX_DAYS)
    )
      throw new AppException(ErrorCode.CONTACT_NEXT_DATE_INVALID);
    const reached = dto.reached ?? true;
    const rules = await this.rulesAt(access.member.branchPath);
    const id = await this.repo.transaction(async (m) => {
      const live = access.live ? await this.repo.lockDueInputs(m, access.live.id) : null;
      // Re-paired or unpaired since the check: a committee member no longer paired may not log.
      if (!access.manage && (!live || live.endedAt || live.committeeAccountId !== principal.accountId))
        throw new AppException(ErrorCode.PAIRING_NOT_PAIRED);
      const pairing = live && !live.endedAt ? live : null;
      const contactId = await this.repo.insertContact(m, {
        memberId,
        pairingId: pairing?.id ?? null,
        branchId: access.member.branchId,
        accountId: principal.accountId,
        method: dto.method,
        reached,
        contactedAt,
        noteCipher: this.pii.encryptOptional(dto.note),
        nextContactOn: dto.nextContactOn ?? null,
      });
      if (reached) {
        if (pairing) {
          const newest = !pairing.lastContactAt || contactedAt >= pairing.lastContactAt;
          const inputs = {
            abroad: pairing.abroad,
            since: pairing.since,
            lastContactAt: newest ? contactedAt : pairing.lastContactAt,
            plannedNextOn: newest ? (dto.nextContactOn ?? null) : pairing.plannedNextOn,
          };
          await this.repo.setDue(m, pairing.id, { ...inputs, nextDueOn: dueDayOf(inputs, rules) });
          await this.inbox.complete(m, memberId, ['pairing.contact_due']);
        }
        if (await this.repo.resolveOpenProposal(m, memberId, now, principal.accountId))
          await this.inbox.complete(m, memberId, ['pairing.lost_proposed']);
      }
      return contactId;
    });
    return this.contactView((await this.repo.findContact(id))!);
  }

  // ── rules ──────────────────────────────────────────────────────────────

  async rules(principal: Principal, orgId: string): Promise<PairingRulesView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, orgId);
    return this.rulesView(scope, org);
  }

  /** Sets the org's own rules; its live pairings' due days are recomputed by a job sent in the same transaction. */
  async setRules(principal: Principal, orgId: string, dto: SetPairingRulesDto): Promise<PairingRulesView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, orgId);
    if (!actsFor(scope, org.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以设置结对联系规则');
    const rules: PairingRules = {
      contactMonths: dto.contactMonths,
      abroadContactMonths: dto.abroadContactMonths,
      lostAfterDays: dto.lostAfterDays,
      dismissQuietDays: dto.dismissQuietDays,
    };
    await this.repo.transaction(async (m) => {
      await this.repo.upsertRules(m, org, rules, principal.accountId, this.clock.now());
      await this.jobs.send(RECOMPUTE_JOB, { orgId: org.id }, {}, m);
      await this.audit.record(
        {
          action: 'pairing.rules_set',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'org',
          targetId: org.id,
          orgPath: org.path,
          details: { ...rules },
        },
        m,
      );
    });
    this.jobs.wake(RECOMPUTE_JOB);
    return this.rulesView(scope, org);
  }

  /** The rules in force for a branch path (its own, or its nearest ancestor's, or the defaults). */
  async rulesAt(path: string): Promise<PairingRules> {
    return effectiveRules(path, await this.repo.findRulesOn(pathsUpTo(path)));
  }

  // ── shared pieces ──────────────────────────────────────────────────────

  /** Inside the caller's transaction: pair the members (same branch) with the committee member, ending others' pairings. */
  private async pairWithin(
    m: EntityManager,
    principal: Principal,
    input: { branchId: string; committeeAccountId: string; memberIds: string[] },
    now: Date,
    options: { abroad?: boolean },
  ): Promise<void> {
    if (input.memberIds.length === 0) return;
    const live = await this.repo.lockLivePairings(m, input.memberIds);
    const kept = live.filter((l) => l.committeeAccountId === input.committeeAccountId);
    const replaced = live.filter((l) => l.committeeAccountId !== input.committeeAccountId);
    await this.repo.endPairings(
      m,
      replaced.map((r) => r.id),
      { at: now, by: principal.accountId, reason: 'repaired' },
    );
    await this.inbox.completeMany(
      m,
      replaced.map((r) => r.memberId),
      ['pairing.contact_due'],
    );
    const branch = await this.orgs.findById(input.branchId);
    const rules = await this.rulesAt(branch!.path);
    if (options.abroad !== undefined) {
      for (const k of kept) {
        const row = await this.repo.lockDueInputs(m, k.id);
        if (!row || row.abroad === options.abroad) continue;
        const inputs = { ...row, abroad: options.abroad };
        const next = dueDayOf(inputs, rules);
        await this.repo.setDue(m, k.id, { ...inputs, nextDueOn: next });
        if (next !== row.nextDueOn) await this.inbox.complete(m, k.memberId, ['pairing.contact_due']);
      }
    }
    const keptIds = new Set(kept.map((k) => k.memberId));
    const abroad = options.abroad ?? false;
    const nextDueOn = dueDayOf({ since: now, lastContactAt: null, plannedNextOn: null, abroad }, rules);
    await this.repo.insertPairings(
      m,
      input.memberIds
        .filter((id) => !keptIds.has(id))
        .map((memberId) => ({ memberId, branchId: input.branchId, nextDueOn })),
      { committeeAccountId: input.committeeAccountId, since: now, by: principal.accountId, abroad },
    );
  }

  /** A branch the caller acts for (managers only when `manage`); 404 outside, 403 for a committee member when managing. */
  private async branchFor(principal: Principal, branchId: string, manage: boolean): Promise<Org> {
    const scope = await this.scopes.forPrincipal(principal);
    const branch = await this.orgs.findById(branchId);
    if (!branch || !actsFor(scope, branch.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党支部');
    if (manage && !actsFor(scope, branch.path, MANAGE_ROLES)) throw this.notManager();
    if (branch.level !== 'branch') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '结对联系在党支部内安排');
    return branch;
  }

  private async pairingForManager(principal: Principal, id: string): Promise<PairingRow & { branchPath: string }> {
    const scope = await this.scopes.forPrincipal(principal);
    const pairing = await this.repo.findPairing(id);
    if (!pairing || !actsFor(scope, pairing.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个结对');
    if (!actsFor(scope, pairing.branchPath, MANAGE_ROLES)) throw this.notManager();
    return pairing;
  }

  /** The sending side's access to one member; anyone else is told the member does not exist. */
  private async access(principal: Principal, memberId: string): Promise<MemberAccess> {
    const scope = await this.scopes.forPrincipal(principal);
    const member = await this.repo.findMember(memberId);
    if (!member || !actsFor(scope, member.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    const manage = actsFor(scope, member.branchPath, MANAGE_ROLES);
    const live = await this.repo.findLivePairing(memberId);
    const paired =
      live !== null &&
      live.committeeAccountId === principal.accountId &&
      live.branchId === member.branchId &&
      (await this.accounts.holdsRoleAt(principal.accountId, [...PAIRABLE_ROLES], member.branchId));
    return { member, manage, live, paired };
  }

  private async rulesView(scope: Scope, org: Org): Promise<PairingRulesView> {
    const own = await this.repo.findRulesOn(pathsUpTo(org.path));
    const source = own
      .filter((r) => org.path.startsWith(r.orgPath))
      .sort((a, b) => b.orgPath.length - a.orgPath.length)[0];
    return {
      orgId: org.id,
      rules: effectiveRules(org.path, own),
      source: source ? { orgId: source.orgId, orgName: source.orgName } : null,
      editable: actsFor(scope, org.path, MANAGE_ROLES),
    };
  }

  pairingView(p: PairingRow, today: string): PairingView {
    const live = p.endedAt === null;
    return {
      id: p.id,
      memberId: p.memberId,
      memberName: this.pii.decrypt(p.memberNameCipher),
      branchId: p.branchId,
      committeeAccountId: p.committeeAccountId,
      committeeName: p.committeeName,
      since: p.since.toISOString(),
      abroad: p.abroad,
      lastContactAt: p.lastContactAt?.toISOString() ?? null,
      nextDueOn: live ? p.nextDueOn : null,
      overdue: live && p.nextDueOn !== null && contactOverdue(p.nextDueOn, today),
      endedAt: p.endedAt?.toISOString() ?? null,
      endReason: p.endReason,
    };
  }

  private contactView(r: ContactRow): ContactLogEntry {
    return {
      id: r.id,
      memberId: r.memberId,
      method: r.method,
      reached: r.reached,
      contactedAt: r.contactedAt.toISOString(),
      note: this.pii.decryptOptional(r.noteCipher),
      nextContactOn: r.nextContactOn,
      byAccountId: r.accountId,
      byName: r.byName,
      createdAt: r.createdAt.toISOString(),
    };
  }

  proposalView(r: ProposalRow): LostProposalView {
    return {
      id: r.id,
      memberId: r.memberId,
      memberName: this.pii.decrypt(r.memberNameCipher),
      branchId: r.branchId,
      branchName: r.branchName,
      flowId: r.flowId,
      status: r.status,
      lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
      silentDays: r.silentDays,
      failedAttempts: r.failedAttempts,
      proposedAt: r.proposedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    };
  }

  private notManager(): AppException {
    return new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以安排结对联系');
  }
}
