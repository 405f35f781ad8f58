/**
 * Suggestions (建言献策): a member's advice to their home town. The home
 * branch and the org admins above it (township, county) see it, answer it and
 * track it; the member sees the status and the reply.
 */
export const SuggestionRoutes = {
  /** POST multipart `file`: one picture, before the suggestion is sent. */
  uploadImage: '/api/me/suggestions/images',
  /** POST: send; GET: the member's own. */
  mine: '/api/me/suggestions',
  myOne: '/api/me/suggestions/:id',
  /** Home-side staff: a county's (or any subtree's) list. */
  list: '/api/suggestions',
  one: '/api/suggestions/:id',
  /** POST: move to a new status, with a reply when it is a final answer. */
  status: '/api/suggestions/:id/status',
  /** GET: a picture's bytes (the member or the home side). */
  image: '/api/suggestions/:id/images/:imageId',
} as const;

export const SUGGESTION_CATEGORIES = [
  'rural_revitalization',
  'grassroots_governance',
  'economic_development',
  'livelihood',
  'other',
] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

export const SUGGESTION_CATEGORY_LABELS: Record<SuggestionCategory, string> = {
  rural_revitalization: '乡村振兴',
  grassroots_governance: '基层治理',
  economic_development: '经济发展',
  livelihood: '民生保障',
  other: '其他',
};

export const SUGGESTION_STATUSES = ['received', 'processing', 'adopted', 'answered', 'declined'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  received: '已收到',
  processing: '办理中',
  adopted: '已采纳',
  answered: '已答复',
  declined: '未采纳',
};

/** Final answers: nothing follows them, and each needs a reply to the member. */
export const SUGGESTION_FINAL_STATUSES: readonly SuggestionStatus[] = ['adopted', 'answered', 'declined'];

/** Which status may follow which: forward only, a final answer ends it. */
export function canMoveSuggestion(from: SuggestionStatus, to: SuggestionStatus): boolean {
  if (SUGGESTION_FINAL_STATUSES.includes(from)) return false;
  if (from === 'received') return to !== 'received';
  return SUGGESTION_FINAL_STATUSES.includes(to);
}

export function suggestionNeedsReply(to: SuggestionStatus): boolean {
  return SUGGESTION_FINAL_STATUSES.includes(to);
}

export const SUGGESTION_TEXT_MAX = 2_000;
export const SUGGESTION_TITLE_MAX = 40;
export const SUGGESTION_REPLY_MAX = 2_000;
export const SUGGESTION_IMAGES_MAX = 4;
/** Per picture; the phone compresses photos before sending. */
export const SUGGESTION_IMAGE_MAX_BYTES = 1024 * 1024;
export const SUGGESTION_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export type SuggestionImageType = (typeof SUGGESTION_IMAGE_TYPES)[number];
export const SUGGESTION_PAGE_DEFAULT = 20;
export const SUGGESTION_PAGE_MAX = 100;

export interface UploadedSuggestionImage {
  id: string;
  contentType: SuggestionImageType;
  size: number;
}

export interface CreateSuggestionRequest {
  category: SuggestionCategory;
  title: string;
  text: string;
  /** Pictures uploaded first, in the order to show them. */
  imageIds?: string[];
  /** One per logical submission, reused on retries. */
  clientKey: string;
}

export interface SuggestionListItem {
  id: string;
  category: SuggestionCategory;
  title: string;
  status: SuggestionStatus;
  memberName: string;
  branchName: string;
  imageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SuggestionView extends SuggestionListItem {
  text: string;
  imageIds: string[];
  reply: string | null;
  repliedAt: string | null;
}

export interface ListSuggestionsQuery {
  /** The county (or any subtree) to list; default every subtree the caller acts for. */
  orgId?: string;
  status?: SuggestionStatus;
  category?: SuggestionCategory;
  cursor?: string;
  limit?: number;
}

export interface MoveSuggestionRequest {
  status: SuggestionStatus;
  reply?: string;
}
