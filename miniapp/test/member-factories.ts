import type {
  ActivitySummary,
  ArrivalResult,
  BranchSummary,
  CheckinView,
  FlowSelfView,
  PersonalCodeKey,
} from '@pioneer/shared';
import { makeFlowSendingView } from './factories';

let sequence = 0;

/** The member's own flow, as GET /api/flows/:id shows it to them. */
export function makeFlowSelfView(overrides: Partial<FlowSelfView> = {}): FlowSelfView {
  return { ...makeFlowSendingView(), side: 'self', availableActions: [], ...overrides };
}

export function makeBranchSummary(overrides: Partial<BranchSummary> = {}): BranchSummary {
  sequence += 1;
  return {
    id: `branch-${sequence}`,
    name: '璜泾镇流动党员党支部',
    address: '江苏省太仓市璜泾镇党群服务中心',
    parentNames: ['太仓市', '璜泾镇党委'],
    activityDay: null,
    ...overrides,
  };
}

export function makeArrivalResult(overrides: Partial<ArrivalResult> = {}): ArrivalResult {
  return {
    repeated: false,
    flow: makeFlowSelfView({
      status: 'arrived',
      receivingBranchId: 'branch-r',
      receivingBranchName: '璜泾镇流动党员党支部',
      arrivedAt: '2025-03-01T08:00:00.000Z',
    }),
    ...overrides,
  };
}

export function makeCheckinView(overrides: Partial<CheckinView> = {}): CheckinView {
  sequence += 1;
  return {
    id: `checkin-${sequence}`,
    activityId: 'act-1',
    activityTitle: '3月主题党日：学雷锋志愿服务',
    memberId: 'm-1',
    memberName: '王师傅',
    method: 'venue_code',
    checkedInAt: '2025-03-05T01:02:00.000Z',
    checkedOutAt: null,
    minutes: null,
    offline: false,
    anomalies: [],
    ...overrides,
  };
}

export function makePersonalCodeKey(overrides: Partial<PersonalCodeKey> = {}): PersonalCodeKey {
  return {
    memberCode: 'K7Q2M9XD',
    keyVersion: 1,
    // 32 bytes, base64url: what the server hands out.
    secret: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
    stepSeconds: 30,
    ...overrides,
  };
}

export function makeActivitySummary(overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  sequence += 1;
  return {
    id: `act-${sequence}`,
    branchId: 'branch-1',
    branchName: '璜泾镇流动党员党支部',
    kind: 'volunteer_service',
    title: '志愿服务：社区义务维修',
    place: '新港社区服务中心',
    startsAt: '2025-03-05T01:00:00.000Z',
    endsAt: '2025-03-05T03:00:00.000Z',
    checkoutEnabled: false,
    status: 'open',
    ...overrides,
  };
}
