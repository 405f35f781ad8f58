import { useCallback, useEffect, useRef, useState } from 'react';
import type { Paginated } from '@pioneer/shared';
import { errorMessage } from '../services/http';

export interface PagedState<T> {
  /** The first page: loading, failed (nothing to show) or ready. */
  status: 'loading' | 'failed' | 'ready';
  items: T[];
  /** Why the first page failed. */
  message: string | null;
  nextCursor: string | undefined;
  loadingMore: boolean;
  /** Why the latest next page failed; the items already shown stay. */
  moreError: string | null;
}

export interface PagedList<T> extends PagedState<T> {
  hasMore: boolean;
  /** Fetches the page after the last one shown; does nothing while one is on its way or at the end. */
  loadMore: () => void;
  /** Starts again from the first page. */
  reload: () => void;
  /** Changes the items shown (a row handled in place) without asking the server. */
  update: (change: (items: T[]) => T[]) => void;
}

const FIRST: PagedState<never> = {
  status: 'loading',
  items: [],
  message: null,
  nextCursor: undefined,
  loadingMore: false,
  moreError: null,
};

/**
 * A list read page by page with the server's opaque cursor. Starts over whenever `key` (the query)
 * changes; pages that arrive for an older query are dropped.
 */
export function usePagedList<T>(fetchPage: (cursor: string | undefined) => Promise<Paginated<T>>, key: string) {
  const [state, setState] = useState<PagedState<T>>(FIRST);
  const latestFetch = useRef(fetchPage);
  const current = useRef<PagedState<T>>(FIRST);
  const generation = useRef(0);

  useEffect(() => {
    latestFetch.current = fetchPage;
  });

  const commit = useCallback((next: PagedState<T>) => {
    current.current = next;
    setState(next);
  }, []);

  const reload = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    commit(FIRST);
    latestFetch.current(undefined).then(
      (page) => {
        if (generation.current !== mine) return;
        commit({ ...FIRST, status: 'ready', items: page.items, nextCursor: page.nextCursor });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        commit({ ...FIRST, status: 'failed', message: errorMessage(error) });
      },
    );
  }, [commit]);

  const loadMore = useCallback(() => {
    const before = current.current;
    if (before.status !== 'ready' || before.loadingMore || !before.nextCursor) return;
    const mine = generation.current;
    commit({ ...before, loadingMore: true, moreError: null });
    latestFetch.current(before.nextCursor).then(
      (page) => {
        if (generation.current !== mine) return;
        const now = current.current;
        commit({ ...now, items: [...now.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        commit({ ...current.current, loadingMore: false, moreError: errorMessage(error) });
      },
    );
  }, [commit]);

  const update = useCallback(
    (change: (items: T[]) => T[]) => commit({ ...current.current, items: change(current.current.items) }),
    [commit],
  );

  useEffect(() => {
    reload();
  }, [reload, key]);

  const list: PagedList<T> = { ...state, hasMore: state.nextCursor !== undefined, loadMore, reload, update };
  return list;
}
