import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

const isWeapp = process.env.TARO_ENV === 'weapp';

function documentVisible(): boolean {
  return isWeapp || typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/**
 * Whether the page is on screen and in front. weapp: the page's show/hide (which also covers WeChat going
 * to the background). H5: Taro's page show/hide (another page pushed over it) and the browser tab's own
 * visibility (another tab, the phone locked), which Taro's hooks do not report.
 */
export function usePageVisible(): boolean {
  const [pageShown, setPageShown] = useState(true);
  const [tabVisible, setTabVisible] = useState(documentVisible);

  useDidShow(() => setPageShown(true));
  useDidHide(() => setPageShown(false));

  useEffect(() => {
    if (isWeapp || typeof document === 'undefined') return undefined;
    const onChange = () => setTabVisible(documentVisible());
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  return pageShown && tabVisible;
}
