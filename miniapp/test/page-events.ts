/**
 * Page events a test can fire: show, hide and pull-down. test/taro-mock.ts runs useDidShow once on mount
 * and ignores the others; a spec that needs them swaps the hooks in with
 *
 *   jest.mock('@tarojs/taro', () => jest.requireActual('<path>/test/page-events').taroWithPageEvents());
 */
import { useEffect, useRef, useState } from 'react';

type PageEvent = 'show' | 'hide' | 'pullDown';

const handlers: Record<PageEvent, Set<{ current: () => void }>> = {
  show: new Set(),
  hide: new Set(),
  pullDown: new Set(),
};

function usePageEvent(event: PageEvent, callback: () => void): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    const set = handlers[event];
    set.add(latest);
    return () => {
      set.delete(latest);
    };
  }, [event]);
}

/** Fires a page event on every mounted component that listens for it. */
export const pageEvents = {
  show: () => handlers.show.forEach((handler) => handler.current()),
  hide: () => handlers.hide.forEach((handler) => handler.current()),
  pullDown: () => handlers.pullDown.forEach((handler) => handler.current()),
};

/** The Taro mock with show (also once on mount, as the framework does), hide and pull-down wired up. */
export function taroWithPageEvents(): Record<string, unknown> {
  const actual = jest.requireActual<Record<string, unknown>>('./taro-mock');
  return {
    ...actual,
    __esModule: true,
    useDidShow(callback: () => void) {
      const [onFirstShow] = useState(() => callback);
      useEffect(() => {
        onFirstShow();
      }, [onFirstShow]);
      usePageEvent('show', callback);
    },
    useDidHide: (callback: () => void) => usePageEvent('hide', callback),
    usePullDownRefresh: (callback: () => void) => usePageEvent('pullDown', callback),
  };
}
