import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  RESPONSIBILITY_SIDES,
  duplicateResponsibilityIndex,
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
import { AppException } from '../common/errors/app-exception.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { MANAGE_ROLES, actsFor, type Scope } from '../common/scope/scope.js';
import { RECEIVING_VISIBLE_STATUSES } from '../flows/flows.repository.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { ReplaceAgreementTemplatesDto, ReplaceTemplatesDto } from './dto/responsibility.dto.js';
import type { FlowResponsibility } from './flow-responsibility.entity.js';
import { ResponsibilitiesRepository, type FlowPlacement } from './responsibilities.repository.js';

/** A county's list is set by its organisation department. */
const LIST_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

type FlowSide = FlowResponsibilitiesView['side'];

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
 * Marking items done (with evidence) is a later issue.
 */
@Injectable()
export class ResponsibilitiesService {
  constructor(
    private readonly responsibilities: ResponsibilitiesRepository,
    private readonly orgs: OrgsService,
    private readonly agreements: AgreementsService,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
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
    const governing = await this.agreements.governingFor(flow.sendingPath, flow.receivingPath);
    const { created, source } = await this.responsibilities.instantiate(flow.id, flow.sendingPath, governing);
    return { ...(await this.viewFor(flow, side)), created, source };
  }

  async forFlow(principal: Principal, flowId: string): Promise<FlowResponsibilitiesView> {
    const scope = await this.scopes.forPrincipal(principal);
    const flow = await this.responsibilities.findFlow(flowId);
    const side = flow ? this.sideFor(scope, flow) : 'none';
    if (!flow || side === 'none') throw this.flowNotFound();
    return this.viewFor(flow, side);
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

  private async viewFor(flow: FlowPlacement, side: FlowSide): Promise<FlowResponsibilitiesView> {
    const [items, agreements] = await Promise.all([
      this.responsibilities.findForFlow(flow.id, SIDES_SEEN[side]),
      this.agreements.inForceFor(flow.sendingPath, flow.receivingPath),
    ]);
    return { flowId: flow.id, side, items: items.map((i) => this.itemView(i)), agreements };
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

  private itemView(i: FlowResponsibility) {
    return {
      id: i.id,
      templateId: i.templateId,
      side: i.side,
      title: i.title,
      cadence: i.cadence,
      status: i.status,
      dueOn: i.dueOn,
      evidence: i.evidence,
      doneAt: i.doneAt ? i.doneAt.toISOString() : null,
    };
  }

  private flowNotFound(): AppException {
    return new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
  }
}
