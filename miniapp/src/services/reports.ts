import {
  GreetingRoutes,
  ReportRoutes,
  SuggestionRoutes,
  type CreateSuggestionRequest,
  type GreetingView,
  type ListReportsQuery,
  type ListSuggestionsQuery,
  type MonthlyReportFacts,
  type MoveSuggestionRequest,
  type MyDueReports,
  type MyReportListItem,
  type MyReportView,
  type Paginated,
  type ReportListItem,
  type ReportView,
  type SaveReportDraftRequest,
  type SendGreetingRequest,
  type SubmitReportRequest,
  type SuggestionListItem,
  type SuggestionView,
  type UploadedSuggestionImage,
} from '@pioneer/shared';
import type { PickedFile } from '../platform/files';
import { http, newIdempotencyKey } from './http';
import { pathOf } from './path';

/** The client key of one logical submission, made once per form and reused on every retry. */
export const newClientKey = newIdempotencyKey;

export const fetchDueReports = () => http.get<MyDueReports>(ReportRoutes.myDue);

export const fetchMonthlyFacts = (month: string) =>
  http.get<MonthlyReportFacts>(ReportRoutes.myFacts, { query: { month } });

export const listMyReports = (cursor?: string) =>
  http.get<Paginated<MyReportListItem>>(ReportRoutes.myList, { query: { cursor } });

export const fetchMyReport = (id: string) => http.get<MyReportView>(pathOf(ReportRoutes.myOne, { id }));

export const saveReportDraft = (request: SaveReportDraftRequest) => http.put<MyReportView>(ReportRoutes.draft, request);

export const submitReport = (request: SubmitReportRequest) => http.post<MyReportView>(ReportRoutes.submit, request);

export const listReportsToRead = (query: ListReportsQuery) =>
  http.get<Paginated<ReportListItem>>(ReportRoutes.list, { query: { ...query } });

/** Opening a report marks it read for the branch (and is recorded). */
export const readReport = (id: string) => http.get<ReportView>(pathOf(ReportRoutes.one, { id }));

export const replyToReport = (id: string, reply: string) =>
  http.post<ReportView>(pathOf(ReportRoutes.reply, { id }), { reply });

export const uploadSuggestionImage = (file: PickedFile) =>
  http.upload<UploadedSuggestionImage>(SuggestionRoutes.uploadImage, file);

export const sendSuggestion = (request: CreateSuggestionRequest) =>
  http.post<SuggestionView>(SuggestionRoutes.mine, request);

export const listMySuggestions = (cursor?: string) =>
  http.get<Paginated<SuggestionListItem>>(SuggestionRoutes.mine, { query: { cursor } });

export const fetchMySuggestion = (id: string) => http.get<SuggestionView>(pathOf(SuggestionRoutes.myOne, { id }));

export const listReceivedSuggestions = (query: ListSuggestionsQuery) =>
  http.get<Paginated<SuggestionListItem>>(SuggestionRoutes.list, { query: { ...query } });

export const fetchSuggestion = (id: string) => http.get<SuggestionView>(pathOf(SuggestionRoutes.one, { id }));

export const moveSuggestion = (id: string, request: MoveSuggestionRequest) =>
  http.post<SuggestionView>(pathOf(SuggestionRoutes.status, { id }), request);

/** A picture of a suggestion, saved on the device (it needs the token, so it cannot be an <Image src> URL). */
export const downloadSuggestionImage = (id: string, imageId: string) =>
  http.download(pathOf(SuggestionRoutes.image, { id, imageId }));

export const sendGreeting = (request: SendGreetingRequest) =>
  http.post<GreetingView>(GreetingRoutes.greetings, request);

export const listGreetings = (orgId: string, cursor?: string) =>
  http.get<Paginated<GreetingView>>(GreetingRoutes.greetings, { query: { orgId, cursor } });
