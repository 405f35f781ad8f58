import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  FLOW_ACTION_LABELS,
  FLOW_ACTIONS,
  FLOW_PAGE_DEFAULT,
  FLOW_RULES,
  FLOW_STATUS_LABELS,
  availableFlowActions,
  decideFlowAction,
  maskPhone,
  type FlowAction,
  type FlowActor,
  type FlowListItem,
  type FlowStatus,
  type FlowTransitionView,
  type FlowView,
  type InboxKind,
  type Paginated,
  type ResubmitOutflowRequest,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import { AuditService, auditActor } from '../audit/audit.service.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import { WechatOutboxService } from '../notifications/wechat-outbox.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { beijingDate } from './beijing-date.js';
import { flowActorsFor, flowSideFor } from './flow-sides.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { MembersService } from '../members/members.service.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { FlowActionDto, ListFlowsQueryDto, RegisterFoundDto, ReportOutflowDto } from './dto/flow.dto.js';
import type { Flow } from './flow.entity.js';
import {
  FlowsRepository,
  type FlowMember,
  type FlowRow,
  type FlowStamp,
  type NewFlow,
  type ReportReviewAction,
  type ReportVersionFacts,
} from './flows.repository.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';

const PG_UNIQUE_VIOLATION = '23505';
const ONE_OPEN_FLOW_INDEX = 'flows_one_open_per_member';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === PG_UNIQUE_VIOLATION && name === constraint;
}

/** The timestamp each state records when a flow enters it. */
const STAMP_ON: Partial<Record<FlowStatus, FlowStamp>> = {
  approved: 'approvedAt',
  arrived: 'arrivedAt',
  active: 'activatedAt',
  returned: 'endedAt',
  transferred: 'endedAt',
  declined: 'endedAt',
  withdrawn: 'endedAt',
};

const ACTOR_LABELS: Record<FlowActor, string> = {
  member: '党员本人',
  sending: '流出地党组织',
  receiving: '流入地党组织',
};

/** Steps only the receiving side takes: the receiving side reads the reasons of these and no others. */
const RECEIVING_STEPS: ReadonlySet<FlowAction> = new Set(
  FLOW_ACTIONS.filter((a) => FLOW_RULES[a].by.every((actor) => actor === 'receiving')),
);

/** The branch's answers to an outflow report, kept on the version they answer. */
const REVIEW_ACTIONS: ReadonlySet<FlowAction> = new Set<ReportReviewAction>(['request_changes', 'approve', 'decline']);

/** To-dos that wait for an approved member to arrive: done once the flow is anywhere but approved. */
const AWAITING_ARRIVAL_KINDS: InboxKind[] = ['flow.overdue', 'flow.overdue_escalated'];

interface FlowCursor {
  sortAt: string;
  id: string;
}

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeFlowCursor(row: FlowRow): string {
  return encodeCursor([row.sortAt, row.id]);
}

function decodeFlowCursor(cursor: string): FlowCursor {
  const [sortAt, id] = decodeCursor(cursor, [CURSOR_AT, UUID]);
  return { sortAt, id };
}

/** What `recordArrival` needs: who arrives where, as whom, and what they said. */
export interface ArrivalInput {
  memberId: string;
  branch: Org;
  actor: 'member' | 'receiving';
  facts?: {
    residence: string;
    employer?: string;
    occupation?: string;
    industry?: string;
    /** YYYY-MM-DD: until when the member expects to stay. */
    expectedUntil: string;
  };
  note?: string;
  within?: (m: EntityManager, flowId: string, repeated: boolean) => Promise<void>;
}

/**
 * Flows (流动) between a sending and a receiving branch. Who may do what is
 * decided by the shared state machine (`decideFlowAction`); which side the
 * caller is on is derived from the scope model, never claimed by the caller.
 * Every transition is one transaction: the row locked, the state checked,
 * the change, its history row and its audit event written together.
 *
 * Each transition also tells the people concerned (`tell`): in-app inbox
 * items are written in the transition's own transaction, so a notice never
 * describes something that did not happen; WeChat subscribe messages are
 * queued in that same transaction and sent by the outbox's dispatcher after
 * commit, never from inside it.
 */
