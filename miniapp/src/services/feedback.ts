import {
  EvaluationRoutes,
  FeedbackRoutes,
  type AcknowledgeFeedbackRequest,
  type CreateFeedbackRequest,
  type EvaluationEntryView,
  type EvaluationRoundView,
  type FeedbackDraft,
  type FeedbackDueItem,
  type FeedbackStatus,
  type FeedbackView,
  type MyEvaluationResult,
  type MyEvaluationView,
  type Paginated,
  type RecordEvaluationResultRequest,
} from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

// ── performance feedback (表现反馈) ───────────────────────────────────────

/** Receiving side: members in my branches' care and whether the period's feedback is written. */
export function listFeedbackDue(cursor?: string, limit = 20): Promise<Paginated<FeedbackDueItem>> {
  return http.get<Paginated<FeedbackDueItem>>(FeedbackRoutes.due, { query: { cursor, limit } });
}

/** The form pre-filled with the member's facts for the period (the one just ended when none is given). */
export function fetchFeedbackDraft(flowId: string, period?: string): Promise<FeedbackDraft> {
  return http.get<FeedbackDraft>(pathOf(FeedbackRoutes.draft, { flowId }), { query: { period } });
}

export function sendFeedback(request: CreateFeedbackRequest): Promise<FeedbackView> {
  return http.post<FeedbackView>(FeedbackRoutes.create, request);
}

/** `received`: about my members (sending side); `sent`: written by my branches (receiving side). */
export function listFeedback(
  side: 'received' | 'sent',
  cursor?: string,
  status?: FeedbackStatus,
  limit = 20,
): Promise<Paginated<FeedbackView>> {
  return http.get<Paginated<FeedbackView>>(FeedbackRoutes.list, { query: { side, status, cursor, limit } });
}

export function acknowledgeFeedback(id: string, request: AcknowledgeFeedbackRequest): Promise<FeedbackView> {
  return http.post<FeedbackView>(pathOf(FeedbackRoutes.acknowledge, { id }), request);
}

/** The member's file on the sending side: every feedback received about them. */
export function listMemberFeedback(memberId: string): Promise<FeedbackView[]> {
  return http.get<FeedbackView[]>(pathOf(FeedbackRoutes.memberFeedback, { id: memberId }));
}

// ── democratic evaluation (民主评议) ──────────────────────────────────────

export function listEvaluationRounds(branchId?: string): Promise<EvaluationRoundView[]> {
  return http.get<EvaluationRoundView[]>(EvaluationRoutes.rounds, { query: { branchId } });
}

export function openEvaluationRound(branchId: string, year: number): Promise<EvaluationRoundView> {
  return http.post<EvaluationRoundView>(EvaluationRoutes.rounds, { branchId, year });
}

export function fetchEvaluationRound(id: string): Promise<EvaluationRoundView> {
  return http.get<EvaluationRoundView>(pathOf(EvaluationRoutes.round, { id }));
}

export function listEvaluationEntries(
  id: string,
  cursor?: string,
  limit = 20,
): Promise<Paginated<EvaluationEntryView>> {
  return http.get<Paginated<EvaluationEntryView>>(pathOf(EvaluationRoutes.entries, { id }), {
    query: { cursor, limit },
  });
}

export function recordEvaluationResult(
  id: string,
  memberId: string,
  request: RecordEvaluationResultRequest,
): Promise<EvaluationEntryView> {
  return http.put<EvaluationEntryView>(pathOf(EvaluationRoutes.result, { id, memberId }), request);
}

export function closeEvaluationRound(id: string): Promise<EvaluationRoundView> {
  return http.post<EvaluationRoundView>(pathOf(EvaluationRoutes.close, { id }));
}

export function fetchMyEvaluation(): Promise<MyEvaluationView> {
  return http.get<MyEvaluationView>(EvaluationRoutes.mySelfAssessment);
}

export function submitSelfAssessment(text: string): Promise<MyEvaluationView> {
  return http.put<MyEvaluationView>(EvaluationRoutes.mySelfAssessment, { text });
}

export function listMyEvaluationResults(): Promise<MyEvaluationResult[]> {
  return http.get<MyEvaluationResult[]>(EvaluationRoutes.myResults);
}
