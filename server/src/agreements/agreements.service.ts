import { Injectable } from '@nestjs/common';
import {
  AGREEMENT_PARTY_LEVELS,
  ErrorCode,
  agreementInForce,
  chinaDate,
  compareAgreementsForFlow,
  type AgreementStatus,
  type AgreementView,
  type Role,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { Clock } from '../common/time/clock.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { AgreementsRepository, type AgreementRow } from './agreements.repository.js';
import type { CreateAgreementDto } from './dto/agreement.dto.js';

/** Only an organisation department (org admin) signs or ends an agreement, or sets its list, on behalf of its region. */
const SIGN_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

/** What the responsibility lists need of an agreement whose list the caller may read or set. */
export interface AgreementParties {
  id: string;
  title: string;
  sendingOrgPath: string;
  receivingOrgPath: string;
  status: AgreementStatus;
}

/**
 * 共管协议. An agreement is visible to everyone acting for a subtree that meets
 * either party's (the parties, the orgs above them and the branches below);
 * it is signed or ended by an org admin acting for either party.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateAgreementDto): Promise<AgreementView> {
    const scope = await this.scopes.forPrincipal(principal);
    const [sending, receiving] = await Promise.all([
      this.orgs.findById(dto.sendingOrgId),
      this.orgs.findById(dto.receivingOrgId),
    ]);
    const mine = [sending, receiving].find((o) => o && (scope.systemAdmin || actsFor(scope, o.path)));
    // Neither party in the caller's world: the other id is not confirmed to exist either.
    if (!mine) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    if (!scope.systemAdmin && !this.signsFor(scope, sending) && !this.signsFor(scope, receiving))
      throw new AppException(ErrorCode.FORBIDDEN, '只有协议一方的组织部门管理员可以签订共管协议');
    if (!sending || !receiving) throw new AppException(ErrorCode.NOT_FOUND, '找不到协议另一方的组织');
    if (sending.id === receiving.id)
      throw new AppException(ErrorCode.VALIDATION_FAILED, '协议双方不能是同一个组织', [
        { path: 'receivingOrgId', problem: 'receivingOrgId must differ from sendingOrgId' },
      ]);
    if (!AGREEMENT_PARTY_LEVELS.includes(sending.level) || !AGREEMENT_PARTY_LEVELS.includes(receiving.level))
      throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '共管协议由乡镇（街道）及以上党组织签订');
    const id = await this.agreements.transaction(async (m) => {
      const created = await this.agreements.insert(m, {
        sendingOrgId: sending.id,
        receivingOrgId: receiving.id,
        title: dto.title,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
        scopeNote: dto.scopeNote ?? null,
        createdBy: principal.accountId,
      });
      await this.recordChange(m, principal, 'agreement.create', created, sending.path, {
        sendingOrgId: sending.id,
        receivingOrgId: receiving.id,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
      });
      return created;
    });
    return this.toView((await this.agreements.findRowById(id))!);
  }

  async list(principal: Principal): Promise<AgreementView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const rows = await this.agreements.list(scope.systemAdmin ? null : actingPaths(scope));
    return rows.map((r) => this.toView(r));
  }

  async view(principal: Principal, id: string): Promise<AgreementView> {
    return this.toView(this.visible(await this.scopes.forPrincipal(principal), await this.agreements.findRowById(id)));
  }

  async end(principal: Principal, id: string): Promise<AgreementView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = this.visible(scope, await this.agreements.findRowById(id));
    if (
      !scope.systemAdmin &&
      !actsFor(scope, row.sendingOrgPath, SIGN_ROLES) &&
      !actsFor(scope, row.receivingOrgPath, SIGN_ROLES)
    )
      throw new AppException(ErrorCode.FORBIDDEN, '只有协议一方的组织部门管理员可以终止共管协议');
    await this.agreements.transaction(async (m) => {
      if (!(await this.agreements.end(m, id, principal.accountId)))
        throw new AppException(ErrorCode.AGREEMENT_ALREADY_ENDED);
      await this.recordChange(m, principal, 'agreement.end', id, row.sendingOrgPath, {
        sendingOrgId: row.sendingOrgId,
        receivingOrgId: row.receivingOrgId,
      });
    });
    return this.toView((await this.agreements.findRowById(id))!);
  }

  /**
   * The agreement whose own responsibility list the caller asks to read or
   * set (see decisions.md (m)). Reading: anyone who manages (secretary or org
   * admin) for either party's org itself, i.e. the parties' organisation
   * departments and those above them. Setting: an org admin of either party,
   * while the agreement is active. Out of sight: NOT_FOUND; in sight without
   * the role (a branch below a party): FORBIDDEN.
   */
  async partiesForList(principal: Principal, id: string, intent: 'read' | 'set'): Promise<AgreementParties> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = this.visible(scope, await this.agreements.findRowById(id));
    const roles = intent === 'set' ? SIGN_ROLES : MANAGE_ROLES;
    if (
      !scope.systemAdmin &&
      !actsFor(scope, row.sendingOrgPath, roles) &&
      !actsFor(scope, row.receivingOrgPath, roles)
    )
      throw new AppException(
        ErrorCode.FORBIDDEN,
        intent === 'set'
          ? '只有协议一方的组织部门管理员可以设置协议的责任清单'
          : '只有协议双方的组织部门可以查看协议的责任清单',
      );
    if (intent === 'set' && row.status !== 'active')
      throw new AppException(ErrorCode.AGREEMENT_ALREADY_ENDED, '这份共管协议已经终止，不能再修改它的责任清单');
    return {
      id: row.id,
      title: row.title,
      sendingOrgPath: row.sendingOrgPath,
      receivingOrgPath: row.receivingOrgPath,
      status: row.status,
    };
  }

  /** The ids of the agreements in force today for a flow, the one that governs it first (compareAgreementsForFlow). */
  async governingFor(sendingPath: string, receivingPath: string | null): Promise<string[]> {
    if (!receivingPath) return [];
    const today = chinaDate(this.clock.now());
    const rows = await this.agreements.findCovering(sendingPath, receivingPath);
    return rows
      .filter((r) => agreementInForce(r, { sendingPath, receivingPath }, today))
      .sort(compareAgreementsForFlow)
      .map((r) => r.id);
  }

  /** The agreements in force today for a flow sent from `sendingPath` and received at `receivingPath`. */
  async inForceFor(sendingPath: string, receivingPath: string | null): Promise<{ id: string; title: string }[]> {
    if (!receivingPath) return [];
    const today = chinaDate(this.clock.now());
    const rows = await this.agreements.findCovering(sendingPath, receivingPath);
    return rows
      .filter((r) => agreementInForce(r, { sendingPath, receivingPath }, today))
      .map((r) => ({ id: r.id, title: r.title }));
  }

  /** An agreement's audit event, filed under its sending party as flows file theirs under the sending branch. */
  private async recordChange(
    m: EntityManager,
    principal: Principal,
    action: 'agreement.create' | 'agreement.end',
    id: string,
    sendingOrgPath: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        action,
        result: 'ok',
        ...auditActor(principal),
        targetType: 'agreement',
        targetId: id,
        orgPath: sendingOrgPath,
        details,
      },
      m,
    );
  }

  private signsFor(scope: Scope, org: Org | null): boolean {
    return org !== null && actsFor(scope, org.path, SIGN_ROLES);
  }

  /** The agreement, if one of the caller's subtrees meets either party's; otherwise NOT_FOUND. */
  private visible(scope: Scope, row: AgreementRow | null): AgreementRow {
    if (row && (scope.systemAdmin || this.meets(scope, row.sendingOrgPath) || this.meets(scope, row.receivingOrgPath)))
      return row;
    throw new AppException(ErrorCode.NOT_FOUND, '找不到这份共管协议');
  }

  private meets(scope: Scope, partyPath: string): boolean {
    return actingPaths(scope).some((p) => p.startsWith(partyPath) || partyPath.startsWith(p));
  }

  private toView(r: AgreementRow): AgreementView {
    return {
      id: r.id,
      sendingOrgId: r.sendingOrgId,
      sendingOrgName: r.sendingOrgName,
      receivingOrgId: r.receivingOrgId,
      receivingOrgName: r.receivingOrgName,
      title: r.title,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      scopeNote: r.scopeNote,
      status: r.status,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }
}
