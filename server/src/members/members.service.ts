import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ID_NUMBER_PATTERN,
  PHONE_PATTERN,
  maskIdNumber,
  maskPhone,
  type MemberListItem,
  type MemberReceivingView,
  type MemberRevealView,
  type MemberSendingView,
  type MemberSelfView,
  type MemberView,
  type NoSmartphoneView,
  type Paginated,
} from '@pioneer/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES, REVEAL_ROLES, actingPaths, actsFor, sideFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { BindMemberDto, CreateMemberDto, ListMembersQueryDto } from './dto/member.dto.js';
import type { Member } from './member.entity.js';
import { MembersRepository, type MemberRow, type NewMember } from './members.repository.js';

const PG_UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === PG_UNIQUE_VIOLATION && name === constraint;
}

/** The roster. Visibility and field masking come from the scope model; full PII reads are audited by the caller's controller path. */
@Injectable()
export class MembersService {
  /** Wrong binding attempts per account: 5 an hour, then wait. */
  private readonly bindGuesses = new RateLimiterMemory({ keyPrefix: 'member-bind', points: 5, duration: 3600 });

  constructor(
    private readonly members: MembersRepository,
    private readonly orgs: OrgsService,
    private readonly accounts: AccountsService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateMemberDto): Promise<MemberSendingView> {
    const scope = await this.scopes.forPrincipal(principal);
    const branch = await this.orgs.getVisible(scope, dto.branchId);
    if (!scope.systemAdmin && !actsFor(scope, branch.path, MANAGE_ROLES)) {
      throw new AppException(ErrorCode.FORBIDDEN, '只有本支部书记或上级组织管理员可以登记党员');
    }
    if (branch.level !== 'branch') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '党员的组织关系只能落在党支部');
    const member = await this.insert(this.newMember(dto, branch.id, branch.path));
    await this.audit.record({
      action: 'member.create',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'member',
      targetId: member.id,
      orgPath: branch.path,
    });
    return this.sendingView((await this.members.findRowById(member.id))!);
  }

  /** For imports and demo data, already authorised by the caller; runs inside the caller's transaction. */
  async insert(values: NewMember, manager?: EntityManager): Promise<Member> {
    try {
      return await this.members.insert(values, manager);
    } catch (error) {
      if (isUniqueViolation(error, 'members_id_number_index_key'))
        throw new AppException(ErrorCode.MEMBER_DUPLICATE_ID_NUMBER);
      throw error;
    }
  }

  /**
   * 组织关系转接: the membership moves to `to`, inside the caller's
   * transaction (the flow transition that decided it), with its own audit
   * event under the new branch so both branches' admins can find the move.
   * The caller has already authorised it.
   */
  async transferMembership(
    manager: EntityManager,
    principal: Principal,
    move: { memberId: string; flowId: string; to: { branchId: string; branchPath: string } },
  ): Promise<void> {
    const from = await this.members.moveToBranch(manager, move.memberId, move.to);
    if (!from) throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    await this.audit.record(
      {
        action: 'member.update',
        result: 'ok',
        ...auditActor(principal),
        targetType: 'member',
        targetId: move.memberId,
        orgPath: move.to.branchPath,
        details: {
          change: 'membership_transfer',
          flowId: move.flowId,
          fromBranchId: from.branchId,
          toBranchId: move.to.branchId,
        },
      },
      manager,
    );
  }

  newMember(dto: Omit<CreateMemberDto, 'branchId'>, branchId: string, branchPath: string): NewMember {
    const idNumber = dto.idNumber.trim().toUpperCase();
    const name = dto.name.trim();
    return {
      branchId,
      branchPath,
      nameCipher: this.pii.encrypt(name),
      nameIndex: this.pii.index('name', name),
      gender: dto.gender ?? null,
      ethnicity: dto.ethnicity ?? null,
      birthDate: dto.birthDate ?? birthDateOf(idNumber),
      idNumberCipher: this.pii.encrypt(idNumber),
      idNumberIndex: this.pii.index('id_number', idNumber),
      nameId6Index: this.pii.index('name_id6', `${name}:${idNumber.slice(-6)}`),
      phoneCipher: this.pii.encryptOptional(dto.phone),
      phoneIndex: dto.phone ? this.pii.index('phone', dto.phone) : null,
      education: dto.education ?? null,
      joinedAt: dto.joinedAt ?? null,
      membershipStatus: dto.membershipStatus ?? 'full',
      residenceCipher: this.pii.encryptOptional(dto.residence),
      occupation: dto.occupation ?? null,
      industry: dto.industry ?? null,
      employer: dto.employer ?? null,
      skills: dto.skills ?? [],
      noSmartphone: false,
    };
  }

  async list(principal: Principal, query: ListMembersQueryDto): Promise<Paginated<MemberListItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope);
    if (query.orgId) {
      const org = await this.orgs.getVisible(scope, query.orgId);
      paths = [org.path];
    }
    const limit = query.limit ?? 50;
    const rows = await this.members.list({
      sendingPaths: query.side === 'receiving' ? [] : paths,
      receivingPaths: query.side === 'sending' ? [] : paths,
      ...this.searchIndexes(query.q),
      afterId: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map((row) => this.listItem(scope, row));
    return rows.length > limit ? { items, nextCursor: page[page.length - 1].id } : { items };
  }

  async view(principal: Principal, id: string): Promise<MemberView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.visibleRow(scope, id);
    const side = sideFor(scope, placementOf(row));
    if (side === 'sending') return this.sendingView(row);
    if (side === 'receiving') return this.receivingView(row);
    return this.selfView(row);
  }

  async mine(principal: Principal): Promise<MemberSelfView> {
    const scope = await this.scopes.forPrincipal(principal);
    if (!scope.memberId) throw new AppException(ErrorCode.NOT_FOUND, '您还没有绑定党员信息，请先在“我的”页面绑定');
    return this.selfView((await this.members.findRowById(scope.memberId))!);
  }

  /** The full ID number and phone, audited: who read whose, when, and whether it was refused. */
  async revealAudited(principal: Principal, id: string): Promise<MemberRevealView> {
    const entry = { action: 'member.reveal' as const, ...auditActor(principal), targetType: 'member', targetId: id };
    try {
      const { view, orgPath } = await this.reveal(principal, id);
      await this.audit.record({ ...entry, result: 'ok', orgPath });
      return view;
    } catch (error) {
      if (error instanceof AppException) {
        // A refused full read is recorded too; the org is known only when the member was in sight.
        const orgPath =
          error.code === ErrorCode.FORBIDDEN ? ((await this.members.findById(id))?.branchPath ?? null) : null;
        await this.audit.record({ ...entry, result: 'denied', orgPath, details: { code: error.code } });
      }
      throw error;
    }
  }

  /** The full ID number and phone, for the sending side's secretary or org admin only. */
  private async reveal(principal: Principal, id: string): Promise<{ view: MemberRevealView; orgPath: string }> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.visibleRow(scope, id);
    if (!actsFor(scope, row.branchPath, REVEAL_ROLES)) {
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以查看完整身份证号和手机号');
    }
    return {
      view: {
        id: row.id,
        idNumber: this.pii.decrypt(row.idNumberCipher),
        phone: this.pii.decryptOptional(row.phoneCipher),
      },
      orgPath: row.branchPath,
    };
  }

  /** A member links their WeChat account to their roster entry. Wrong guesses are limited; re-binding goes through the branch. */
  async bind(principal: Principal, dto: BindMemberDto): Promise<MemberSelfView> {
    if (principal.kind !== 'member') throw new AppException(ErrorCode.FORBIDDEN, '只有党员微信账号可以绑定党员信息');
    if (!dto.phone && !dto.idLast6)
      throw new AppException(ErrorCode.VALIDATION_FAILED, '请填写手机号或身份证号后 6 位', [
        { path: 'phone', problem: 'phone or idLast6 is required' },
      ]);
    const account = await this.accounts.findAccount(principal.accountId);
    if (account?.memberId) throw new AppException(ErrorCode.ACCOUNT_ALREADY_BOUND);
    await this.checkBindBudget(principal.accountId);
    const name = dto.name.trim();
    const candidates = await this.members.findForBinding(
      this.pii.index('name', name),
      dto.phone
        ? { phoneIndex: this.pii.index('phone', dto.phone) }
        : { nameId6Index: this.pii.index('name_id6', `${name}:${dto.idLast6}`) },
    );
    if (candidates.length !== 1) {
      await this.spendBindGuess(principal.accountId);
      throw new AppException(ErrorCode.BIND_NO_MATCH);
    }
    const member = candidates[0];
    try {
      if (!(await this.accounts.bindMember(principal.accountId, member.id)))
        throw new AppException(ErrorCode.ACCOUNT_ALREADY_BOUND);
    } catch (error) {
      if (isUniqueViolation(error, 'accounts_member_id_key')) throw new AppException(ErrorCode.MEMBER_ALREADY_BOUND);
      throw error;
    }
    return this.selfView((await this.members.findRowById(member.id))!);
  }

  /**
   * Re-binding goes through the branch: the member's own secretary (or an org
   * admin above) unlinks the WeChat account, and the member binds again.
   */
  async unbind(principal: Principal, id: string): Promise<{ unbound: boolean }> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.visibleRow(scope, id);
    if (!actsFor(scope, row.branchPath, MANAGE_ROLES)) {
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以解除微信绑定');
    }
    const accountId = await this.accounts.unbindMember(id);
    await this.audit.record({
      action: 'member.update',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'member',
      targetId: id,
      orgPath: row.branchPath,
      details: { change: 'wechat_unbind', accountId },
    });
    return { unbound: accountId !== null };
  }

  /**
   * Marks a member as having no smartphone, or not: study packs then go on
   * the mailed red-parcel list instead of WeChat. The member's own branch
   * secretary (or an org admin above) sets it; audited.
   */
  async setNoSmartphone(principal: Principal, id: string, noSmartphone: boolean): Promise<NoSmartphoneView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.visibleRow(scope, id);
    if (!actsFor(scope, row.branchPath, MANAGE_ROLES)) {
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以设置');
    }
    const stored = await this.members.setNoSmartphone(id, noSmartphone);
    await this.audit.record({
      action: 'member.update',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'member',
      targetId: id,
      orgPath: row.branchPath,
      details: { change: 'no_smartphone', noSmartphone: stored },
    });
    return { memberId: id, noSmartphone: stored };
  }

  private async checkBindBudget(accountId: string): Promise<void> {
    const state = await this.bindGuesses.get(accountId);
    if (state && state.remainingPoints <= 0) throw this.bindLimited(state);
  }

  private async spendBindGuess(accountId: string): Promise<void> {
    try {
      await this.bindGuesses.consume(accountId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.bindLimited(rejection);
      throw rejection;
    }
  }

  private bindLimited(state: RateLimiterRes): AppException {
    const minutes = Math.max(1, Math.ceil(state.msBeforeNext / 60000));
    return new AppException(ErrorCode.RATE_LIMITED, `核对失败次数过多，请 ${minutes} 分钟后再试，或联系所在支部`);
  }

  /** Out of scope answers NOT_FOUND, so ids outside the caller's world are not confirmed to exist. */
  private async visibleRow(scope: Scope, id: string): Promise<MemberRow> {
    const row = await this.members.findRowById(id);
    if (!row || sideFor(scope, placementOf(row)) === 'none')
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这位党员');
    return row;
  }

  private searchIndexes(q: string | undefined): { nameIndex?: string; phoneIndex?: string; idNumberIndex?: string } {
    if (!q) return {};
    const compact = q.replace(/[\s-]/g, '').toUpperCase();
    if (PHONE_PATTERN.test(compact)) return { phoneIndex: this.pii.index('phone', compact) };
    if (ID_NUMBER_PATTERN.test(compact)) return { idNumberIndex: this.pii.index('id_number', compact) };
    return { nameIndex: this.pii.index('name', q.trim()) };
  }

  private listItem(scope: Scope, row: MemberRow): MemberListItem {
    const side = sideFor(scope, placementOf(row)) === 'receiving' ? 'receiving' : 'sending';
    return {
      id: row.id,
      side,
      name: this.pii.decrypt(row.nameCipher),
      phoneMasked: row.phoneCipher ? maskPhone(this.pii.decrypt(row.phoneCipher)) : null,
      branchName: row.branchName,
      membershipStatus: row.membershipStatus,
      flowStatus: row.flowStatus,
    };
  }

  private sendingView(row: MemberRow): MemberSendingView {
    return {
      side: 'sending',
      id: row.id,
      branchId: row.branchId,
      branchName: row.branchName,
      name: this.pii.decrypt(row.nameCipher),
      gender: row.gender,
      ethnicity: row.ethnicity,
      birthDate: row.birthDate,
      idNumberMasked: maskIdNumber(this.pii.decrypt(row.idNumberCipher)),
      phoneMasked: row.phoneCipher ? maskPhone(this.pii.decrypt(row.phoneCipher)) : null,
      education: row.education,
      joinedAt: row.joinedAt,
      membershipStatus: row.membershipStatus,
      residence: this.pii.decryptOptional(row.residenceCipher),
      occupation: row.occupation,
      industry: row.industry,
      employer: row.employer,
      skills: row.skills,
      noSmartphone: row.noSmartphone,
    };
  }

  private selfView(row: MemberRow): MemberSelfView {
    return { ...this.sendingView(row), side: 'self' };
  }

  private receivingView(row: MemberRow): MemberReceivingView {
    return {
      side: 'receiving',
      id: row.id,
      name: this.pii.decrypt(row.nameCipher),
      phoneMasked: row.phoneCipher ? maskPhone(this.pii.decrypt(row.phoneCipher)) : null,
      sendingBranchName: row.branchName,
    };
  }
}

function placementOf(row: MemberRow) {
  return { memberId: row.id, branchPath: row.branchPath, receivingPath: row.receivingPath };
}

/** Characters 7–14 of a resident ID are the birth date. */
function birthDateOf(idNumber: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(idNumber);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
