import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  maskName,
  normaliseRedemptionCode,
  REDEMPTION_CODE_ALPHABET,
  REDEMPTION_CODE_LENGTH,
  type BenefitView,
  type CatalogueBenefit,
  type CreateBenefitRequest,
  type Paginated,
  type RedeemResult,
  type RedemptionView,
  type Role,
  type StaffRedemptionView,
  type UpdateBenefitRequest,
} from '@pioneer/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { encodeCursor } from '../common/pagination/cursor.js';
import { actingPaths, actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { PointsPolicy } from './points-policy.js';
import { PointsRepository, type BenefitRow, type RedemptionRow } from './points.repository.js';
import { cursorAfter, memberOf, PointsService } from './points.service.js';

/** Who keeps a catalogue: the org's admins and the community's staff. */
export const CATALOGUE_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin', 'community_staff']);
/** Who may fulfil a code as the provider: any staff grant over the benefit's org. */
export const PROVIDER_ROLES: ReadonlySet<Role> = new Set<Role>([
  'org_admin',
  'community_staff',
  'branch_secretary',
  'branch_committee',
]);

/** A random code from the unambiguous alphabet; nothing in it says who holds it. */
export function newRedemptionCode(): string {
  const bytes = randomBytes(REDEMPTION_CODE_LENGTH * 2);
  let code = '';
  // Rejection sampling keeps every character equally likely.
  for (const b of bytes) {
    if (b >= 248) continue; // 248 = 8 × 31
    code += REDEMPTION_CODE_ALPHABET[b % REDEMPTION_CODE_ALPHABET.length];
    if (code.length === REDEMPTION_CODE_LENGTH) return code;
  }
  return newRedemptionCode();
}

/** The org paths a member's benefits may come from: their home and receiving branches and every org above them. */
export function ancestorPaths(...paths: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    if (!path) continue;
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i += 1) out.add(`/${parts.slice(0, i).join('/')}/`);
  }
  return [...out];
}

