import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  RESPONSIBILITY_CADENCES,
  RESPONSIBILITY_HISTORY_MAX,
  RESPONSIBILITY_SIDES,
  chinaDate,
  duplicateResponsibilityIndex,
  firstResponsibilityDueOn,
  markResponsibilityDone,
  responsibilityPeriodEnd,
  responsibilityStatus,
  type FlowResponsibilityView,
  type ResponsibilityCadence,
  type ResponsibilityProgressView,
  type ResponsibilityRecordView,
  type AgreementResponsibilitiesView,
  type EffectiveResponsibilities,
  type FlowResponsibilitiesView,
  type InstantiateResponsibilitiesResult,
  type ResponsibilitySide,
  type ResponsibilityTemplateItem,
  type Role,
} from '@pioneer/shared';
import { AgreementsService, type AgreementParties } from '../agreements/agreements.service.js';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { MANAGE_ROLES, actsFor, type Scope } from '../common/scope/scope.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { RECEIVING_VISIBLE_STATUSES } from '../flows/flows.repository.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { MarkDoneDto, ReplaceAgreementTemplatesDto, ReplaceTemplatesDto } from './dto/responsibility.dto.js';
import type { FlowResponsibility } from './flow-responsibility.entity.js';
import {
  ResponsibilitiesRepository,
  type FlowPlacement,
  type ItemForMark,
  type RecordRow,
} from './responsibilities.repository.js';

/** Each cadence's first due day for a list made on `day`. */
export function dueOnByCadence(day: string): Record<ResponsibilityCadence, string> {
  return Object.fromEntries(RESPONSIBILITY_CADENCES.map((c) => [c, firstResponsibilityDueOn(c, day)])) as Record<
    ResponsibilityCadence,
    string
  >;
}

/** A county's list is set by its organisation department. */
const LIST_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

type FlowSide = FlowResponsibilitiesView['side'];

const SIDE_NAMES: Record<ResponsibilitySide, string> = {
  sending: '流出地党组织',
  receiving: '流入地党组织',
  member: '党员本人',
};

/** The items each side reads: both branches see all three lists; the member sees their own. */
const SIDES_SEEN: Record<FlowSide, readonly ResponsibilitySide[]> = {
  sending: RESPONSIBILITY_SIDES,
  receiving: RESPONSIBILITY_SIDES,
  self: ['member'],
};

/**
 * 三张责任清单: the list in effect for an org (its county's own, or the
 * built-in defaults), a co-management agreement's own list, and the copy on
 * each flow under dual management: the governing agreement's list if it has
 * one, else the sending county's, else the defaults.
 * Each side marks its own items done with evidence; a recurring item then
 * moves on to its next period. Overdue items are escalated by the daily
 * sweep (ResponsibilitiesSweepService).
 */
@Injectable()
export class ResponsibilitiesService {
  constructor(
    private readonly responsibilities: ResponsibilitiesRepository,
    private readonly orgs: OrgsService,
    private readonly agreements: AgreementsService,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
    private readonly inbox: InboxService,
  ) {}

  async templates(principal: Principal, orgId: string): Promise<EffectiveResponsibilities> {
    const org = await this.orgs.getVisible(await this.scopes.forPrincipal(principal), orgId);
    return { orgId: org.id, ...(await this.responsibilities.findEffective(org.path)) };
  }

