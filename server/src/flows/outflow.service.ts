import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  maskPhone,
  type CertificateState,
  type CertificateView,
  type OutflowReportVersionView,
  type RevealContactView,
} from '@pioneer/shared';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { REVEAL_ROLES, actsFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { beijingDate } from './beijing-date.js';
import { flowSideFor } from './flow-sides.js';
import { FlowsRepository, type FlowRow } from './flows.repository.js';

/** While the member is away (or about to be, or out of reach), the certificate stands. */
const CERTIFICATE_LIVE: ReadonlySet<string> = new Set(['approved', 'arrived', 'active', 'lost_contact']);

/**
 * What the sending side and the member read about an outflow report beyond
 * the flow itself: its versions with the branch's answers, the contact phone
 * in full (audited), and the electronic certificate (流动党员活动证).
 */
@Injectable()
export class OutflowService {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every version of the report with the comments on it; the member and the sending side only. */
  async versions(principal: Principal, id: string): Promise<OutflowReportVersionView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.homeSideRow(scope, id);
    const rows = await this.flows.findReportVersions(id);
    return rows.map((v) => ({
      round: v.round,
      destinationRegionCode: v.destinationRegionCode,
      destinationAddress: this.pii.decrypt(v.destinationAddressCipher),
      industry: v.industry,
      occupation: v.occupation,
      employer: v.employer,
      expectedFrom: v.expectedFrom,
      expectedUntil: v.expectedUntil,
      contactPhoneMasked: v.contactPhoneCipher ? maskPhone(this.pii.decrypt(v.contactPhoneCipher)) : null,
      contactNote: this.pii.decryptOptional(v.contactNoteCipher),
      submittedByName: v.submittedByName,
      submittedAt: v.submittedAt.toISOString(),
      reviewAction: v.reviewAction,
      reviewComment: v.reviewComment,
      reviewedByName: v.reviewedByName,
      reviewedAt: v.reviewedAt ? v.reviewedAt.toISOString() : null,
    }));
  }

  /** The full contact phone of the report: the sending side's secretary or org admin, every read audited (refusals too). */
  async revealContact(principal: Principal, id: string): Promise<RevealContactView> {
    const entry = { action: 'member.reveal' as const, ...auditActor(principal), targetType: 'flow', targetId: id };
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.flows.findRowById(id);
    const side = row ? flowSideFor(scope, row) : 'none';
    if (!row || side === 'none' || side === 'self') {
      await this.audit.record({ ...entry, result: 'denied', orgPath: null, details: { code: ErrorCode.NOT_FOUND } });
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
    }
    if (side !== 'sending' || !actsFor(scope, row.sendingPath, REVEAL_ROLES)) {
      await this.audit.record({
        ...entry,
        result: 'denied',
        orgPath: row.sendingPath,
        details: { code: ErrorCode.FORBIDDEN, field: 'contact_phone' },
      });
      throw new AppException(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以查看完整联系电话');
    }
    await this.audit.record({ ...entry, result: 'ok', orgPath: row.sendingPath, details: { field: 'contact_phone' } });
    return { flowId: row.id, contactPhone: this.pii.decryptOptional(row.contactPhoneCipher) };
  }

  /** 流动党员活动证: issued on approval; the member and the sending side see it, nobody else. */
  async certificate(principal: Principal, id: string): Promise<CertificateView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.homeSideRow(scope, id);
    if (!row.certificateNo || !row.approvedAt) throw new AppException(ErrorCode.FLOW_CERTIFICATE_NOT_ISSUED);
    const issuedOn = beijingDate(row.approvedAt);
    const validUntil = row.expectedUntil && row.expectedUntil > issuedOn ? row.expectedUntil : issuedOn;
    let state: CertificateState = 'valid';
    if (!CERTIFICATE_LIVE.has(row.status)) state = 'revoked';
    else if (beijingDate(this.clock.now()) > validUntil) state = 'expired';
    return {
      flowId: row.id,
      certificateNo: row.certificateNo,
      memberId: row.memberId,
      memberName: this.pii.decrypt(row.memberNameCipher),
      sendingBranchName: row.sendingBranchName,
      sendingTrail: await this.flows.findTrailNames(row.sendingPath),
      flowStatus: row.status,
      issuedOn,
      validFrom: issuedOn,
      validUntil,
      state,
    };
  }

  /** The flow, if the caller is the member or on its sending side; the receiving side may not, others get 404. */
  private async homeSideRow(scope: Scope, id: string): Promise<FlowRow> {
    const row = await this.flows.findRowById(id);
    const side = row ? flowSideFor(scope, row) : 'none';
    if (!row || side === 'none') throw new AppException(ErrorCode.NOT_FOUND, '找不到这条流动记录');
    if (side === 'receiving')
      throw new AppException(ErrorCode.FORBIDDEN, '外出报告和流动党员活动证只有党员本人和流出地党组织可以查看');
    return row;
  }
}
