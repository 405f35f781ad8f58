import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/** Loads again when the page shows after another page closed over it (back from a form), not on the first show. */
export function useReloadOnReturn(reload: () => void): void {
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) reload();
    shownOnce.current = true;
  });
}
