import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  FLOW_STATUS_LABELS,
  HOME_FOR_HOLIDAYS_PAGE_DEFAULT,
  HOME_FOR_HOLIDAYS_WINDOW_DAYS,
  HOME_STAY_MAX_DAYS,
  HOME_STAY_OCCASION_LABELS,
  HOME_STAY_RULE,
  decideHomeStay,
  maskPhone,
  type FlowActor,
  type HomeForHolidaysItem,
  type HomeStayView,
  type Paginated,
  type RecordReturnResult,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import { WechatOutboxService } from '../notifications/wechat-outbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { addDays, beijingDate } from './beijing-date.js';
import type { HomeForHolidaysQueryDto, RecordReturnDto } from './dto/outflow.dto.js';
import { flowActorsFor, flowSideFor } from './flow-sides.js';
import { FlowsRepository } from './flows.repository.js';
import { FlowsService } from './flows.service.js';
import { OutflowRepository, type HomeStayRow } from './outflow.repository.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The holiday list looks at most a year ahead at once. */
const HOLIDAY_WINDOW_MAX_DAYS = 366;

function daysBetween(from: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function invalid(path: string, message: string, problem: string): AppException {
  return new AppException(ErrorCode.VALIDATION_FAILED, message, [{ path, problem }]);
}

/**
 * 返乡登记. Home for good ends the flow through the state machine (`return`).
 * Home for the holidays (临时返乡) leaves the flow open and records the stay,
 * so the home branch can invite the member to its gatherings (乡情恳谈会)
 * and catch-up study (返乡补学) while they are there.
 */
@Injectable()
export class HomeStaysService {
  constructor(
    private readonly stays: OutflowRepository,
    private readonly flowRows: FlowsRepository,
    private readonly flows: FlowsService,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
    private readonly inbox: InboxService,
    private readonly wechatOutbox: WechatOutboxService,
  ) {}

  async recordReturn(principal: Principal, id: string, dto: RecordReturnDto): Promise<RecordReturnResult> {
    if (dto.kind === 'permanent') {
      for (const field of ['homeFrom', 'homeUntil', 'occasion'] as const)
        if (dto[field] !== undefined)
          throw invalid(field, '返乡不再外出时不用填写返乡日期', `${field} is only accepted with kind holiday`);
      const flow = await this.flows.act(principal, id, {
        action: 'return',
        reason: dto.note,
        expectedVersion: dto.expectedVersion,
      });
      return { flow, homeStay: null };
    }
    if (dto.expectedVersion !== undefined)
      throw invalid('expectedVersion', '临时返乡不需要版本号', 'expectedVersion is only accepted with kind permanent');
    if (!dto.homeFrom) throw invalid('homeFrom', '请选择到家日期', 'homeFrom is required with kind holiday');
    if (!dto.homeUntil) throw invalid('homeUntil', '请选择离家日期', 'homeUntil is required with kind holiday');
    const { homeFrom, homeUntil } = dto;
    if (daysBetween(homeFrom, homeUntil) > HOME_STAY_MAX_DAYS)
      throw invalid(
        'homeUntil',
        `临时返乡最长 ${HOME_STAY_MAX_DAYS} 天；如果不再外出，请选择“返乡，不再外出”`,
        `homeUntil must be at most ${HOME_STAY_MAX_DAYS} days after homeFrom`,
      );
    if (homeUntil < beijingDate(this.clock.now()))
      throw invalid('homeUntil', '离家日期已经过去，不用再登记', 'homeUntil must not be in the past');

    const scope = await this.scopes.forPrincipal(principal);
    const stay = await this.stays.transaction(async (m) => {
      const flow = await this.flowRows.lockById(m, id);
      const actors = flow ? flowActorsFor(scope, flow) : [];
      if (!flow || actors.length === 0) {
        if (flow && flowSideFor(scope, flow) !== 'none')
          throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织部门管理员可以办理流动事项');
        throw new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
      }
      const actor = actors.find((a) => HOME_STAY_RULE.by.includes(a)) ?? actors[0];
      const decision = decideHomeStay(flow.status, actor);
      const details = {
        action: 'home_stay',
        status: flow.status,
        actor,
        allowedStates: [...HOME_STAY_RULE.from],
        allowedActors: [...HOME_STAY_RULE.by],
      };
      if (!decision.ok && decision.reason === 'wrong_actor')
        throw new AppException(ErrorCode.FLOW_WRONG_ACTOR, '临时返乡应由党员本人或流出地党组织登记', details);
      if (!decision.ok)
        throw new AppException(
          ErrorCode.FLOW_WRONG_STATE,
          `当前状态为“${FLOW_STATUS_LABELS[flow.status]}”，不能登记临时返乡`,
          details,
        );
      if (await this.stays.hasOverlappingStay(m, flow.id, homeFrom, homeUntil))
        throw new AppException(ErrorCode.HOME_STAY_OVERLAP);
      const recordedAs = actor as Exclude<FlowActor, 'receiving'>;
      const row = await this.stays.insertStay(m, {
        flowId: flow.id,
        memberId: flow.memberId,
        sendingBranchId: flow.sendingBranchId,
        sendingPath: flow.sendingPath,
        homeFrom,
        homeUntil,
        occasion: dto.occasion ?? 'other',
        noteCipher: this.pii.encryptOptional(dto.note),
        recordedBy: principal.accountId,
        recordedAs,
      });
      const messages = await this.homeStayMessages(m, flow.id, row, recordedAs, flow.status);
      await this.inbox.send(m, messages);
      await this.wechatOutbox.enqueue(m, messages);
      return row;
    });
    return { flow: await this.flows.viewForPrincipal(principal, id), homeStay: this.stayView(stay) };
  }

  /** The flow's holiday stays: the member and the sending side (the receiving side sees the dates in its inbox). */
  async staysOfFlow(principal: Principal, id: string): Promise<HomeStayView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.flowRows.findRowById(id);
    const side = row ? flowSideFor(scope, row) : 'none';
    if (!row || side === 'none') throw new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
    if (side === 'receiving') throw new AppException(ErrorCode.FORBIDDEN, '返乡登记只有党员本人和流出地党组织可以查看');
    return (await this.stays.findStaysOfFlow(id)).map((s) => this.stayView(s));
  }

  /** 返乡党员名单: members of the caller's home subtree home for the holidays in a window (default: the next 30 days). */
  async homeForHolidays(principal: Principal, query: HomeForHolidaysQueryDto): Promise<Paginated<HomeForHolidaysItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(query.orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    const from = query.from ?? beijingDate(this.clock.now());
    const until = query.until ?? addDays(from, HOME_FOR_HOLIDAYS_WINDOW_DAYS);
    if (until < from) throw invalid('until', '结束日期不能早于开始日期', 'until must not be before from');
    if (daysBetween(from, until) > HOLIDAY_WINDOW_MAX_DAYS)
      throw invalid('until', '一次最多查看一年', `until must be at most ${HOLIDAY_WINDOW_MAX_DAYS} days after from`);
    const limit = query.limit ?? HOME_FOR_HOLIDAYS_PAGE_DEFAULT;
    let after: { homeFrom: string; id: string } | undefined;
    if (query.cursor) {
      const [homeFrom, id] = decodeCursor(query.cursor, [DAY, UUID]);
      after = { homeFrom, id };
    }
    const rows = await this.stays.findHomeForHolidays({ path: org.path, from, until, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items: HomeForHolidaysItem[] = page.map((r) => ({
      homeStayId: r.homeStayId,
      flowId: r.flowId,
      memberId: r.memberId,
      memberName: this.pii.decrypt(r.memberNameCipher),
      memberPhoneMasked: r.memberPhoneCipher ? maskPhone(this.pii.decrypt(r.memberPhoneCipher)) : null,
      branchId: r.branchId,
      branchName: r.branchName,
      homeFrom: r.homeFrom,
      homeUntil: r.homeUntil,
      occasion: r.occasion,
    }));
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.homeFrom, last.homeStayId]) } : { items };
  }

  /** The home branch hears of a stay the member recorded, the member of one the branch recorded; the receiving branch of the dates. */
  private async homeStayMessages(
    m: Parameters<InboxService['send']>[0],
    flowId: string,
    stay: HomeStayRow,
    recordedAs: 'member' | 'sending',
    status: string,
  ): Promise<InboxMessage[]> {
    const f = await this.flowRows.findNoticeFacts(m, flowId);
    const name = this.pii.decrypt(f.memberNameCipher);
    const when = `${stay.homeFrom}至${stay.homeUntil}`;
    const occasion = stay.occasion === 'other' ? '' : `（${HOME_STAY_OCCASION_LABELS[stay.occasion]}）`;
    const subject = { type: 'flow' as const, id: flowId };
    const messages: InboxMessage[] = [
      recordedAs === 'member'
        ? {
            to: { orgId: f.sendingBranchId },
            category: 'notice',
            kind: 'flow.home_stay',
            title: '外出党员临时返乡',
            body: `${name}登记了临时返乡${occasion}：${when}。可邀请参加乡情恳谈会和返乡补学。`,
            subject,
          }
        : {
            to: { memberId: f.memberId },
            category: 'notice',
            kind: 'flow.home_stay',
            title: '支部已登记您临时返乡',
            body: `${f.sendingBranchName}已为您登记临时返乡${occasion}：${when}。欢迎参加支部的乡情恳谈会和返乡补学。`,
            subject,
          },
    ];
    if (f.receivingBranchId && (status === 'arrived' || status === 'active')) {
      messages.push({
        to: { orgId: f.receivingBranchId },
        category: 'notice',
        kind: 'flow.home_stay',
        title: '流入党员临时返乡',
        body: `${name}将于${when}临时返乡，其间不在本地。`,
        subject,
      });
    }
    return messages;
  }

  private stayView(s: HomeStayRow): HomeStayView {
    return {
      id: s.id,
      flowId: s.flowId,
      homeFrom: s.homeFrom,
      homeUntil: s.homeUntil,
      occasion: s.occasion,
      note: this.pii.decryptOptional(s.noteCipher),
      recordedBy: s.recordedAs,
      createdAt: s.createdAt.toISOString(),
    };
  }
}
