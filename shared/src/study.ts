/**
 * Monthly study packs (学习礼包) and flexible yearly plans (自主选学): the
 * shapes both sides share, and the pure rules of study time.
 */

export const StudyRoutes = {
  // ── authoring and publishing (org admins, for their subtree) ──
  packs: '/api/study/packs',
  pack: '/api/study/packs/:id',
  packItems: '/api/study/packs/:id/items',
  packItem: '/api/study/packs/:id/items/:itemId',
  publish: '/api/study/packs/:id/publish',
  /** Stops a pack: scheduled ones never go out, delivered ones disappear from members' lists. */
  withdraw: '/api/study/packs/:id/withdraw',
  /** Delivery progress of a published pack: inbox entries, WeChat messages, red parcels. */
  delivery: '/api/study/packs/:id/delivery',
  /** Members without a smartphone in the audience: the mailed red-parcel list (xlsx). */
  redParcels: '/api/study/packs/:id/red-parcels.xlsx',
  // ── reading (members) ──
  /** Packs delivered to me, newest first. */
  myPacks: '/api/me/study/packs',
  myPack: '/api/me/study/packs/:id',
  myItem: '/api/me/study/items/:itemId',
  /** Opening an item starts a reading session; heartbeats carry it. */
  open: '/api/me/study/items/:itemId/open',
  heartbeat: '/api/me/study/sessions/:sessionId/heartbeat',
  finish: '/api/me/study/sessions/:sessionId/finish',
  quiz: '/api/me/study/items/:itemId/quiz',
  myPlan: '/api/me/study/plan',
  /** Electives the member picks for the year. */
  myElectives: '/api/me/study/plan/electives',
  myHistory: '/api/me/study/history',
  // ── plans and oversight (org admins, secretaries, committee members) ──
  plans: '/api/study/plans',
  /** Completion for an org: its children's figures, never a ranking of people. */
  completion: '/api/study/completion/:orgId',
  /** For a committee member: the members paired with them who are behind plan. */
  pairedBehind: '/api/study/paired-behind',
  /** A branch secretary pairs a committee member with members of the branch (结对联系; #7 extends it). */
  pairings: '/api/study/pairings',
  /** The sending secretary marks a member as having no smartphone: red parcels instead of WeChat. */
  memberNoSmartphone: '/api/members/:id/no-smartphone',
} as const;

export const STUDY_PACK_KINDS = ['monthly', 'themed'] as const;
export type StudyPackKind = (typeof STUDY_PACK_KINDS)[number];

export const STUDY_ITEM_KINDS = ['article', 'audio', 'video_link', 'pdf_link'] as const;
export type StudyItemKind = (typeof STUDY_ITEM_KINDS)[number];
export const STUDY_ITEM_KIND_LABELS: Record<StudyItemKind, string> = {
  article: '图文',
  audio: '音频',
  video_link: '视频',
  pdf_link: '文件',
};

export const STUDY_PACK_STATUSES = ['draft', 'scheduled', 'publishing', 'published', 'withdrawn'] as const;
export type StudyPackStatus = (typeof STUDY_PACK_STATUSES)[number];
export const STUDY_PACK_STATUS_LABELS: Record<StudyPackStatus, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  publishing: '正在推送',
  published: '已发布',
  withdrawn: '已撤回',
};

/**
 * Who receives a pack: everyone whose membership is under `orgId`, narrowed by
 * where they stand — at home, away (any open flow that has left), or received
 * at a branch under `orgId` (the receiving side's audience).
 */
export const STUDY_AUDIENCE_SCOPES = ['members', 'members_away', 'members_at_home', 'received'] as const;
export type StudyAudienceScope = (typeof STUDY_AUDIENCE_SCOPES)[number];
export const STUDY_AUDIENCE_SCOPE_LABELS: Record<StudyAudienceScope, string> = {
  members: '组织关系在本组织的全体党员',
  members_away: '其中外出的流动党员',
  members_at_home: '其中在家的党员',
  received: '流入本组织的党员',
};

export interface StudyAudience {
  orgId: string;
  scope: StudyAudienceScope;
}

