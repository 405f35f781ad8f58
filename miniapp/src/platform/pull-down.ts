import Taro from '@tarojs/taro';

/** Ends the pull-down spinner once a page has reloaded (pages with `enablePullDownRefresh`). */
export function stopPullDownRefresh(): void {
  try {
    Taro.stopPullDownRefresh();
  } catch {
    // No spinner to stop (a build or test without pull-down): nothing to do.
  }
}
