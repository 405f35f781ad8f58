import { Injectable } from '@nestjs/common';
import { ErrorCode, PAIRING_PAGE_DEFAULT, type LostProposalView, type Paginated } from '@pioneer/shared';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { MANAGE_ROLES, actingPaths, actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { FlowsService } from '../flows/flows.service.js';
import { InboxService } from '../notifications/inbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { ConfirmLostDto, DismissLostDto, LostProposalsQueryDto } from './dto/pairing.dto.js';
import { daysAfter } from './pairing-rules.js';
import { AWAY_STATUSES, PairingRepository, type ProposalRow } from './pairing.repository.js';
import { PairingService } from './pairing.service.js';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The secretary's side of 失联: open proposals under their branches, and
 * the two decisions. Confirming takes the flow action `mark_lost` through
 * FlowsService (its state machine, history, audit and notices); dismissing
 * keeps the member off the list for the rules' quiet period.
 */
@Injectable()
export class LostContactService {
  constructor(
    private readonly repo: PairingRepository,
    private readonly pairings: PairingService,
    private readonly flows: FlowsService,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly audit: AuditService,
    private readonly inbox: InboxService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: LostProposalsQueryDto): Promise<Paginated<LostProposalView>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope, MANAGE_ROLES);
    if (paths.length === 0) throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以确认党员失联');
    if (query.orgId) {
      const org = await this.orgs.findById(query.orgId);
      if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
      if (!actsFor(scope, org.path, MANAGE_ROLES))
        throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以确认党员失联');
      paths = [org.path];
    }
    const limit = query.limit ?? PAIRING_PAGE_DEFAULT;
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { at, id };
    }
    const rows = await this.repo.listOpenProposals(paths, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = page.map((r) => this.pairings.proposalView(r));
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  /** 确认失联: the flow is marked lost (FlowsService), then the proposal is closed. */
  async confirm(principal: Principal, id: string, dto: ConfirmLostDto): Promise<LostProposalView> {
    const proposal = await this.openProposal(principal, id);
    await this.flows.act(principal, proposal.flowId, {
      action: 'mark_lost',
      ...(dto.reason ? { reason: dto.reason } : {}),
    });
    await this.close(principal, proposal, 'confirmed', dto.reason ?? null, null);
    return this.view(id);
  }

  /** 排除: the member is not lost; no new proposal for them until the quiet period ends. */
  async dismiss(principal: Principal, id: string, dto: DismissLostDto): Promise<LostProposalView> {
    const proposal = await this.openProposal(principal, id);
    const rules = await this.pairings.rulesAt(proposal.branchPath);
    await this.close(principal, proposal, 'dismissed', dto.reason, daysAfter(this.clock.now(), rules.dismissQuietDays));
    return this.view(id);
  }

  /** An open proposal the caller may decide; one whose member is no longer away is closed on the spot. */
  private async openProposal(principal: Principal, id: string): Promise<ProposalRow> {
    const scope = await this.scopes.forPrincipal(principal);
    const proposal = await this.repo.findProposal(id);
    if (!proposal || !actsFor(scope, proposal.branchPath))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这条失联提醒');
    if (!actsFor(scope, proposal.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以确认党员失联');
    if (proposal.status !== 'open') throw new AppException(ErrorCode.LOST_PROPOSAL_CLOSED);
    if (!(AWAY_STATUSES as readonly string[]).includes(proposal.flowStatus)) {
      await this.repo.transaction(async (m) => {
        if (
          await this.repo.decideProposal(m, id, {
            status: 'resolved',
            at: this.clock.now(),
            by: null,
            reasonCipher: null,
            quietUntil: null,
          })
        )
          await this.inbox.complete(m, proposal.memberId, ['pairing.lost_proposed']);
      });
      throw new AppException(ErrorCode.LOST_PROPOSAL_STALE);
    }
    return proposal;
  }

  private async close(
    principal: Principal,
    proposal: ProposalRow,
    status: 'confirmed' | 'dismissed',
    reason: string | null,
    quietUntil: Date | null,
  ): Promise<void> {
    await this.repo.transaction(async (m) => {
      const closed = await this.repo.decideProposal(m, proposal.id, {
        status,
        at: this.clock.now(),
        by: principal.accountId,
        reasonCipher: reason ? this.pii.encrypt(reason) : null,
        quietUntil,
      });
      if (!closed) throw new AppException(ErrorCode.LOST_PROPOSAL_CLOSED);
      await this.inbox.complete(m, proposal.memberId, ['pairing.lost_proposed']);
      await this.audit.record(
        {
          action: status === 'confirmed' ? 'pairing.lost_confirmed' : 'pairing.lost_dismissed',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'member',
          targetId: proposal.memberId,
          orgPath: proposal.branchPath,
          details: { proposalId: proposal.id, flowId: proposal.flowId, silentDays: proposal.silentDays },
        },
        m,
      );
    });
  }

  private async view(id: string): Promise<LostProposalView> {
    return this.pairings.proposalView((await this.repo.findProposal(id))!);
  }
}
