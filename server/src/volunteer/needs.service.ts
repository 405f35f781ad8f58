import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MATCH_POINTS,
  NEED_MAX_HOURS,
  matchReasonLabel,
  matchScore,
  windowParts,
  type NeedMatchView,
  type NeedView,
  type Paginated,
  type ServiceView,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { BoardQueryDto, CreateNeedDto, InviteDto, ListNeedsQueryDto } from './dto/volunteer.dto.js';
import { afterCursor, page, requireMember, SkillCardsService } from './skill-cards.service.js';
import { NEED_ORG_LEVELS, NEED_ROLES } from './volunteer-access.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository, type NeedRow } from './volunteer.repository.js';

/** How many cards matching considers before ranking, and how many it suggests. */
const MATCH_CANDIDATES = 300;
const MATCH_SUGGESTIONS = 20;

/**
 * Needs (服务需求) a community or a branch posts, the members matching
 * suggests for them, and sign-ups: each sign-up takes one seat in the same
 * transaction that makes its service, so the headcount holds however many
 * members press the button at once.
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly views: VolunteerViews,
    private readonly cards: SkillCardsService,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateNeedDto): Promise<NeedView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(dto.orgId);
    if (!org || !actsFor(scope, org.path, NEED_ROLES))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这个社区或党组织');
    if (!NEED_ORG_LEVELS.has(org.level))
      throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '服务需求须由街道、社区（村）或党组织发布');
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const problems = [];
    if (endsAt <= startsAt) problems.push({ path: 'endsAt', problem: 'endsAt must be after startsAt' });
    if (endsAt.getTime() - startsAt.getTime() > NEED_MAX_HOURS * 3_600_000)
      problems.push({ path: 'endsAt', problem: `a need lasts at most ${NEED_MAX_HOURS} hours` });
    if (endsAt <= this.clock.now()) problems.push({ path: 'endsAt', problem: 'endsAt must be in the future' });
    if (problems.length > 0) throw new AppException(ErrorCode.VALIDATION_FAILED, '服务时间不正确', problems);
    const skill = (await this.repo.findSkills([dto.skillCode]))[0];
    if (!skill || skill.disabledAt) throw new AppException(ErrorCode.SKILL_UNKNOWN);
    const id = await this.repo.insertNeed({
      orgId: org.id,
      orgPath: org.path,
      postedBy: principal.accountId,
      skillCode: dto.skillCode,
      title: dto.title,
      place: dto.place,
      startsAt,
      endsAt,
      headcount: dto.headcount,
      description: dto.description || null,
    });
    return this.view(principal, id);
  }

  async view(principal: Principal, id: string): Promise<NeedView> {
    const row = await this.need(id);
    const scope = await this.scopes.forPrincipal(principal);
    const mine = principal.memberId ? await this.repo.liveServiceForNeed(id, principal.memberId) : null;
    return this.views.need(row, this.clock.now(), mine, actsFor(scope, row.orgPath, NEED_ROLES));
  }

  /** Staff: needs posted in the org's subtree. */
  async list(principal: Principal, query: ListNeedsQueryDto): Promise<Paginated<NeedView>> {
    const org = await this.staffOrg(principal, query.orgId);
    const limit = query.limit ?? 20;
    const rows = await this.repo.needsInSubtrees([org.path], afterCursor(query.cursor), limit + 1);
    const now = this.clock.now();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.need(r, now, null, true),
    );
  }

  /** Anyone signed in: needs of an area that have not ended. */
  async board(principal: Principal, query: BoardQueryDto): Promise<Paginated<NeedView>> {
    const area = await this.orgs.findById(query.areaId);
    if (!area) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个社区');
    const scope = await this.scopes.forPrincipal(principal);
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const rows = await this.repo.boardNeeds(area.path, query.skill, now, afterCursor(query.cursor), limit + 1);
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.need(r, now, null, actsFor(scope, r.orgPath, NEED_ROLES)),
    );
  }

  async cancel(principal: Principal, id: string): Promise<NeedView> {
    const row = await this.managedNeed(principal, id);
    await this.repo.transaction(async (m) => {
      await this.repo.cancelNeed(m, id, this.clock.now());
      const services = await this.repo.servicesOfNeed(id, m);
      const live = services.filter((s) => s.status === 'scheduled');
      for (const s of live) await this.repo.cancelService(m, s.id, this.clock.now());
      if (live.length > 0)
        await this.inbox.sendToMembers(
          m,
          live.map((s) => s.memberId),
          {
            category: 'notice',
            kind: 'volunteer.signup',
            title: '您报名的志愿服务已取消',
            body: `${row.orgName}：${row.title}`,
            subject: { type: 'volunteer_need', id },
          },
        );
    });
    return this.view(principal, id);
  }

  /**
   * Members to suggest: active cards offering the skill in the need's street
   * (乡镇/街道), ranked by `matchScore` with its reasons spelled out.
   */
  async matches(principal: Principal, id: string): Promise<NeedMatchView[]> {
    const need = await this.managedNeed(principal, id);
    const nearby = await this.nearbyArea(need);
    const [candidates, signedUp] = await Promise.all([
      this.repo.matchCandidates(need.skillCode, nearby, MATCH_CANDIDATES),
      this.repo.membersSignedUp(id),
    ]);
    await this.views.skillsReady();
    const parts = windowParts(need.startsAt, need.endsAt);
    const matchNeed = {
      skillCode: need.skillCode,
      skillLabel: need.skillLabel,
      orgPath: need.orgPath,
      nearbyPath: nearby,
      startsAt: need.startsAt,
      endsAt: need.endsAt,
    };
    return candidates
      .map((c) => {
        const availability = this.views.availability(c);
        const { score, reasons } = matchScore(matchNeed, {
          skillCodes: c.skillCodes,
          areaPath: c.areaPath,
          availability,
          servicesConfirmed: c.servicesConfirmed,
          ratingAverage: c.ratingAverage,
        });
        const ctx = {
          skillLabel: need.skillLabel,
          days: parts.days.filter((d) => availability.days.includes(d)),
          slots: parts.slots.filter((s) => availability.slots.includes(s)),
        };
        return {
          cardId: c.id,
          memberName: this.views.memberName(c.memberNameCipher, true),
          skills: this.views.skillRefs(c.skillCodes),
          areaName: c.areaName,
          availability,
          score,
          reasons: reasons.map((code) => ({
            code,
            label: matchReasonLabel(code, ctx),
            points: MATCH_POINTS[code],
          })),
          signedUp: signedUp.has(c.memberId),
          updatedAt: c.updatedAt.getTime(),
        };
      })
      .sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt)
      .slice(0, MATCH_SUGGESTIONS)
      .map(({ updatedAt: _, ...view }) => view);
  }

  /** Staff invite a suggested member: a notice in the member's inbox, nothing more (they sign up themselves). */
  async invite(principal: Principal, id: string, dto: InviteDto): Promise<{ invited: true }> {
    const need = await this.managedNeed(principal, id);
    if (this.views.needStatus(need, this.clock.now()) !== 'open') throw new AppException(ErrorCode.NEED_STATE);
    const card = await this.cards.visibleCard(principal, dto.cardId);
    await this.repo.transaction(async (m) => {
      await this.inbox.send(m, [
        {
          to: { memberId: card.memberId },
          category: 'notice',
          kind: 'volunteer.invite',
          title: `${need.orgName}邀请您参加志愿服务`,
          body: `${need.title}（${need.place}）`,
          subject: { type: 'volunteer_need', id },
        },
      ]);
    });
    return { invited: true };
  }

  /** A member signs up: one seat and one service, or NEED_FULL. */
  async signup(principal: Principal, id: string): Promise<ServiceView> {
    const memberId = requireMember(principal);
    const need = await this.need(id);
    if (await this.repo.liveServiceForNeed(id, memberId)) throw new AppException(ErrorCode.NEED_ALREADY_SIGNED_UP);
    const serviceId = await this.repo.transaction(async (m) => {
      if (!(await this.repo.takeSeat(m, id, this.clock.now()))) {
        const now = await this.repo.findNeed(id, m);
        throw new AppException(
          now && this.views.needStatus(now, this.clock.now()) === 'full' ? ErrorCode.NEED_FULL : ErrorCode.NEED_STATE,
        );
      }
      let created: string;
      try {
        created = await this.repo.insertService(m, {
          origin: 'need',
          requestId: null,
          needId: id,
          cardId: null,
          memberId,
          skillCode: need.skillCode,
          title: need.title,
          place: need.place,
          startsAt: need.startsAt,
          recipientAccountId: null,
          recipientOrgId: need.orgId,
          recipientOrgPath: need.orgPath,
        });
      } catch (error) {
        // A second sign-up racing the first: the unique index refuses it, and the seat goes back with the rollback.
        if ((error as { code?: string }).code === '23505') throw new AppException(ErrorCode.NEED_ALREADY_SIGNED_UP);
        throw error;
      }
      await this.inbox.send(m, [
        {
          to: { orgId: need.orgId },
          category: 'notice',
          kind: 'volunteer.signup',
          title: '有党员报名了志愿服务',
          body: need.title,
          subject: { type: 'volunteer_need', id },
        },
      ]);
      return created;
    });
    const row = await this.repo.findService(serviceId);
    await this.views.skillsReady();
    return this.views.service(row!, 'member');
  }

  /** Staff: who signed up, and how far each service got. */
  async services(principal: Principal, id: string): Promise<ServiceView[]> {
    await this.managedNeed(principal, id);
    await this.views.skillsReady();
    return (await this.repo.servicesOfNeed(id)).map((s) => this.views.service(s, 'recipient'));
  }

  private async need(id: string): Promise<NeedRow> {
    const row = await this.repo.findNeed(id);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '找不到这项服务需求');
    return row;
  }

  /** A need of an org the caller posts needs for; to anyone else it is there (on the board) but not theirs. */
  private async managedNeed(principal: Principal, id: string): Promise<NeedRow> {
    const row = await this.need(id);
    const scope = await this.scopes.forPrincipal(principal);
    if (!actsFor(scope, row.orgPath, NEED_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有发布需求的社区或党组织可以办理');
    return row;
  }

  private async staffOrg(principal: Principal, orgId: string): Promise<Org> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (!org || !actsFor(scope, org.path, NEED_ROLES))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这个社区或党组织');
    return org;
  }

  /** The street (乡镇/街道) the need's org lies in, or the org itself when it is a street or above. */
  private async nearbyArea(need: NeedRow): Promise<string> {
    const org = await this.orgs.findById(need.orgId);
    const trail = await this.orgs.trail(org!);
    const township = trail.find((o) => o.level === 'township');
    return township?.path ?? need.orgPath;
  }
}
