import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  expectedByNow,
  type MyStudyPlan,
  type PairedBehindMember,
  type PairingsView,
  type Role,
  type StudyCompletionRow,
  type StudyCompletionView,
  type StudyPlanRule,
} from '@pioneer/shared';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES, actingPaths, actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { ChooseElectivesDto, SetPairingsDto, SetStudyPlanDto, StudyPlansQueryDto } from './dto/study.dto.js';
import { STUDY_AUTHOR_ROLES } from './study-packs.service.js';
import { studyYear, yearBounds, yearShare } from './study-time.js';
import { PairingService } from '../pairing/pairing.service.js';
import { StudyRepository, type CompletionCounts, type PlanRuleRow, type PlanYear } from './study.repository.js';

/** Who may be paired with members: the branch's committee members, and its secretary. */
const PAIRABLE_ROLES: Role[] = ['branch_committee', 'branch_secretary'];

/** The org's own path and every ancestor's, root first: `/a/b/` → `/a/`, `/a/b/`. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

export function planYear(year: number, at: Date): PlanYear {
  return { year, ...yearBounds(year), share: yearShare(year, at) };
}

function hoursOf(seconds: number): number {
  return Math.round(seconds / 360) / 10;
}

function ruleView(r: PlanRuleRow): StudyPlanRule {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    requiredHours: r.requiredHours,
    requiredActivities: r.requiredActivities,
    electives: r.electives,
  };
}

function completionRow(orgId: string, orgName: string, c: Omit<CompletionCounts, 'childId'>): StudyCompletionRow {
  return {
    orgId,
    orgName,
    members: c.members,
    onTrack: c.onTrack,
    behind: c.behind,
    rate: c.members === 0 ? 0 : Math.round((c.onTrack / c.members) * 1000) / 1000,
  };
}

/**
 * Yearly study plans (自主选学) and oversight. An org admin sets the rule for
 * an org and year; a member follows the nearest ancestor's rule. Progress is
 * credited study time (hours) and attended activities (check-ins, 返乡补学
 * included); a member is behind when either is below the pro-rata share of
 * the year by now. Oversight shows counts per org, never a ranking of people;
 * a committee member sees only the members paired with them who are behind.
 */
@Injectable()
export class StudyPlansService {
  constructor(
    private readonly repo: StudyRepository,
    private readonly orgs: OrgsService,
    private readonly accounts: AccountsService,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
    private readonly pairings: PairingService,
  ) {}