  async replaceTemplates(
    principal: Principal,
    orgId: string,
    dto: ReplaceTemplatesDto,
  ): Promise<EffectiveResponsibilities> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, orgId);
    if (!scope.systemAdmin && !actsFor(scope, org.path, LIST_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有县（区）组织部门管理员可以修改责任清单');
    if (org.level !== 'county') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '责任清单由县（区）一级制定');
    this.refuseDuplicates(dto.items);
    await this.responsibilities.replace(org.id, dto.items);
    return { orgId: org.id, ...(await this.responsibilities.findEffective(org.path)) };
  }

  /** An agreement's own list (empty: it has none), for the parties' organisation departments. */
  async agreementList(principal: Principal, agreementId: string): Promise<AgreementResponsibilitiesView> {
    return this.agreementView(await this.agreements.partiesForList(principal, agreementId, 'read'));
  }

  /**
   * Replaces an agreement's own list (an empty list removes it), audited in
   * the same transaction. Flows already instantiated keep their copies; the
   * new items reach them when their list is instantiated again.
   */
  async replaceAgreementList(
    principal: Principal,
    agreementId: string,
    dto: ReplaceAgreementTemplatesDto,
  ): Promise<AgreementResponsibilitiesView> {
    const agreement = await this.agreements.partiesForList(principal, agreementId, 'set');
    this.refuseDuplicates(dto.items);
    await this.responsibilities.transaction(async (m) => {
      const retired = await this.responsibilities.replaceForAgreement(m, agreement.id, dto.items);
      const perSide = Object.fromEntries(
        RESPONSIBILITY_SIDES.map((side) => [side, dto.items.filter((i) => i.side === side).length]),
      );
      await this.audit.record(
        {
          action: 'agreement.responsibilities_set',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'agreement',
          targetId: agreement.id,
          // Filed under the sending party, as the agreement's own events are.
          orgPath: agreement.sendingOrgPath,
          details: { items: perSide, retired },
        },
        m,
      );
    });
    return this.agreementView(agreement);
  }

  /**
   * Copies the flow's list onto the flow; calling again adds nothing. The
   * list is the governing agreement's own (of those in force for the flow,
   * the narrowest that has one), else the sending county's, else the defaults.
   */
  async instantiate(principal: Principal, flowId: string): Promise<InstantiateResponsibilitiesResult> {
    const scope = await this.scopes.forPrincipal(principal);
    const flow = await this.responsibilities.findFlow(flowId);
    const side = flow ? this.sideFor(scope, flow) : 'none';
    if (!flow || side === 'none') throw this.flowNotFound();
    const manages =
      scope.systemAdmin ||
      actsFor(scope, flow.sendingPath, MANAGE_ROLES) ||
      (this.receivingOpen(flow) && actsFor(scope, flow.receivingPath!, MANAGE_ROLES));
    if (!manages)
      throw new AppException(ErrorCode.FORBIDDEN, '只有流出地或流入地的书记、组织部门管理员可以生成责任清单');
    if (flow.status !== 'active')
      throw new AppException(ErrorCode.FLOW_WRONG_STATE, '流入地确认报到、进入双向共管后才能生成责任清单');
    const { created, source } = await this.makeList(flow);
    return { ...(await this.viewFor(scope, flow, side)), created, source };
  }

  /** Copies a flow's list onto it (idempotent), each item due from today. The sweep uses it for flows that have none. */
  async makeList(flow: FlowPlacement) {
    const governing = await this.agreements.governingFor(flow.sendingPath, flow.receivingPath);
    const today = chinaDate(this.clock.now());
    return this.responsibilities.instantiate(flow.id, flow.sendingPath, governing, dueOnByCadence(today));
  }

  /** The list an item belongs to, from the caller's side (an inbox to-do names the item, not the flow). */
  async forItem(principal: Principal, itemId: string): Promise<FlowResponsibilitiesView> {
    const flowId = await this.responsibilities.findFlowOfItem(itemId);
    if (!flowId) throw this.itemNotFound();
    return this.forFlow(principal, flowId);
  }

  /**
   * 标记完成: the responsible side marks its item done with evidence, for the
   * current period (a recurring item moves on to its next due day; a one-off
   * item is done for good). The item's open overdue to-dos close in the same
   * transaction.
   */
  async markDone(principal: Principal, itemId: string, dto: MarkDoneDto): Promise<FlowResponsibilitiesView> {
    const scope = await this.scopes.forPrincipal(principal);
    const now = this.clock.now();
    const today = chinaDate(now);
    const { placement, side } = await this.responsibilities.transaction(async (m) => {
      const item = await this.responsibilities.lockItem(m, itemId);
      const placement = item ? this.placementOf(item) : null;
      const side = placement ? this.sideFor(scope, placement) : 'none';
      if (!item || !placement || side === 'none' || (side === 'self' && item.side !== 'member'))
        throw this.itemNotFound();
      if (!this.mayMark(scope, item))
        throw new AppException(
          ErrorCode.RESPONSIBILITY_WRONG_SIDE,
          `“${item.title}”是${SIDE_NAMES[item.side]}的责任，只能由${SIDE_NAMES[item.side]}标记完成`,
        );
      if (item.flowStatus !== 'active')
        throw new AppException(ErrorCode.FLOW_WRONG_STATE, '只有双向共管中的流动党员，责任清单才能标记完成');
      if (item.status === 'done' || item.dueOn === null) throw this.alreadyDone(item.title);
      const outcome = markResponsibilityDone(item.cadence, item.dueOn, today);
      if (!outcome.ok) throw this.alreadyDone(item.title);
      await this.responsibilities.recordDone(m, item, {
        evidenceCipher: this.pii.encrypt(dto.evidence.trim()),
        by: principal.accountId,
        at: now,
        nextDueOn: outcome.nextDueOn,
      });
      await this.inbox.complete(m, item.id, ['responsibility.overdue', 'responsibility.escalated']);
      return { placement, side };
    });
    // The list as it now stands, from the scope and flow already read (the flow's state cannot have changed the side).
    return this.viewFor(scope, placement, side);
  }

  /**
   * Progress of the three lists for every flow under dual management sent
   * from or received in an org's subtree, per branch: for the branches
   * themselves and the orgs that supervise them.
   */
  async progress(principal: Principal, orgId: string): Promise<ResponsibilityProgressView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.getVisible(scope, orgId);
    if (!scope.systemAdmin && !actsFor(scope, org.path))
      throw new AppException(
        ErrorCode.FORBIDDEN,
        '只有本组织及上级组织的书记、委员和组织部门管理员可以查看责任清单进度',
      );
    const today = chinaDate(this.clock.now());
    const periodEnds = Object.fromEntries(
      RESPONSIBILITY_CADENCES.map((c) => [c, responsibilityPeriodEnd(c, today) ?? today]),
    ) as Record<ResponsibilityCadence, string>;
    return { orgId: org.id, asOf: today, rows: await this.responsibilities.progress(org.path, today, periodEnds) };
  }

  async forFlow(principal: Principal, flowId: string): Promise<FlowResponsibilitiesView> {
    const scope = await this.scopes.forPrincipal(principal);
    const flow = await this.responsibilities.findFlow(flowId);
    const side = flow ? this.sideFor(scope, flow) : 'none';
    if (!flow || side === 'none') throw this.flowNotFound();
    return this.viewFor(scope, flow, side);
  }

  private async agreementView(agreement: AgreementParties): Promise<AgreementResponsibilitiesView> {
    return {
      agreementId: agreement.id,
      agreementTitle: agreement.title,
      items: await this.responsibilities.findAgreementItems(agreement.id),
    };
  }

  /** The same duty twice on one side would be copied onto every flow twice. */
  private refuseDuplicates(items: readonly ResponsibilityTemplateItem[]): void {
    const at = duplicateResponsibilityIndex(items);
    if (at >= 0)
      throw new AppException(
        ErrorCode.RESPONSIBILITY_ITEM_DUPLICATE,
        `第 ${at + 1} 项“${items[at].title}”与同一张清单里前面的事项重复，请删去其中一项`,
        [{ path: `items.${at}.title`, problem: 'repeats an earlier item of the same side' }],
      );
  }

  private async viewFor(scope: Scope, flow: FlowPlacement, side: FlowSide): Promise<FlowResponsibilitiesView> {
    const [items, agreements] = await Promise.all([
      this.responsibilities.findForFlow(flow.id, SIDES_SEEN[side]),
      this.agreements.inForceFor(flow.sendingPath, flow.receivingPath),
    ]);
    const records = await this.responsibilities.findRecords(
      items.map((i) => i.id),
      RESPONSIBILITY_HISTORY_MAX,
    );
    const byItem = new Map<string, ResponsibilityRecordView[]>();
    for (const r of records)
      byItem.set(r.responsibilityId, [...(byItem.get(r.responsibilityId) ?? []), this.recordView(r)]);
    const today = chinaDate(this.clock.now());
    return {
      flowId: flow.id,
      side,
      items: items.map((i) =>
        this.itemView(
          i,
          byItem.get(i.id) ?? [],
          today,
          flow.status === 'active' && this.mayMark(scope, { ...flow, side: i.side }),
        ),
      ),
      agreements,
    };
  }

  /** Each side marks its own items: the member their own, each branch (or an org above it) its side's. */
  private mayMark(
    scope: Scope,
    item: { side: ResponsibilitySide; memberId: string; sendingPath: string; receivingPath: string | null },
  ): boolean {
    switch (item.side) {
      case 'member':
        return scope.memberId === item.memberId;
      case 'sending':
        return actsFor(scope, item.sendingPath);
      case 'receiving':
        return item.receivingPath !== null && actsFor(scope, item.receivingPath);
    }
  }

  private placementOf(item: ItemForMark): FlowPlacement {
    return {
      id: item.flowId,
      memberId: item.memberId,
      sendingPath: item.sendingPath,
      receivingPath: item.receivingPath,
      status: item.flowStatus,
    };
  }

  private recordView(r: RecordRow): ResponsibilityRecordView {
    return {
      doneAt: new Date(r.doneAt).toISOString(),
      dueOn: r.dueOn,
      evidence: this.pii.decrypt(r.evidenceCipher),
      doneByName: r.doneByName,
    };
  }

  /** As for flows: the member themself, else the sending side, else the receiving side while it shares the flow. */
  private sideFor(scope: Scope, flow: FlowPlacement): FlowSide | 'none' {
    if (scope.memberId === flow.memberId) return 'self';
    if (scope.systemAdmin || actsFor(scope, flow.sendingPath)) return 'sending';
    if (this.receivingOpen(flow) && actsFor(scope, flow.receivingPath!)) return 'receiving';
    return 'none';
  }

  private receivingOpen(flow: FlowPlacement): boolean {
    return flow.receivingPath !== null && RECEIVING_VISIBLE_STATUSES.includes(flow.status);
  }

  private itemView(
    i: FlowResponsibility,
    history: ResponsibilityRecordView[],
    today: string,
    canMark: boolean,
  ): FlowResponsibilityView {
    const status = responsibilityStatus({ cadence: i.cadence, done: i.status === 'done', dueOn: i.dueOn }, today);
    return {
      id: i.id,
      templateId: i.templateId,
      side: i.side,
      title: i.title,
      cadence: i.cadence,
      status,
      dueOn: i.dueOn,
      evidence: history[0]?.evidence ?? null,
      doneAt: i.doneAt ? i.doneAt.toISOString() : null,
      canMark: canMark && status !== 'done',
      history,
    };
  }

  private flowNotFound(): AppException {
    return new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
  }

  private itemNotFound(): AppException {
    return new AppException(ErrorCode.NOT_FOUND, '找不到这项责任');
  }

  private alreadyDone(title: string): AppException {
    return new AppException(ErrorCode.RESPONSIBILITY_ALREADY_DONE, `“${title}”本期已经完成，不必重复标记`);
  }
}