export const STUDY_TITLE_MAX = 80;
export const STUDY_SUMMARY_MAX = 300;
/** Rich text of an article, after sanitising; larger bodies are refused. */
export const STUDY_BODY_MAX_BYTES = 200_000;
export const STUDY_QUIZ_MAX_QUESTIONS = 10;

export interface QuizQuestion {
  text: string;
  options: string[];
  /** Index into options; only in the author's view. */
  answer?: number;
}

export interface StudyItemInput {
  kind: StudyItemKind;
  title: string;
  /** Articles: rich text (HTML); sanitised on the server (no script, no event handlers, http(s) images only). */
  body?: string;
  /** Audio, video and PDF items: an https link. */
  url?: string;
  /** Seconds of attention before the item counts (default by kind). */
  minSeconds?: number;
  /** At most this many seconds of one item count per day (default by kind). */
  capSeconds?: number;
  quiz?: QuizQuestion[];
}

export interface CreateStudyPackRequest {
  kind: StudyPackKind;
  title: string;
  summary?: string;
  /** YYYY-MM for a monthly pack. */
  month?: string;
  audience: StudyAudience;
}

/** Changes to a draft; absent fields stay as they are. */
export interface UpdateStudyPackRequest {
  kind?: StudyPackKind;
  title?: string;
  summary?: string;
  month?: string;
  audience?: StudyAudience;
}

export interface PublishStudyPackRequest {
  /** ISO 8601; absent: now. */
  publishAt?: string;
}

export interface StudyItemView {
  id: string;
  position: number;
  kind: StudyItemKind;
  title: string;
  body: string | null;
  url: string | null;
  minSeconds: number;
  capSeconds: number;
  quiz: QuizQuestion[] | null;
}

export interface StudyPackView {
  id: string;
  kind: StudyPackKind;
  title: string;
  summary: string | null;
  month: string | null;
  ownerOrgId: string;
  ownerOrgName: string;
  audience: StudyAudience;
  status: StudyPackStatus;
  publishAt: string | null;
  publishedAt: string | null;
  items: StudyItemView[];
  createdAt: string;
}

/** A pack in the authors' list, without its items. */
export type StudyPackSummary = Omit<StudyPackView, 'items'> & { itemCount: number };

export interface ListStudyPacksQuery {
  /** Packs owned by this org or below it (default: every subtree the caller acts for). */
  orgId?: string;
  status?: StudyPackStatus;
  cursor?: string;
  limit?: number;
}

export interface StudyDeliveryView {
  packId: string;
  status: StudyPackStatus;
  audience: number;
  inboxDelivered: number;
  wechatSent: number;
  wechatSkipped: number;
  wechatFailed: number;
  redParcels: number;
}

/** What a member sees of a pack delivered to them. */
export interface MyStudyPack {
  id: string;
  title: string;
  summary: string | null;
  month: string | null;
  publishedAt: string;
  items: MyStudyItem[];
  finishedItems: number;
}

export interface MyStudyItem {
  id: string;
  kind: StudyItemKind;
  title: string;
  minSeconds: number;
  /** Effective seconds counted so far (all days). */
  effectiveSeconds: number;
  finished: boolean;
  hasQuiz: boolean;
  quizScore: number | null;
}

export interface OpenStudyItemResponse {
  sessionId: string;
  /** How often to send a heartbeat while the item is on screen. */
  heartbeatSeconds: number;
  item: StudyItemView;
}

export interface HeartbeatRequest {
  /** 1, 2, 3 … per session; a repeated or older number earns nothing. */
  seq: number;
  /** Whether the page was visible and in front since the last beat. */
  visible: boolean;
}

export interface HeartbeatResponse {
  /** Seconds credited by this beat (0 for a replay, a hidden page, a beat too soon or a parallel item). */
  credited: number;
  effectiveSeconds: number;
  finished: boolean;
}

export interface QuizAnswerRequest {
  answers: number[];
}

export interface QuizResult {
  correct: number;
  total: number;
  score: number;
}

// ── the yearly plan ──────────────────────────────────────────────────────