  async setPlan(principal: Principal, dto: SetStudyPlanDto): Promise<StudyPlanRule> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, dto.orgId);
    if (!actsFor(scope, org.path, STUDY_AUTHOR_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有组织部门管理员可以设置年度学习计划');
    await this.repo.upsertPlan({
      orgId: org.id,
      orgPath: org.path,
      year: dto.year,
      requiredHours: dto.requiredHours,
      requiredActivities: dto.requiredActivities,
      electives: dto.electives,
      setBy: principal.accountId,
      at: this.clock.now(),
    });
    await this.audit.record({
      action: 'study.plan_set',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'org',
      targetId: org.id,
      orgPath: org.path,
      details: {
        year: dto.year,
        requiredHours: dto.requiredHours,
        requiredActivities: dto.requiredActivities,
        electives: dto.electives,
      },
    });
    const [rule] = await this.repo.findPlansAt([org.path], dto.year);
    return ruleView(rule);
  }

  /** The rules of the year at the org and above it, root first: the last one is what the org's members follow. */
  async plans(principal: Principal, query: StudyPlansQueryDto): Promise<StudyPlanRule[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, query.orgId);
    const rules = await this.repo.findPlansAt(ancestorPaths(org.path), query.year);
    return rules.map(ruleView);
  }

  async myPlan(principal: Principal): Promise<MyStudyPlan> {
    const memberId = this.memberOf(principal);
    const now = this.clock.now();
    const year = studyYear(now);
    const placement = await this.repo.findMemberPlacement(memberId);
    if (!placement) throw new AppException(ErrorCode.NOT_FOUND, '找不到您的党员信息');
    const rules = await this.repo.findPlansAt(ancestorPaths(placement.branchPath), year);
    const rule = rules.length > 0 ? rules[rules.length - 1] : null;
    const [progress, electives] = await Promise.all([
      this.repo.findMemberProgress(memberId, planYear(year, now)),
      this.repo.findElectives(memberId, year),
    ]);
    return {
      year,
      rule: rule ? ruleView(rule) : null,
      hours: hoursOf(progress.seconds),
      activities: progress.activities,
      electivesChosen: electives,
      expectedHoursByNow: rule ? expectedByNow(rule.requiredHours, year, now) : 0,
      behind: progress.behind,
    };
  }

  /** The member's electives for this year become exactly `packIds`: packs delivered to them, no more than the plan asks. */
  async chooseElectives(principal: Principal, dto: ChooseElectivesDto): Promise<MyStudyPlan> {
    const memberId = this.memberOf(principal);
    const now = this.clock.now();
    const year = studyYear(now);
    const packIds = [...new Set(dto.packIds)];
    const readable = await this.repo.findReadablePackIds(memberId, packIds);
    if (readable.length !== packIds.length) throw new AppException(ErrorCode.NOT_FOUND, '找不到所选的学习礼包');
    const placement = await this.repo.findMemberPlacement(memberId);
    const rules = placement ? await this.repo.findPlansAt(ancestorPaths(placement.branchPath), year) : [];
    const allowed = rules.length > 0 ? rules[rules.length - 1].electives : 0;
    if (packIds.length > allowed)
      throw new AppException(ErrorCode.STUDY_ELECTIVES_TOO_MANY, `今年的学习计划要求自主选学 ${allowed} 个学习礼包`, {
        allowed,
      });
    await this.repo.replaceElectives(memberId, year, packIds, now);
    return this.myPlan(principal);
  }

  /** Completion for an org and each org directly under it: counts only, for staff acting for the org. */
  async completion(principal: Principal, orgId: string, year?: number): Promise<StudyCompletionView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, orgId);
    if (!actsFor(scope, org.path))
      throw new AppException(ErrorCode.FORBIDDEN, '学习完成情况只向本组织的书记、委员和组织部门管理员显示');
    const now = this.clock.now();
    const y = year ?? studyYear(now);
    const [counts, children] = await Promise.all([
      this.repo.findCompletion(org, planYear(y, now)),
      this.repo.findChildOrgs(org.id),
    ]);
    const zero = { members: 0, onTrack: 0, behind: 0 };
    const total = counts.reduce(
      (acc, c) => ({
        members: acc.members + c.members,
        onTrack: acc.onTrack + c.onTrack,
        behind: acc.behind + c.behind,
      }),
      zero,
    );
    return {
      orgId: org.id,
      year: y,
      total: completionRow(org.id, org.name, total),
      children: children.map((c) => completionRow(c.id, c.name, counts.find((k) => k.childId === c.id) ?? zero)),
    };
  }

  /** For a committee member: the members paired with them, in branches they still serve, who are behind plan. */
  async pairedBehind(principal: Principal): Promise<PairedBehindMember[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const paths = actingPaths(scope);
    if (paths.length === 0) throw new AppException(ErrorCode.FORBIDDEN, '只有支部委员可以查看结对党员的学习情况');
    const now = this.clock.now();
    const year = studyYear(now);
    const rows = await this.repo.findPairedBehind(principal.accountId, paths, planYear(year, now));
    return rows.map((r) => ({
      memberId: r.memberId,
      name: this.pii.decrypt(r.nameCipher),
      branchName: r.branchName,
      hours: hoursOf(r.seconds),
      expectedHoursByNow: expectedByNow(r.requiredHours, year, now),
      activities: r.activities,
      requiredActivities: r.requiredActivities,
    }));
  }

  /** A branch secretary (or an org admin above) pairs a committee member of the branch with members of the branch. */
  async setPairings(principal: Principal, dto: SetPairingsDto): Promise<PairingsView> {
    const scope = await this.scopes.forPrincipal(principal);
    const branch = await this.orgs.getVisible(scope, dto.branchId);
    if (!actsFor(scope, branch.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以安排结对联系');
    if (branch.level !== 'branch') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '结对联系在党支部内安排');
    if (!(await this.accounts.holdsRoleAt(dto.committeeAccountId, PAIRABLE_ROLES, branch.id)))
      throw new AppException(ErrorCode.PAIRING_NOT_COMMITTEE);
    const memberIds = [...new Set(dto.memberIds)];
    const inBranch = await this.repo.findMembersOfBranch(branch.id, memberIds);
    if (inBranch.length !== memberIds.length) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    const paired = await this.pairings.replaceForCommittee(principal, {
      branchId: branch.id,
      committeeAccountId: dto.committeeAccountId,
      memberIds,
    });
    await this.audit.record({
      action: 'study.pairings_set',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'account',
      targetId: dto.committeeAccountId,
      orgPath: branch.path,
      details: { members: paired.length },
    });
    return { branchId: branch.id, committeeAccountId: dto.committeeAccountId, memberIds: paired };
  }

  private memberOf(principal: Principal): string {
    if (!principal.memberId) throw new AppException(ErrorCode.NOT_FOUND, '您还没有绑定党员信息，请先在“我的”页面绑定');
    return principal.memberId;
  }
}
