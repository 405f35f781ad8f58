import { InboxRoutes, type InboxItem, type InboxSummary, type ListInboxQuery, type Paginated } from '@pioneer/shared';
import { http } from './http';
import { pathOf } from './path';

/** Newest first, one page per cursor. */
export function listInbox(query: ListInboxQuery): Promise<Paginated<InboxItem>> {
  return http.get<Paginated<InboxItem>>(InboxRoutes.list, { query: { ...query } });
}

export function fetchInboxSummary(): Promise<InboxSummary> {
  return http.get<InboxSummary>(InboxRoutes.summary);
}

/** Answers the item as it now stands. */
export function markInboxRead(id: string): Promise<InboxItem> {
  return http.post<InboxItem>(pathOf(InboxRoutes.read, { id }));
}
