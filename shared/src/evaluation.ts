/**
 * Democratic evaluation of members (民主评议党员): the sending branch opens a
 * yearly round, the inputs for each member are gathered automatically (the
 * receiving branch's feedback, the member's self-assessment, attendance,
 * study, points), the secretary records a grade with reasons, and closing the
 * round publishes the results to the members.
 */
import type { FeedbackRating } from './feedback.js';

export const EvaluationRoutes = {
  /** POST opens a round (one per branch and year); GET lists rounds of branches the caller acts for. */
  rounds: '/api/evaluation/rounds',
  round: '/api/evaluation/rounds/:id',
  /** The members of a round with their gathered inputs and result. */
  entries: '/api/evaluation/rounds/:id/members',
  entry: '/api/evaluation/rounds/:id/members/:memberId',
  result: '/api/evaluation/rounds/:id/members/:memberId/result',
  /** Closing publishes every result to its member. */
  close: '/api/evaluation/rounds/:id/close',
  /** The member: the open round they are in and their self-assessment (GET, PUT). */
  mySelfAssessment: '/api/me/evaluation',
  /** The member: their published results. */
  myResults: '/api/me/evaluation/results',
} as const;

export const EVALUATION_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
export const EVALUATION_GRADE_LABELS: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export const EVALUATION_ROUND_STATUSES = ['open', 'closed'] as const;
export type EvaluationRoundStatus = (typeof EVALUATION_ROUND_STATUSES)[number];
export const EVALUATION_ROUND_STATUS_LABELS: Record<EvaluationRoundStatus, string> = {
  open: '评议中',
  closed: '已结束，结果已公布',
};

export const EVALUATION_SELF_ASSESSMENT_MAX = 2000;
export const EVALUATION_REASONS_MAX = 1000;

export interface OpenEvaluationRoundRequest {
  branchId: string;
  year: number;
}

export interface EvaluationRoundView {
  id: string;
  branchId: string;
  branchName: string;
  year: number;
  status: EvaluationRoundStatus;
  members: number;
  selfAssessed: number;
  graded: number;
  openedAt: string;
  closedAt: string | null;
}

export interface ListEvaluationRoundsQuery {
  branchId?: string;
}

/** Study, attendance and points of the member for the round's year. */
export interface EvaluationFacts {
  /** Activities held by the member's branch, or by the branch receiving them, in the year. */
  activitiesHeld: number;
  activitiesAttended: number;
  studyHours: number;
  /** The yearly plan's required hours, if a plan applies. */
  studyRequiredHours: number | null;
  volunteerHours: number;
  /** Null while no points ledger exists. */
  points: number | null;
}

export interface EvaluationFeedbackInput {
  feedbackId: string;
  period: string;
  periodLabel: string;
  receivingBranchName: string;
  rating: FeedbackRating;
  assessment: string;
}

export const EVALUATION_CONCERNS = [
  'no_self_assessment',
  'no_feedback',
  'poor_feedback',
  'low_attendance',
  'study_behind',
] as const;
export type EvaluationConcern = (typeof EVALUATION_CONCERNS)[number];
export const EVALUATION_CONCERN_LABELS: Record<EvaluationConcern, string> = {
  no_self_assessment: '本人未提交自评',
  no_feedback: '外出期间没有流入地反馈',
  poor_feedback: '流入地反馈中有“较差”',
  low_attendance: '参加组织生活不足一半',
  study_behind: '学习时长未达年度要求',
};

/** What the secretary reads before grading: a summary, never a grade. */
export interface EvaluationInputSummary {
  feedbackCount: number;
  ratings: Record<FeedbackRating, number>;
  /** Share of activities attended, 0–1, or null when none were held. */
  attendanceRate: number | null;
  concerns: EvaluationConcern[];
}

export interface EvaluationEntryView {
  roundId: string;
  memberId: string;
  name: string;
  /** Whether the member was away (an open or past flow during the year). */
  away: boolean;
  selfAssessment: string | null;
  selfAssessedAt: string | null;
  feedback: EvaluationFeedbackInput[];
  facts: EvaluationFacts;
  summary: EvaluationInputSummary;
  grade: EvaluationGrade | null;
  reasons: string | null;
  gradedAt: string | null;
}

export interface RecordEvaluationResultRequest {
  grade: EvaluationGrade;
  reasons: string;
}

export interface MyEvaluationView {
  /** The open round the member is in, if any. */
  round: { id: string; year: number; branchName: string } | null;
  selfAssessment: string | null;
  selfAssessedAt: string | null;
}

export interface SubmitSelfAssessmentRequest {
  text: string;
}

export interface MyEvaluationResult {
  roundId: string;
  year: number;
  branchName: string;
  grade: EvaluationGrade;
  reasons: string;
  publishedAt: string;
}

// ── pure rules ───────────────────────────────────────────────────────────

/** Below this share of activities attended, attendance is raised as a concern. */
export const EVALUATION_LOW_ATTENDANCE = 0.5;

export interface EvaluationInputs {
  away: boolean;
  hasSelfAssessment: boolean;
  ratings: FeedbackRating[];
  facts: Pick<EvaluationFacts, 'activitiesHeld' | 'activitiesAttended' | 'studyHours' | 'studyRequiredHours'>;
}

/**
 * The summary beside a member's inputs: rating counts, attendance rate and
 * the concerns a secretary should look at. It suggests no grade: the grade is
 * the branch's judgement, with reasons.
 */
export function summariseEvaluationInputs(inputs: EvaluationInputs): EvaluationInputSummary {
  const ratings: Record<FeedbackRating, number> = { excellent: 0, good: 0, fair: 0, poor: 0 };
  for (const r of inputs.ratings) ratings[r] += 1;
  const { activitiesHeld, activitiesAttended, studyHours, studyRequiredHours } = inputs.facts;
  const attendanceRate =
    activitiesHeld > 0 ? Math.round(Math.min(1, activitiesAttended / activitiesHeld) * 100) / 100 : null;
  const concerns: EvaluationConcern[] = [];
  if (!inputs.hasSelfAssessment) concerns.push('no_self_assessment');
  if (inputs.away && inputs.ratings.length === 0) concerns.push('no_feedback');
  if (ratings.poor > 0) concerns.push('poor_feedback');
  if (attendanceRate !== null && attendanceRate < EVALUATION_LOW_ATTENDANCE) concerns.push('low_attendance');
  if (studyRequiredHours !== null && studyHours < studyRequiredHours) concerns.push('study_behind');
  return { feedbackCount: inputs.ratings.length, ratings, attendanceRate, concerns };
}

/** A round may be opened for the current year or, early in the next, for the year just ended. */
export function isEvaluationYearOpenable(year: number, currentYear: number): boolean {
  return year === currentYear || year === currentYear - 1;
}
