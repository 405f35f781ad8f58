import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PENDING_REQUESTS_MAX,
  nextRequestStatus,
  type Paginated,
  type RequestAction,
  type VolunteerRequestView,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { CreateVolunteerRequestDto, DeclineRequestDto, PageQueryDto } from './dto/volunteer.dto.js';
import { afterCursor, page, SkillCardsService } from './skill-cards.service.js';
import { REQUEST_FOR_ORG_ROLES } from './volunteer-access.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository, type RequestRow } from './volunteer.repository.js';

/**
 * Requests to a card, from a resident (any WeChat account) or from
 * community staff for their community. The member gets a to-do in the
 * inbox and accepts (which makes the service) or declines. The requester
 * never learns more of the member than the masked name on the card.
 */
@Injectable()
export class VolunteerRequestsService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly views: VolunteerViews,
    private readonly cards: SkillCardsService,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateVolunteerRequestDto): Promise<VolunteerRequestView> {
    const card = await this.cards.visibleCard(principal, dto.cardId);
    if (card.memberId === principal.memberId) throw new AppException(ErrorCode.VOLUNTEER_REQUEST_SELF);
    let orgId: string | null = null;
    if (dto.onBehalfOfOrgId) {
      const scope = await this.scopes.forPrincipal(principal);
      const org = await this.orgs.findById(dto.onBehalfOfOrgId);
      if (!org || !actsFor(scope, org.path, REQUEST_FOR_ORG_ROLES))
        throw new AppException(ErrorCode.NOT_FOUND, '找不到这个社区或党组织');
      orgId = org.id;
    }
    if ((await this.repo.countPendingRequests(principal.accountId)) >= PENDING_REQUESTS_MAX)
      throw new AppException(ErrorCode.VOLUNTEER_REQUEST_LIMIT);
    const id = await this.repo.transaction(async (m) => {
      let requestId: string;
      try {
        requestId = await this.repo.insertRequest(m, {
          cardId: card.id,
          memberId: card.memberId,
          requesterAccountId: principal.accountId,
          requesterOrgId: orgId,
          message: dto.message,
          place: dto.place,
          preferredTime: dto.preferredTime ?? null,
        });
      } catch (error) {
        if ((error as { code?: string }).code === '23505')
          throw new AppException(ErrorCode.VOLUNTEER_REQUEST_STATE, '您已向这张技能卡发出请求，请等待对方回复');
        throw error;
      }
      await this.inbox.send(m, [
        {
          to: { memberId: card.memberId },
          category: 'todo',
          kind: 'volunteer.request',
          title: '有人请您提供志愿服务',
          body: `${dto.message.slice(0, 60)}（地点：${dto.place}）`,
          subject: { type: 'volunteer_request', id: requestId },
        },
      ]);
      return requestId;
    });
    return this.view(principal, id);
  }

  async view(principal: Principal, id: string): Promise<VolunteerRequestView> {
    const { row, role } = await this.visible(principal, id);
    await this.views.skillsReady();
    return this.views.request(row, role);
  }

  async sent(principal: Principal, query: PageQueryDto): Promise<Paginated<VolunteerRequestView>> {
    const limit = query.limit ?? 20;
    const rows = await this.repo.requestsByRequester(principal.accountId, afterCursor(query.cursor), limit + 1);
    await this.views.skillsReady();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.request(r, 'requester'),
    );
  }

  async received(principal: Principal, query: PageQueryDto): Promise<Paginated<VolunteerRequestView>> {
    if (!principal.memberId) return { items: [] };
    const limit = query.limit ?? 20;
    const rows = await this.repo.requestsForMember(principal.memberId, afterCursor(query.cursor), limit + 1);
    await this.views.skillsReady();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.request(r, 'member'),
    );
  }

  /** The member accepts: the request becomes a service, in the same transaction. */
  accept(principal: Principal, id: string): Promise<VolunteerRequestView> {
    return this.decide(principal, id, 'accept', null, async (m, row) => {
      const card = await this.repo.findCard(row.cardId, m);
      await this.repo.insertService(m, {
        origin: 'request',
        requestId: row.id,
        needId: null,
        cardId: row.cardId,
        memberId: row.memberId,
        skillCode: card!.skillCodes[0],
        title: `上门服务：${row.message.slice(0, 30)}`,
        place: row.place,
        startsAt: null,
        recipientAccountId: row.requesterAccountId,
        recipientOrgId: row.requesterOrgId,
        recipientOrgPath: null,
      });
    });
  }

  decline(principal: Principal, id: string, dto: DeclineRequestDto): Promise<VolunteerRequestView> {
    return this.decide(principal, id, 'decline', dto.reason || null);
  }

  withdraw(principal: Principal, id: string): Promise<VolunteerRequestView> {
    return this.decide(principal, id, 'withdraw', null);
  }

  private async decide(
    principal: Principal,
    id: string,
    action: RequestAction,
    reason: string | null,
    then?: (m: EntityManager, row: RequestRow) => Promise<void>,
  ): Promise<VolunteerRequestView> {
    const { row, role } = await this.visible(principal, id);
    const actor = action === 'withdraw' ? 'requester' : 'member';
    if (role !== actor)
      throw new AppException(
        ErrorCode.FORBIDDEN,
        actor === 'member' ? '只有被请求的党员可以接受或婉拒' : '只有发出请求的人可以撤回',
      );
    await this.repo.transaction(async (m) => {
      const status = await this.repo.lockRequest(m, id);
      const next = status ? nextRequestStatus(status, action) : null;
      if (!next) throw new AppException(ErrorCode.VOLUNTEER_REQUEST_STATE);
      await this.repo.setRequestStatus(m, id, next, this.clock.now(), reason);
      await this.inbox.complete(m, id, ['volunteer.request']);
      if (then) await then(m, row);
      if (action !== 'withdraw' && row.requesterOrgId) {
        await this.inbox.send(m, [
          {
            to: { orgId: row.requesterOrgId },
            category: 'notice',
            kind: 'volunteer.request_decided',
            title: action === 'accept' ? '志愿服务请求已被接受' : '志愿服务请求已被婉拒',
            body: row.message.slice(0, 60),
            subject: { type: 'volunteer_request', id },
          },
        ]);
      }
    });
    return this.view(principal, id);
  }

  /** The request, for the requester or the member asked; anyone else finds nothing. */
  private async visible(principal: Principal, id: string): Promise<{ row: RequestRow; role: 'requester' | 'member' }> {
    const row = await this.repo.findRequest(id);
    if (row && row.requesterAccountId === principal.accountId) return { row, role: 'requester' };
    if (row && principal.memberId && row.memberId === principal.memberId) return { row, role: 'member' };
    throw new AppException(ErrorCode.NOT_FOUND, '找不到这条服务请求');
  }
}
