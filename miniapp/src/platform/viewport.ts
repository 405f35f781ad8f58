import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface ViewportSize {
  /** CSS pixels. */
  width: number;
  height: number;
}

const PHONE: ViewportSize = { width: 375, height: 667 };

function readViewport(): ViewportSize {
  if (!isWeapp) {
    return typeof window === 'undefined' ? PHONE : { width: window.innerWidth, height: window.innerHeight };
  }
  try {
    const info = Taro.getWindowInfo();
    return { width: info.windowWidth, height: info.windowHeight };
  } catch {
    return PHONE;
  }
}

/** The visible area, kept current on H5 when the window is resized (a laptop put on a TV, full screen). */
export function useViewportSize(): ViewportSize {
  const [size, setSize] = useState(readViewport);
  useEffect(() => {
    if (isWeapp || typeof window === 'undefined') return undefined;
    const onResize = () => setSize(readViewport());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}
