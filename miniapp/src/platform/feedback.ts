import Taro from '@tarojs/taro';

/** A short message at the centre of the screen. WeChat shows at most two lines: keep it short. */
export function showToast(message: string, kind: 'info' | 'success' = 'info'): void {
  Taro.showToast({ title: message, icon: kind === 'success' ? 'success' : 'none', duration: 2500 }).catch(() => {
    // A toast that cannot show is not worth an error.
  });
}
