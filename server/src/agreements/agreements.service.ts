import { Injectable } from '@nestjs/common';
import {
  AGREEMENT_PARTY_LEVELS,
  ErrorCode,
  agreementInForce,
  chinaDate,
  type AgreementView,
  type Role,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { Clock } from '../common/time/clock.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { AgreementsRepository, type AgreementRow } from './agreements.repository.js';
import type { CreateAgreementDto } from './dto/agreement.dto.js';

/** Only an organisation department (org admin) signs or ends an agreement on behalf of its region. */
const SIGN_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

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
    const id = await this.agreements.insert({
      sendingOrgId: sending.id,
      receivingOrgId: receiving.id,
      title: dto.title,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn ?? null,
      scopeNote: dto.scopeNote ?? null,
      createdBy: principal.accountId,
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
    if (!(await this.agreements.end(id, principal.accountId)))
      throw new AppException(ErrorCode.AGREEMENT_ALREADY_ENDED);
    return this.toView((await this.agreements.findRowById(id))!);
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
