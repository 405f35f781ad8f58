import type { CertificateView, FlowSelfView, HomeForHolidaysItem } from '@pioneer/shared';
import { makeFlowSendingView } from './factories';

/** The member's own view of a flow. */
export function makeFlowSelfView(overrides: Partial<FlowSelfView> = {}): FlowSelfView {
  return { ...makeFlowSendingView(), availableActions: ['withdraw'], ...overrides, side: 'self' };
}

export function makeCertificate(overrides: Partial<CertificateView> = {}): CertificateView {
  return {
    flowId: 'flow-1',
    certificateNo: 'LD-2025-0000042',
    memberId: 'm-1',
    memberName: '王师傅',
    sendingBranchName: '东王庄村党支部',
    sendingTrail: ['河南省', '焦作市', '修武县', '五里源乡', '东王庄村', '东王庄村党支部'],
    flowStatus: 'approved',
    issuedOn: '2025-02-21',
    validFrom: '2025-02-21',
    validUntil: '2025-12-31',
    state: 'valid',
    ...overrides,
  };
}

let sequence = 0;

export function makeHomeForHolidaysItem(overrides: Partial<HomeForHolidaysItem> = {}): HomeForHolidaysItem {
  sequence += 1;
  return {
    homeStayId: `stay-${sequence}`,
    flowId: `flow-h${sequence}`,
    memberId: `member-h${sequence}`,
    memberName: `返乡党员${sequence}`,
    memberPhoneMasked: '138****5678',
    branchId: 'branch-1',
    branchName: '东王庄村党支部',
    homeFrom: '2026-01-25',
    homeUntil: '2026-02-10',
    occasion: 'spring_festival',
    ...overrides,
  };
}