export interface StudyPlanRule {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  /** Required effective study hours for the year. */
  requiredHours: number;
  /** Required activities attended (三会一课, 主题党日, 返乡补学 …). */
  requiredActivities: number;
  /** How many electives a member chooses. */
  electives: number;
}

export interface SetStudyPlanRequest {
  orgId: string;
  year: number;
  requiredHours: number;
  requiredActivities: number;
  electives: number;
}

export interface MyStudyPlan {
  year: number;
  rule: StudyPlanRule | null;
  hours: number;
  activities: number;
  electivesChosen: { packId: string; title: string; finished: boolean }[];
  /** Where the member should be by now, pro rata through the year. */
  expectedHoursByNow: number;
  behind: boolean;
}

export interface StudyPlansQuery {
  orgId: string;
  year: number;
}

export interface ChooseElectivesRequest {
  packIds: string[];
}

export interface StudyCompletionRow {
  orgId: string;
  orgName: string;
  members: number;
  onTrack: number;
  behind: number;
  /** Share of members on track, 0–1. */
  rate: number;
}

export interface StudyCompletionView {
  orgId: string;
  year: number;
  total: StudyCompletionRow;
  children: StudyCompletionRow[];
}

/** One day's study of one item, for the member's own history. */
export interface StudyHistoryEntry {
  /** YYYY-MM-DD, Beijing time. */
  day: string;
  packId: string;
  packTitle: string;
  itemId: string;
  itemTitle: string;
  seconds: number;
}

/** A paired member who is behind plan: what their committee member needs to help, nothing to compare people by. */
export interface PairedBehindMember {
  memberId: string;
  name: string;
  branchName: string;
  hours: number;
  expectedHoursByNow: number;
  activities: number;
  requiredActivities: number;
}

export interface SetPairingsRequest {
  branchId: string;
  /** A committee member (支委委员) or the secretary of that branch. */
  committeeAccountId: string;
  /** The branch's members paired with them; replaces their earlier pairings in this branch. */
  memberIds: string[];
}

export interface PairingsView {
  branchId: string;
  committeeAccountId: string;
  memberIds: string[];
}

export const PAIRING_MAX_MEMBERS = 50;

export interface SetNoSmartphoneRequest {
  noSmartphone: boolean;
}

export interface NoSmartphoneView {
  memberId: string;
  noSmartphone: boolean;
}

// ── pure rules ───────────────────────────────────────────────────────────

/** The beat interval the client uses; the server credits at most this plus a little slack per beat. */
export const HEARTBEAT_SECONDS = 15;
export const HEARTBEAT_SLACK_SECONDS = 5;

export const STUDY_ITEM_DEFAULTS: Record<StudyItemKind, { minSeconds: number; capSeconds: number }> = {
  article: { minSeconds: 120, capSeconds: 1_800 },
  audio: { minSeconds: 300, capSeconds: 3_600 },
  video_link: { minSeconds: 300, capSeconds: 3_600 },
  pdf_link: { minSeconds: 180, capSeconds: 1_800 },
};

/**
 * Seconds one heartbeat earns: the server-measured time since the previous
 * beat, but never more than one interval plus slack (a fast-forwarded clock
 * or a long pause earns one interval at most), nothing when the page was
 * hidden, and nothing past the item's daily cap.
 */
export function creditForBeat(input: {
  secondsSinceLastBeat: number;
  visible: boolean;
  creditedToday: number;
  capSeconds: number;
}): number {
  if (!input.visible || input.secondsSinceLastBeat <= 0) return 0;
  const beat = Math.min(input.secondsSinceLastBeat, HEARTBEAT_SECONDS + HEARTBEAT_SLACK_SECONDS);
  return Math.max(0, Math.min(beat, input.capSeconds - input.creditedToday));
}

/** Hours expected by `at` of a yearly requirement, pro rata by day of the year. */
export function expectedByNow(requiredHours: number, year: number, at: Date): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const share = Math.min(1, Math.max(0, (at.getTime() - start) / (end - start)));
  return Math.round(requiredHours * share * 10) / 10;
}