function benefitView(row: BenefitRow): BenefitView {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    title: row.title,
    description: row.description,
    cost: row.cost,
    stock: row.stock,
    perMemberLimit: row.perMemberLimit,
    provider: row.provider,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

function redemptionView(row: RedemptionRow): RedemptionView {
  return {
    id: row.id,
    benefitId: row.benefitId,
    benefitTitle: row.benefitTitle,
    provider: row.provider,
    cost: row.cost,
    code: row.code,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}

/**
 * Benefits and their redemption (兑换). Redeeming takes the member's balance
 * lock, checks the per-member limit, takes one from stock and appends the
 * deduction in one transaction, so neither stock nor balance can go below
 * zero however many redeem at once; cancelling gives both back.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly repo: PointsRepository,
    private readonly points: PointsService,
    private readonly policy: PointsPolicy,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
    private readonly pii: PiiCrypto,
  ) {}

  // ── catalogue (staff) ──────────────────────────────────────────────────

  async create(principal: Principal, dto: CreateBenefitRequest): Promise<BenefitView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(dto.orgId);
    if (!org || !actsFor(scope, org.path, CATALOGUE_ROLES)) {
      if (org && actsFor(scope, org.path)) throw forbiddenCatalogue();
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    }
    const id = await this.repo.insertBenefit({
      orgId: org.id,
      orgPath: org.path,
      title: dto.title,
      description: dto.description ?? null,
      cost: dto.cost,
      stock: dto.stock,
      perMemberLimit: dto.perMemberLimit ?? null,
      provider: dto.provider,
      active: dto.active ?? true,
      createdBy: principal.accountId,
      at: this.clock.now(),
    });
    return benefitView((await this.repo.findBenefit(null, id))!);
  }

  async update(principal: Principal, id: string, dto: UpdateBenefitRequest): Promise<BenefitView> {
    await this.managedBenefit(principal, id);
    await this.repo.updateBenefit(id, dto, this.clock.now());
    return benefitView((await this.repo.findBenefit(null, id))!);
  }

  async list(
    principal: Principal,
    query: { orgId?: string; cursor?: string; limit?: number },
  ): Promise<Paginated<BenefitView>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope, PROVIDER_ROLES);
    if (paths.length === 0) throw new AppException(ErrorCode.FORBIDDEN, '只有组织的工作人员可以查看权益目录');
    if (query.orgId) {
      const org = await this.orgs.findById(query.orgId);
      if (!org || !actsFor(scope, org.path, PROVIDER_ROLES))
        throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
      paths = [org.path];
    }
    const limit = query.limit ?? 20;
    const rows = await this.repo.findBenefitsWithin(
      paths,
      query.cursor ? cursorAfter(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = page.map(benefitView);
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  // ── the member ─────────────────────────────────────────────────────────

  async catalogue(principal: Principal): Promise<CatalogueBenefit[]> {
    const memberId = memberOf(principal);
    const placement = (await this.repo.findPlacement(null, memberId))!;
    const rows = await this.repo.findCatalogue(ancestorPaths(placement.branchPath, placement.receivingPath), memberId);
    return rows.map((r) => ({ ...benefitView(r), redeemedByMe: r.redeemedByMe }));
  }

  async redeem(principal: Principal, benefitId: string): Promise<RedeemResult> {
    const memberId = memberOf(principal);
    const placement = (await this.repo.findPlacement(null, memberId))!;
    const benefit = await this.repo.findBenefit(null, benefitId);
    if (!benefit || !ancestorPaths(placement.branchPath, placement.receivingPath).includes(benefit.orgPath))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这项权益');
    if (!benefit.active) throw new AppException(ErrorCode.BENEFIT_INACTIVE);
    const id = randomUUID();
    const balance = await this.repo.transaction(async (m) => {
      const now = this.clock.now();
      // The member's lock first: their redemptions (and every posting to them) queue here.
      const held = await this.repo.lockBalance(m, memberId, now);
      const current = (await this.repo.findBenefit(m, benefitId))!;
      if (held < current.cost) throw new AppException(ErrorCode.POINTS_INSUFFICIENT);
      if (
        current.perMemberLimit !== null &&
        (await this.repo.countHeld(m, benefitId, memberId)) >= current.perMemberLimit
      )
        throw new AppException(ErrorCode.BENEFIT_LIMIT_REACHED);
      if (!(await this.repo.takeStock(m, benefitId))) {
        const now2 = await this.repo.findBenefit(m, benefitId);
        throw new AppException(now2?.active ? ErrorCode.BENEFIT_OUT_OF_STOCK : ErrorCode.BENEFIT_INACTIVE);
      }
      const entry = await this.points.append(m, {
        memberId,
        branchPath: placement.branchPath,
        source: 'redemption',
        sourceRef: id,
        amount: -current.cost,
        quantity: null,
        ruleVersion: this.policy.rules.version,
        reason: `兑换“${current.title}”`,
        status: 'posted',
        reversesEntryId: null,
        actorAccountId: principal.accountId,
        at: now,
      });
      await this.repo.insertRedemption(m, {
        id,
        benefitId,
        memberId,
        cost: current.cost,
        code: newRedemptionCode(),
        entryId: entry.id,
        at: now,
      });
      return held - current.cost;
    });
    return { redemption: redemptionView((await this.repo.findRedemption(null, id))!), balance };
  }

  async mine(principal: Principal, query: { cursor?: string; limit?: number }): Promise<Paginated<RedemptionView>> {
    const memberId = memberOf(principal);
    const limit = query.limit ?? 20;
    const rows = await this.repo.findMemberRedemptions(
      memberId,
      query.cursor ? cursorAfter(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = page.map(redemptionView);
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  /** The member cancels an unfulfilled redemption, or the provider does: points and stock go back. */
  async cancel(principal: Principal, id: string): Promise<RedemptionView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findRedemption(null, id);
    const own = !!row && principal.memberId === row.memberId;
    if (!row || !(own || actsFor(scope, row.benefitOrgPath, PROVIDER_ROLES)))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这次兑换');
    if (row.status === 'fulfilled') throw new AppException(ErrorCode.REDEMPTION_ALREADY_FULFILLED);
    if (row.status === 'issued') {
      await this.repo.transaction(async (m) => {
        const now = this.clock.now();
        await this.repo.lockBalance(m, row.memberId, now);
        if (!(await this.repo.cancel(m, id, principal.accountId, now))) return;
        await this.repo.returnStock(m, row.benefitId);
        const placement = (await this.repo.findPlacement(m, row.memberId))!;
        await this.points.append(m, {
          memberId: row.memberId,
          branchPath: placement.branchPath,
          source: 'redemption_cancel',
          sourceRef: id,
          amount: row.cost,
          quantity: null,
          ruleVersion: this.policy.rules.version,
          reason: `取消兑换“${row.benefitTitle}”，积分退回`,
          status: 'posted',
          reversesEntryId: null,
          actorAccountId: principal.accountId,
          at: now,
        });
      });
    }
    const after = (await this.repo.findRedemption(null, id))!;
    if (after.status === 'fulfilled') throw new AppException(ErrorCode.REDEMPTION_ALREADY_FULFILLED);
    return redemptionView(after);
  }

  // ── the provider ───────────────────────────────────────────────────────

  async lookup(principal: Principal, code: string): Promise<StaffRedemptionView> {
    return this.staffView(await this.providedRedemption(principal, code));
  }

  /** Fulfils a code once; a second scan says it was already fulfilled. */
  async fulfil(principal: Principal, code: string): Promise<StaffRedemptionView> {
    const row = await this.providedRedemption(principal, code);
    if (row.status === 'cancelled') throw new AppException(ErrorCode.REDEMPTION_CANCELLED);
    if (row.status === 'fulfilled' || !(await this.repo.fulfil(row.id, principal.accountId, this.clock.now()))) {
      const now = await this.repo.findRedemption(null, row.id);
      throw new AppException(
        now?.status === 'cancelled' ? ErrorCode.REDEMPTION_CANCELLED : ErrorCode.REDEMPTION_ALREADY_FULFILLED,
      );
    }
    return this.staffView((await this.repo.findRedemption(null, row.id))!);
  }

  // ── helpers ──────────────────────────────────────────────────────────

  /** A redemption of a benefit the caller provides; any other code is simply invalid (no oracle). */
  private async providedRedemption(principal: Principal, input: string): Promise<RedemptionRow> {
    const scope = await this.scopes.forPrincipal(principal);
    if (actingPaths(scope, PROVIDER_ROLES).length === 0)
      throw new AppException(ErrorCode.FORBIDDEN, '只有提供权益的组织工作人员可以核销');
    const code = normaliseRedemptionCode(input);
    const row = code ? await this.repo.findRedemptionByCode(code) : null;
    if (!row || !actsFor(scope, row.benefitOrgPath, PROVIDER_ROLES))
      throw new AppException(ErrorCode.REDEMPTION_CODE_INVALID);
    return row;
  }

  private staffView(row: RedemptionRow): StaffRedemptionView {
    return {
      id: row.id,
      benefitId: row.benefitId,
      benefitTitle: row.benefitTitle,
      provider: row.provider,
      cost: row.cost,
      status: row.status,
      memberName: maskName(this.pii.decrypt(row.memberNameCipher)),
      createdAt: row.createdAt.toISOString(),
      fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
    };
  }

  private async managedBenefit(principal: Principal, id: string): Promise<BenefitRow> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findBenefit(null, id);
    if (!row || !actsFor(scope, row.orgPath, PROVIDER_ROLES))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这项权益');
    if (!actsFor(scope, row.orgPath, CATALOGUE_ROLES)) throw forbiddenCatalogue();
    return row;
  }
}

function forbiddenCatalogue(): AppException {
  return new AppException(ErrorCode.FORBIDDEN, '只有组织管理员或社区工作人员可以管理权益目录');
}