@Injectable()
export class FlowsService {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly orgs: OrgsService,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
    private readonly members: MembersService,
    private readonly inbox: InboxService,
    private readonly wechatOutbox: WechatOutboxService,
  ) {}

  /** 外出报告: by the member, or by their sending branch on their behalf. */
  async report(principal: Principal, dto: ReportOutflowDto): Promise<FlowView> {
    const scope = await this.scopes.forPrincipal(principal);
    const { member, actor } = await this.reporter(scope, dto.memberId);
    const to = this.decide(null, 'report', actor);
    if (await this.flows.hasOpenFlow(member.id)) throw new AppException(ErrorCode.FLOW_ALREADY_OPEN);
    const facts = this.reportFacts(dto);
    const flowId = await this.open(
      principal,
      {
        memberId: member.id,
        sendingBranchId: member.branchId,
        sendingPath: member.branchPath,
        receivingBranchId: null,
        receivingPath: null,
        status: to,
        origin: 'outflow_report',
        destinationRegionCode: dto.destinationRegionCode ?? null,
        destinationAddressCipher: this.pii.encrypt(dto.destinationAddress),
        industry: dto.industry,
        occupation: dto.occupation,
        employer: dto.employer,
        expectedFrom: dto.expectedFrom,
        expectedUntil: dto.expectedUntil,
        contactPhoneCipher: facts.contactPhoneCipher,
      },
      'report',
      actor,
      dto.contactNote,
      (m, id) => this.flows.insertReportVersion(m, id, facts, principal.accountId, this.clock.now()),
    );
    return this.viewFor(scope, flowId);
  }

  /**
   * 修改后重新提交: after the sending branch asked for changes, the member (or
   * the branch, for a member it reports for) sends the whole report again.
   * The facts on the flow are replaced, the new version kept beside the old.
   */
  async resubmit(principal: Principal, id: string, dto: ResubmitOutflowRequest): Promise<FlowView> {
    const scope = await this.scopes.forPrincipal(principal);
    const facts = this.reportFacts(dto);
    await this.writing(async (m) => {
      const flow = await this.lockActable(m, scope, id, dto.expectedVersion);
      const actors = flowActorsFor(scope, flow);
      const actor = actors.find((a) => FLOW_RULES.resubmit.by.includes(a)) ?? actors[0];
      const to = this.decide(flow.status, 'resubmit', actor);
      await this.flows.applyReportFacts(m, flow.id, facts);
      await this.flows.insertReportVersion(m, flow.id, facts, principal.accountId, this.clock.now());
      await this.flows.applyChange(m, flow.id, { status: to, stamp: null });
      await this.record(m, principal, flow, flow.status, to, 'resubmit', actor, dto.contactNote);
    });
    return this.viewFor(scope, id);
  }

  /**
   * An arrival at a receiving branch, by the member (a scanned branch code) or
   * recorded by the receiving side for a member who showed their personal code.
   * Reporting again to the branch one already arrived at is not an error: the
   * answer is the flow as it stands (`repeated`). `within` runs in the same
   * transaction (the caller records its request id and the 四清 facts there).
   */
  async recordArrival(principal: Principal, input: ArrivalInput): Promise<{ flowId: string; repeated: boolean }> {
    const { branch, actor } = input;
    if (branch.level !== 'branch') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '只能向党支部报到');
    if (actor === 'receiving') {
      const scope = await this.scopes.forPrincipal(principal);
      if (!actsFor(scope, branch.path, MANAGE_ROLES))
        throw new AppException(ErrorCode.FORBIDDEN, '只有流入地党支部书记或上级组织管理员可以代为登记报到');
    }
    const member = await this.flows.findMember(input.memberId);
    if (!member) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    if (branch.id === member.branchId) {
      throw this.ownBranch(
        actor === 'member' ? '您的组织关系就在这个党支部，不需要报到' : '这是本支部的党员，不需要登记报到',
      );
    }
    const receiving = { branchId: branch.id, path: branch.path };
    return this.writing(async (m) => {
      const current = await this.flows.lockOpenForMember(m, member.id);
      let flowId: string;
      let repeated = false;
      if (
        current &&
        current.receivingBranchId === branch.id &&
        (current.status === 'arrived' || current.status === 'active')
      ) {
        flowId = current.id;
        repeated = true;
      } else {
        const to = this.decide(current?.status ?? null, 'arrive', actor);
        if (current) {
          await this.flows.applyChange(m, current.id, { status: to, stamp: STAMP_ON[to] ?? null, receiving });
          await this.record(m, principal, current, current.status, to, 'arrive', actor, input.note);
          flowId = current.id;
        } else {
          const created = await this.flows.insert(m, {
            ...this.noFacts(member),
            receivingBranchId: receiving.branchId,
            receivingPath: receiving.path,
            status: to,
            origin: 'arrival',
            destinationRegionCode: branch.regionCode,
            arrivedAt: this.clock.now(),
          });
          await this.record(m, principal, created, null, to, 'arrive', actor, input.note);
          flowId = created.id;
        }
      }
      if (input.facts) {
        await this.flows.applyArrivalFacts(m, flowId, {
          addressCipher: this.pii.encrypt(input.facts.residence),
          industry: input.facts.industry ?? null,
          occupation: input.facts.occupation ?? null,
          employer: input.facts.employer ?? null,
          expectedUntil: input.facts.expectedUntil,
          today: this.clock.now().toISOString().slice(0, 10),
        });
      }
      if (input.within) await input.within(m, flowId, repeated);
      return { flowId, repeated };
    });
  }

  /** The flow as the caller sees it (for the check-in feature's answers). */
  async viewForPrincipal(principal: Principal, id: string): Promise<FlowView> {
    return this.viewFor(await this.scopes.forPrincipal(principal), id);
  }

  /** 组织找党员: a receiving branch registers a member it found; the sending side then confirms or rejects. */
  async registerFound(principal: Principal, dto: RegisterFoundDto): Promise<FlowView> {
    const scope = await this.scopes.forPrincipal(principal);
    const branch = await this.orgs.findById(dto.receivingBranchId);
    if (!branch || !actsFor(scope, branch.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党支部');
    if (!actsFor(scope, branch.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有流入地党支部书记或上级组织管理员可以登记流入党员');
    if (branch.level !== 'branch')
      throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '只能以党支部的名义登记流入党员');
    const to = this.decide(null, 'register_found', 'receiving');
    const member = await this.flows.findMemberByIdentity(
      this.pii.index('name', dto.name),
      this.pii.index('id_number', dto.idNumber),
    );
    if (!member) {
      throw new AppException(
        ErrorCode.NOT_FOUND,
        '没有找到姓名和身份证号都一致的党员。请核对后重试；如仍找不到，该党员可能尚未录入系统，请联系其组织关系所在地党组织',
      );
    }
    if (member.branchId === branch.id) throw this.ownBranch('这是本支部的党员，不需要登记为流入党员');
    if (await this.flows.hasOpenFlow(member.id)) throw new AppException(ErrorCode.FLOW_ALREADY_OPEN);
    const flowId = await this.open(
      principal,
      {
        ...this.noFacts(member),
        receivingBranchId: branch.id,
        receivingPath: branch.path,
        status: to,
        origin: 'found',
        destinationRegionCode: dto.destinationRegionCode ?? branch.regionCode,
        destinationAddressCipher: this.pii.encryptOptional(dto.destinationAddress),
        industry: dto.industry ?? null,
        occupation: dto.occupation ?? null,
        employer: dto.employer ?? null,
      },
      'register_found',
      'receiving',
      dto.note,
    );
    return this.viewFor(scope, flowId);
  }

  /** Every other step of the lifecycle, taken by whichever side the caller is on for this flow. */
  async act(principal: Principal, id: string, dto: FlowActionDto): Promise<FlowView> {
    const scope = await this.scopes.forPrincipal(principal);
    if (dto.partyGroupId && dto.action !== 'confirm_arrival') {
      throw new AppException(ErrorCode.VALIDATION_FAILED, '只有确认报到时可以指定党小组', [
        { path: 'partyGroupId', problem: 'partyGroupId is only accepted with confirm_arrival' },
      ]);
    }
    if (dto.action === 'request_changes' && !dto.reason) {
      throw new AppException(ErrorCode.VALIDATION_FAILED, '请写明需要修改的内容，党员会看到', [
        { path: 'reason', problem: 'reason is required with request_changes' },
      ]);
    }
    // Read before the transaction: inside it, the connection must not wait on a second one from the pool.
    const partyGroup = dto.partyGroupId ? await this.orgs.findById(dto.partyGroupId) : null;
    await this.writing(async (m) => {
      const flow = await this.lockActable(m, scope, id, dto.expectedVersion);
      const actors = flowActorsFor(scope, flow);
      const actor = actors.find((a) => FLOW_RULES[dto.action].by.includes(a)) ?? actors[0];
      const to = this.decide(flow.status, dto.action, actor);
      if (dto.partyGroupId) this.checkPartyGroup(flow, partyGroup);
      if (REVIEW_ACTIONS.has(dto.action) && flow.origin === 'outflow_report') {
        await this.flows.reviewLatestVersion(m, flow.id, {
          action: dto.action as ReportReviewAction,
          comment: dto.reason ?? null,
          by: principal.accountId,
          at: this.clock.now(),
        });
      }
      // 流动党员活动证: numbered on the first approval, in the approval's transaction.
      if (to === 'approved' && dto.action === 'approve')
        await this.flows.issueCertificate(m, flow.id, Number(beijingDate(this.clock.now()).slice(0, 4)));
      await this.flows.applyChange(m, flow.id, {
        status: to,
        stamp: STAMP_ON[to] ?? null,
        partyGroupId: dto.partyGroupId,
      });
      // 转出组织关系: the membership follows the member to the receiving branch, in this same transaction.
      if (to === 'transferred' && flow.receivingBranchId && flow.receivingPath)
        await this.members.transferMembership(m, principal, {
          memberId: flow.memberId,
          flowId: flow.id,
          to: { branchId: flow.receivingBranchId, branchPath: flow.receivingPath },
        });
      await this.record(m, principal, flow, flow.status, to, dto.action, actor, dto.reason);
    });
    return this.viewFor(scope, id);
  }

  async view(principal: Principal, id: string): Promise<FlowView> {
    return this.viewFor(await this.scopes.forPrincipal(principal), id);
  }

  async transitions(principal: Principal, id: string): Promise<FlowTransitionView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.flows.findRowById(id);
    const side = row ? flowSideFor(scope, row) : 'none';
    if (!row || side === 'none') throw this.flowNotFound();
    const history = await this.flows.findTransitions(id);
    return history.map((t) => ({
      id: t.id,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      action: t.action,
      actorName: t.actorName,
      at: t.at.toISOString(),
      // Notes on the other steps (a contact note, a refusal) are the sending side's business.
      reason: side !== 'receiving' || RECEIVING_STEPS.has(t.action) ? t.reason : null,
    }));
  }

  async list(principal: Principal, query: ListFlowsQueryDto): Promise<Paginated<FlowListItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope);
    if (query.orgId) {
      const org = await this.orgs.findById(query.orgId);
      if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
      paths = [org.path];
    }
    const limit = query.limit ?? FLOW_PAGE_DEFAULT;
    const rows = await this.flows.list({
      sendingPaths: query.side === 'receiving' ? [] : paths,
      receivingPaths: query.side === 'sending' ? [] : paths,
      ownMemberId: query.side || query.orgId ? null : scope.memberId,
      status: query.status,
      after: query.cursor ? decodeFlowCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map((row) => this.listItem(scope, row));
    return rows.length > limit ? { items, nextCursor: encodeFlowCursor(page[page.length - 1]) } : { items };
  }

  /** Who files a report: the member for themself, or a manager of the member's branch for them. */
  private async reporter(
    scope: Scope,
    memberId: string | undefined,
  ): Promise<{ member: FlowMember; actor: FlowActor }> {
    if (!memberId || memberId === scope.memberId) {
      if (!scope.memberId) {
        throw new AppException(ErrorCode.VALIDATION_FAILED, '请选择要代为报告外出的党员', [
          { path: 'memberId', problem: 'memberId is required when the account is not bound to a member' },
        ]);
      }
      return { member: (await this.flows.findMember(scope.memberId))!, actor: 'member' };
    }
    const member = await this.flows.findMember(memberId);
    if (!member || !actsFor(scope, member.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    if (!actsFor(scope, member.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以代为报告外出');
    return { member, actor: 'sending' };
  }

  /** Opens a flow with its first history row and audit event; a second open flow for the member is refused. */
  private async open(
    principal: Principal,
    values: NewFlow,
    action: FlowAction,
    actor: FlowActor,
    note: string | undefined,
    within?: (m: EntityManager, flowId: string) => Promise<void>,
  ): Promise<string> {
    return this.writing(async (m) => {
      const created = await this.flows.insert(m, values);
      if (within) await within(m, created.id);
      await this.record(m, principal, created, null, values.status, action, actor, note);
      return created.id;
    });
  }

  /**
   * A flow locked for a step, if the caller may act on it at all: 404 when it
   * is out of their sight, 403 when they see it but may not act (a committee
   * member), CONFLICT on a stale version.
   */
  private async lockActable(
    m: EntityManager,
    scope: Scope,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<Flow> {
    const flow = await this.flows.lockById(m, id);
    const actors = flow ? flowActorsFor(scope, flow) : [];
    if (!flow || actors.length === 0) {
      if (flow && flowSideFor(scope, flow) !== 'none')
        throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织部门管理员可以办理流动事项');
      throw this.flowNotFound();
    }
    if (expectedVersion !== undefined && expectedVersion !== flow.version) {
      throw new AppException(ErrorCode.CONFLICT, '这条流动记录已被他人办理，请刷新后再看', {
        expectedVersion,
        currentVersion: flow.version,
      });
    }
    return flow;
  }

  /** A report's facts as stored: the address, phone and contact note encrypted. */
  private reportFacts(dto: Omit<ResubmitOutflowRequest, 'expectedVersion'>): ReportVersionFacts {
    return {
      destinationRegionCode: dto.destinationRegionCode ?? null,
      destinationAddressCipher: this.pii.encrypt(dto.destinationAddress),
      industry: dto.industry,
      occupation: dto.occupation,
      employer: dto.employer,
      expectedFrom: dto.expectedFrom,
      expectedUntil: dto.expectedUntil,
      contactPhoneCipher: this.pii.encryptOptional(dto.contactPhone),
      contactNoteCipher: this.pii.encryptOptional(dto.contactNote),
    };
  }

  /** Runs a write, turning a race past the open-flow check into FLOW_ALREADY_OPEN. */
  private async writing<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.flows.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, ONE_OPEN_FLOW_INDEX)) throw new AppException(ErrorCode.FLOW_ALREADY_OPEN);
      throw error;
    }
  }

  /** The history row and the audit event of one transition, in the transition's transaction (audit last). */
  private async record(
    m: EntityManager,
    principal: Principal,
    flow: Pick<Flow, 'id' | 'sendingPath'>,
    from: FlowStatus | null,
    to: FlowStatus,
    action: FlowAction,
    actor: FlowActor,
    reason: string | undefined,
  ): Promise<void> {
    await this.flows.insertTransition(m, {
      flowId: flow.id,
      fromStatus: from,
      toStatus: to,
      action,
      actorAccountId: principal.accountId,
      reason: reason ?? null,
    });
    await this.audit.record(
      {
        action: 'flow.transition',
        result: 'ok',
        ...auditActor(principal),
        targetType: 'flow',
        targetId: flow.id,
        orgPath: flow.sendingPath,
        details: { from, to, action, actor },
      },
      m,
    );
    await this.tell(m, flow.id, action, to);
  }

  /**
   * Who hears of a transition: a to-do for the side that must act next, a
   * notice for the side that should know, and the member once dual
   * management begins. To-dos close when the awaited step is taken or the
   * flow ends.
   */
  private async tell(m: EntityManager, flowId: string, action: FlowAction, to: FlowStatus): Promise<void> {
    const f = await this.flows.findNoticeFacts(m, flowId);
    const name = this.pii.decrypt(f.memberNameCipher);
    const subject = { type: 'flow' as const, id: flowId };
    const messages: InboxMessage[] = [];
    const receiving = f.receivingBranchId;
    const done: InboxKind[] = [];
    switch (action) {
      case 'report':
        messages.push({
          to: { orgId: f.sendingBranchId },
          category: 'todo',
          kind: 'flow.reported',
          title: '外出报告待审批',
          body: `${name}提交了外出报告，请审批。`,
          subject,
        });
        break;
      case 'arrive':
        if (receiving) {
          messages.push({
            to: { orgId: receiving },
            category: 'todo',
            kind: 'flow.arrived',
            title: '流动党员报到待确认',
            body: `${name}（组织关系在${f.sendingBranchName}）已向本支部报到，请确认并编入党小组。`,
            subject,
          });
        }
        messages.push({
          to: { orgId: f.sendingBranchId },
          category: 'notice',
          kind: 'flow.arrived',
          title: '外出党员已在流入地报到',
          body: `${name}已向${f.receivingBranchName ?? '流入地党支部'}报到，待流入地确认。`,
          subject,
        });
        done.push('flow.reported');
        break;
      case 'resubmit':
        messages.push({
          to: { orgId: f.sendingBranchId },
          category: 'todo',
          kind: 'flow.reported',
          title: '外出报告已修改，待审批',
          body: `${name}按要求修改了外出报告，请重新审批。`,
          subject,
        });
        break;
      case 'request_changes':
        messages.push({
          to: { memberId: f.memberId },
          category: 'notice',
          kind: 'flow.changes_requested',
          title: '外出报告需要修改',
          body: `${f.sendingBranchName}请您修改外出报告后重新提交，请在“报告外出”中查看修改意见。`,
          subject,
        });
        break;
      case 'approve':
        messages.push({
          to: { memberId: f.memberId },
          category: 'notice',
          kind: 'flow.approved',
          title: '外出报告已批准',
          body: `${f.sendingBranchName}已批准您的外出报告，流动党员活动证已发放。到达后请尽快向当地党组织报到。`,
          subject,
        });
        break;
      case 'register_found':
        messages.push({
          to: { orgId: f.sendingBranchId },
          category: 'todo',
          kind: 'flow.found',
          title: '流入地登记了本支部党员，请确认',
          body: `${f.receivingBranchName ?? '流入地党支部'}登记${name}为流入党员，请确认是否为本支部党员。`,
          subject,
        });
        break;
      case 'confirm_arrival':
      case 'confirm_found':
        messages.push({
          to: { memberId: f.memberId },
          category: 'notice',
          kind: 'flow.activated',
          title: '双向共管已生效',
          body: `您已纳入${f.receivingBranchName ?? '流入地党支部'}管理，同时保留在${f.sendingBranchName}的组织关系。`,
          subject,
        });
        messages.push({
          to: { orgId: action === 'confirm_arrival' ? f.sendingBranchId : (receiving ?? f.sendingBranchId) },
          category: 'notice',
          kind: 'flow.activated',
          title: '双向共管已生效',
          body:
            action === 'confirm_arrival'
              ? `${f.receivingBranchName ?? '流入地党支部'}已确认${name}的报到，双向共管开始。`
              : `${f.sendingBranchName}已确认${name}是本支部（流出地）党员，双向共管开始。`,
          subject,
        });
        break;
      case 'transfer':
        if (receiving) {
          messages.push({
            to: { orgId: receiving },
            category: 'notice',
            kind: 'flow.transferred_in',
            title: '党员组织关系已转入',
            body: `${name}的组织关系已由${f.sendingBranchName}转入本支部。`,
            subject,
          });
        }
        break;
      default:
        break;
    }
    if (to !== 'reported') done.push('flow.reported');
    if (to !== 'arrived') done.push('flow.arrived');
    if (to !== 'found') done.push('flow.found');
    if (to !== 'approved') done.push(...AWAITING_ARRIVAL_KINDS);
    await this.inbox.complete(m, flowId, [...new Set(done)]);
    await this.inbox.send(m, messages);
    await this.wechatOutbox.enqueue(m, messages);
  }

  /** The state machine's answer, or the error that explains it. */
  private decide(from: FlowStatus | null, action: FlowAction, actor: FlowActor): FlowStatus {
    const decision = decideFlowAction(from, action, actor);
    if (decision.ok) return decision.to;
    const details = {
      action,
      status: from,
      actor,
      allowedStates: decision.allowedFrom,
      allowedActors: decision.allowedBy,
    };
    if (decision.reason === 'wrong_actor') {
      const who = decision.allowedBy.map((a) => ACTOR_LABELS[a]).join('或');
      throw new AppException(ErrorCode.FLOW_WRONG_ACTOR, `“${FLOW_ACTION_LABELS[action]}”应由${who}办理`, details);
    }
    const now = from ? `当前状态为“${FLOW_STATUS_LABELS[from]}”` : '该党员目前没有进行中的流动记录';
    throw new AppException(ErrorCode.FLOW_WRONG_STATE, `${now}，不能${FLOW_ACTION_LABELS[action]}`, details);
  }

  /** A party group (党小组) strictly under the flow's receiving branch; anything else is not confirmed to exist. */
  private checkPartyGroup(flow: Flow, group: Org | null): void {
    if (
      !group ||
      !flow.receivingPath ||
      group.id === flow.receivingBranchId ||
      !group.path.startsWith(flow.receivingPath)
    )
      throw new AppException(ErrorCode.NOT_FOUND, '流入地党支部下没有这个党小组');
    if (group.level !== 'group') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '只能编入党小组');
  }

  private ownBranch(message: string): AppException {
    return new AppException(ErrorCode.VALIDATION_FAILED, message, [
      { path: 'receivingBranchId', problem: "receivingBranchId is the member's own branch" },
    ]);
  }

  private flowNotFound(): AppException {
    return new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
  }

  /** A flow opened at the destination, before anyone has recorded the four facts. */
  private noFacts(member: FlowMember): Omit<NewFlow, 'receivingBranchId' | 'receivingPath' | 'status' | 'origin'> {
    return {
      memberId: member.id,
      sendingBranchId: member.branchId,
      sendingPath: member.branchPath,
      destinationRegionCode: null,
      destinationAddressCipher: null,
      industry: null,
      occupation: null,
      employer: null,
      expectedFrom: null,
      expectedUntil: null,
    };
  }

  private async viewFor(scope: Scope, id: string): Promise<FlowView> {
    const row = await this.flows.findRowById(id);
    const side = row ? flowSideFor(scope, row) : 'none';
    if (!row || side === 'none') throw this.flowNotFound();
    const actions = [...new Set(flowActorsFor(scope, row).flatMap((a) => availableFlowActions(row.status, a)))];
    const base = {
      id: row.id,
      status: row.status,
      origin: row.origin,
      version: row.version,
      memberId: row.memberId,
      memberName: this.pii.decrypt(row.memberNameCipher),
      memberPhoneMasked: row.memberPhoneCipher ? maskPhone(this.pii.decrypt(row.memberPhoneCipher)) : null,
      sendingBranchId: row.sendingBranchId,
      sendingBranchName: row.sendingBranchName,
      receivingBranchId: row.receivingBranchId,
      receivingBranchName: row.receivingBranchName,
      partyGroupId: row.partyGroupId,
      partyGroupName: row.partyGroupName,
      expectedFrom: row.expectedFrom,
      expectedUntil: row.expectedUntil,
      approvedAt: iso(row.approvedAt),
      arrivedAt: iso(row.arrivedAt),
      activatedAt: iso(row.activatedAt),
      endedAt: iso(row.endedAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      availableActions: FLOW_ACTIONS.filter((a) => actions.includes(a)),
    };
    if (side === 'receiving') return { ...base, side };
    const changes = row.status === 'changes_requested' ? await this.flows.findChangesRequested(row.id) : null;
    return {
      ...base,
      side,
      destinationRegionCode: row.destinationRegionCode,
      destinationAddress: this.pii.decryptOptional(row.destinationAddressCipher),
      industry: row.industry,
      occupation: row.occupation,
      employer: row.employer,
      contactPhoneMasked: row.contactPhoneCipher ? maskPhone(this.pii.decrypt(row.contactPhoneCipher)) : null,
      certificateNo: row.certificateNo,
      changesRequested: changes ? { comment: changes.comment, at: changes.at.toISOString() } : null,
    };
  }

  private listItem(scope: Scope, row: FlowRow): FlowListItem {
    const side = flowSideFor(scope, row);
    return {
      id: row.id,
      side: side === 'none' ? 'sending' : side,
      status: row.status,
      origin: row.origin,
      memberId: row.memberId,
      memberName: this.pii.decrypt(row.memberNameCipher),
      sendingBranchName: row.sendingBranchName,
      receivingBranchName: row.receivingBranchName,
      expectedFrom: row.expectedFrom,
      expectedUntil: row.expectedUntil,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
