import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CODE_ALPHABET,
  ErrorCode,
  PERSONAL_CODE_STEP_SECONDS,
  PUBLIC_CODE_LENGTH,
  groupFallbackCode,
  parseCode,
  scanLink,
  timeStep,
  type BranchCodeView,
  type BranchSummary,
  type ParsedCode,
  type PersonalCodeKey,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { CheckinsRepository, uniqueViolation } from './checkins.repository.js';
import { CodeKeysService } from './code-keys.service.js';
import {
  branchMac,
  fallbackCheck,
  judgeStep,
  personalMac,
  personalSecret,
  sameText,
  signBranchCode,
} from './code-signer.js';
import { renderBranchPoster } from './poster/poster.js';
import { WxacodesService, type BranchWxacodeImage } from './wxacodes.service.js';

/** A random public code: 8 Crockford base32 characters (40 bits). */
export function newPublicCode(): string {
  let code = '';
  for (let i = 0; i < PUBLIC_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function codeError(code: ErrorCode, message?: string): AppException {
  return new AppException(code, message);
}

/** How `pregenerateMiniProgramCodes` got on after each batch. */
export interface PregenerateProgress {
  /** Branches in the subtree. */
  total: number;
  /** Branches looked at so far. */
  done: number;
  /** Codes made so far (one WeChat call each). */
  made: number;
  /** Branches whose code was already stored. */
  cached: number;
}

export interface PregenerateOptions {
  batchSize: number;
  /** WeChat calls at a time (its limit is 5,000 a minute per mini-program). */
  concurrency: number;
  onBatch?: (progress: PregenerateProgress) => void;
  /** Aborting stops after the branch in progress. */
  signal?: AbortSignal;
}

/**
 * Branch codes (报到码) and personal codes (个人先锋码): making them, and
 * telling a good one from a forged, altered, revoked or expired one. A code
 * never holds personal data: a branch or member is named by a random public
 * code that means nothing outside this system.
 */
@Injectable()
export class CodesService {
  constructor(
    private readonly repo: CheckinsRepository,
    private readonly keys: CodeKeysService,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly wxacodes: WxacodesService,
  ) {}

  /**
   * A branch's printable code, for the staff of that branch or above. It never
   * waits for WeChat: the mini-program code's image is fetched on its own.
   */
  async branchCode(principal: Principal, orgId: string): Promise<BranchCodeView> {
    return this.codeView(await this.staffBranch(principal, orgId));
  }

  /** The branch's mini-program code image: made by WeChat on first use (or by `codes:pregenerate`), then stored. */
  async branchWxacode(principal: Principal, orgId: string): Promise<BranchWxacodeImage> {
    const branch = await this.staffBranch(principal, orgId);
    if (!this.config.codes.miniProgram)
      throw new AppException(ErrorCode.NOT_FOUND, '本系统未启用微信小程序码，请使用普通二维码海报');
    const view = await this.codeView(branch);
    return this.wxacodes.code(branch.id, view.keyVersion, view.scene);
  }

  async poster(principal: Principal, orgId: string): Promise<{ png: Buffer; pdf: Buffer; view: BranchCodeView }> {
    const branch = await this.staffBranch(principal, orgId);
    const view = await this.codeView(branch);
    const code =
      view.codeType === 'wechat_mini_program'
        ? { codeImage: (await this.wxacodes.code(branch.id, view.keyVersion, view.scene)).image }
        : { qrText: view.link };
    const { png, pdf } = await renderBranchPoster({
      branchName: view.branchName,
      ...code,
      fallbackCode: view.fallbackCodeGrouped,
      lines: ['外出党员到达后，请用微信扫一扫向党组织报到', '无法扫码时，在“扫码”页输入上面的手动输入码'],
    });
    return { png, pdf, view };
  }

  /**
   * Makes the mini-program code of every branch under `rootOrgId` (itself
   * included) that has none under the current key version, in batches of
   * branches in tree order. For operators (`codes:pregenerate`), not for a
   * request: it checks no caller. Stops at the first failure, which it throws;
   * run again to carry on, as stored codes are skipped.
   */
  async pregenerateMiniProgramCodes(rootOrgId: string, options: PregenerateOptions): Promise<PregenerateProgress> {
    const root = await this.orgs.findById(rootOrgId);
    if (!root) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    const key = await this.keys.current('branch');
    const progress: PregenerateProgress = {
      total: await this.wxacodes.countBranchesUnder(root.path),
      done: 0,
      made: 0,
      cached: 0,
    };
    let after: string | null = null;
    while (!options.signal?.aborted) {
      const batch = await this.wxacodes.branchesUnder(root.path, key.version, after, options.batchSize);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].path;
      const missing = batch.filter((b) => !b.cached);
      progress.cached += batch.length - missing.length;
      progress.done += batch.length - missing.length;
      const failures: unknown[] = [];
      const worker = async () => {
        for (let branch = missing.shift(); branch; branch = missing.shift()) {
          if (failures.length > 0 || options.signal?.aborted) return;
          try {
            const scene = signBranchCode(key.key, await this.orgPublicCode(branch.id), key.version);
            if (await this.wxacodes.ensure(branch.id, key.version, scene)) progress.made += 1;
            else progress.cached += 1;
            progress.done += 1;
          } catch (error) {
            failures.push(error);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
      options.onBatch?.({ ...progress });
      // The first failure: the workers stop taking branches after it.
      if (failures.length > 0) throw failures[0];
    }
    return progress;
  }

  /** The branch a branch code or typed fallback code names, once its signature checks out. */
  async verifyBranchCode(parsed: Extract<ParsedCode, { kind: 'branch' | 'fallback' }>): Promise<Org> {
    if (parsed.kind === 'branch') {
      const key = await this.keys.version('branch', parsed.keyVersion);
      if (!key) throw codeError(ErrorCode.CODE_FORGED);
      if (!sameText(branchMac(key.key, parsed.branchCode, parsed.keyVersion), parsed.mac))
        throw codeError(ErrorCode.CODE_FORGED);
      if (key.revoked) throw codeError(ErrorCode.CODE_REVOKED);
    } else {
      // A typed code carries no version: it is good if any live key made it.
      const live = await this.keys.live('branch');
      const matches = live.some((k) => sameText(fallbackCheck(k.key, parsed.branchCode, k.version), parsed.check));
      if (!matches) throw codeError(ErrorCode.CODE_FORGED, '手动输入码不正确，请核对后重新输入');
    }
    const orgId = await this.repo.findOrgIdByPublicCode(parsed.branchCode);
    const org = orgId ? await this.orgs.findById(orgId) : null;
    // A correctly signed code for a branch that no longer exists.
    if (!org) throw codeError(ErrorCode.CODE_REVOKED, '这个党支部的报到码已停用');
    return org;
  }

  async branchSummary(org: Org): Promise<BranchSummary> {
    const trail = await this.orgs.trail(org);
    return {
      id: org.id,
      name: org.name,
      address: org.address,
      parentNames: trail.filter((o) => o.id !== org.id && o.depth > 0).map((o) => o.name),
      activityDay: org.activityDay ? `每月${org.activityDay}日` : null,
    };
  }

  /** The member's personal-code secret under the current key, so the phone can show codes offline. */
  async personalCodeKey(principal: Principal): Promise<PersonalCodeKey> {
    if (!principal.memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先绑定党员信息');
    const memberCode = await this.memberPublicCode(principal.memberId);
    const key = await this.keys.current('personal');
    return {
      memberCode,
      keyVersion: key.version,
      secret: personalSecret(key.key, principal.memberId).toString('base64url'),
      stepSeconds: PERSONAL_CODE_STEP_SECONDS,
    };
  }

  /**
   * The member a personal code names. Judged at `at` (the scan time of an
   * offline scan, else now): the code of that 30-second step or the two
   * before it (the secretary may take a moment), one step ahead for skew.
   */
  async verifyPersonalCode(parsed: Extract<ParsedCode, { kind: 'personal' }>, at: Date): Promise<string> {
    const key = await this.keys.version('personal', parsed.keyVersion);
    if (!key) throw codeError(ErrorCode.CODE_FORGED);
    const memberId = await this.repo.findMemberIdByPublicCode(parsed.memberCode);
    if (!memberId) throw codeError(ErrorCode.CODE_FORGED);
    const secret = personalSecret(key.key, memberId);
    if (!sameText(personalMac(secret, parsed.memberCode, parsed.keyVersion, parsed.step), parsed.mac))
      throw codeError(ErrorCode.CODE_FORGED);
    if (key.revoked)
      throw codeError(ErrorCode.CODE_REVOKED, '这个个人先锋码已停用，请党员打开“我的先锋码”页面刷新后再试');
    const verdict = judgeStep(parsed.step, timeStep(at, PERSONAL_CODE_STEP_SECONDS), 2, 1);
    if (verdict !== 'current') throw codeError(ErrorCode.CODE_EXPIRED, '个人先锋码已过期，请党员刷新后再扫');
    return memberId;
  }

  parse(code: string): ParsedCode {
    const parsed = parseCode(code);
    if (!parsed) throw codeError(ErrorCode.CODE_MALFORMED);
    return parsed;
  }

  now(): Date {
    return this.clock.now();
  }

  /** A branch the caller holds a staff role for (at it or above it); anything else is not there. */
  async staffBranch(
    principal: Principal,
    orgId: string,
    roles?: ReadonlySet<Principal['roles'][number]>,
  ): Promise<Org> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党支部');
    if (roles && !actsFor(scope, org.path, roles))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以办理');
    if (org.level !== 'branch') throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '只有党支部有报到码和活动');
    return org;
  }

  private async codeView(branch: Org): Promise<BranchCodeView> {
    const code = await this.orgPublicCode(branch.id);
    const key = await this.keys.current('branch');
    const scene = signBranchCode(key.key, code, key.version);
    const fallbackCode = code + fallbackCheck(key.key, code, key.version);
    return {
      branchId: branch.id,
      branchName: branch.name,
      scene,
      fallbackCode,
      fallbackCodeGrouped: groupFallbackCode(fallbackCode),
      link: scanLink(this.config.publicBaseUrl, scene),
      codeType: this.config.codes.miniProgram ? 'wechat_mini_program' : 'qr',
      keyVersion: key.version,
    };
  }

  private async orgPublicCode(orgId: string): Promise<string> {
    return this.publicCode(
      () => this.repo.findOrgPublicCode(orgId),
      (code) => this.repo.assignOrgPublicCode(orgId, code),
    );
  }

  private async memberPublicCode(memberId: string): Promise<string> {
    return this.publicCode(
      () => this.repo.findMemberPublicCode(memberId),
      (code) => this.repo.assignMemberPublicCode(memberId, code),
    );
  }

  /** The existing public code, or a new random one (drawn again on the rare collision). */
  private async publicCode(
    find: () => Promise<string | null>,
    assign: (code: string) => Promise<string>,
  ): Promise<string> {
    const existing = await find();
    if (existing) return existing;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        return await assign(newPublicCode());
      } catch (error) {
        if (uniqueViolation(error) === null) throw error;
      }
    }
    throw new AppException(ErrorCode.SERVICE_UNAVAILABLE, '暂时无法生成先锋码，请稍后再试');
  }
}
