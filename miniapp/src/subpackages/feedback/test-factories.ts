import type {
  EvaluationEntryView,
  EvaluationRoundView,
  FeedbackDraft,
  FeedbackDueItem,
  FeedbackFacts,
  FeedbackView,
} from '@pioneer/shared';

/** Test data for the feedback and evaluation screens (kept beside them; only specs import it). */
export function makeFacts(overrides: Partial<FeedbackFacts> = {}): FeedbackFacts {
  return {
    activitiesHeld: 3,
    activitiesAttended: 2,
    checkinsTotal: 3,
    studyHours: 4.5,
    studyItemsFinished: 2,
    volunteerActivities: 1,
    volunteerHours: 1.5,
    points: null,
    ...overrides,
  };
}

export function makeDueItem(overrides: Partial<FeedbackDueItem> = {}): FeedbackDueItem {
  return {
    flowId: 'flow-1',
    memberId: 'm-1',
    name: '王小明',
    sendingBranchName: '东风村党支部',
    receivingBranchName: '修武县驻上海流动党员党支部',
    period: '2026-Q1',
    periodLabel: '2026年第一季度',
    feedbackId: null,
    status: 'due',
    ...overrides,
  };
}

export function makeDraft(overrides: Partial<FeedbackDraft> = {}): FeedbackDraft {
  return {
    flowId: 'flow-1',
    memberId: 'm-1',
    name: '王小明',
    sendingBranchName: '东风村党支部',
    receivingBranchName: '修武县驻上海流动党员党支部',
    period: '2026-Q1',
    periodLabel: '2026年第一季度',
    periodStart: '2026-01-01',
    periodEnd: '2026-04-01',
    facts: makeFacts(),
    existingFeedbackId: null,
    ...overrides,
  };
}

export function makeFeedback(overrides: Partial<FeedbackView> = {}): FeedbackView {
  return {
    id: 'fb-1',
    flowId: 'flow-1',
    memberId: 'm-1',
    name: '王小明',
    sendingBranchName: '东风村党支部',
    receivingBranchName: '修武县驻上海流动党员党支部',
    period: '2026-Q1',
    periodLabel: '2026年第一季度',
    status: 'sent',
    facts: makeFacts(),
    rating: 'good',
    assessment: '按时参加组织生活。',
    sentAt: '2026-04-02T01:00:00.000Z',
    acknowledgedAt: null,
    acknowledgeComment: null,
    side: 'sending',
    ...overrides,
  };
}

export function makeRound(overrides: Partial<EvaluationRoundView> = {}): EvaluationRoundView {
  return {
    id: 'round-1',
    branchId: 'b-1',
    branchName: '东风村党支部',
    year: 2026,
    status: 'open',
    members: 2,
    selfAssessed: 1,
    graded: 0,
    openedAt: '2026-11-20T01:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

export function makeEntry(overrides: Partial<EvaluationEntryView> = {}): EvaluationEntryView {
  return {
    roundId: 'round-1',
    memberId: 'm-1',
    name: '王小明',
    away: true,
    selfAssessment: '坚持学习。',
    selfAssessedAt: '2026-11-21T01:00:00.000Z',
    feedback: [
      {
        feedbackId: 'fb-1',
        period: '2026-Q1',
        periodLabel: '2026年第一季度',
        receivingBranchName: '修武县驻上海流动党员党支部',
        rating: 'poor',
        assessment: '两次未参加组织生活。',
      },
    ],
    facts: {
      activitiesHeld: 10,
      activitiesAttended: 4,
      studyHours: 12,
      studyRequiredHours: 24,
      volunteerHours: 3,
      points: null,
    },
    summary: {
      feedbackCount: 1,
      ratings: { excellent: 0, good: 0, fair: 0, poor: 1 },
      attendanceRate: 0.4,
      concerns: ['poor_feedback', 'low_attendance', 'study_behind'],
    },
    grade: null,
    reasons: null,
    gradedAt: null,
    ...overrides,
  };
}
