import Taro from '@tarojs/taro';
import { Routes, TAB_ROUTES, type Route } from '../routes';

function withQuery(route: Route, query?: Record<string, string>): string {
  if (!query) return route;
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return search ? `${route}?${search}` : route;
}

const ignore = () => undefined;

/** Page changes. Tab pages can only be reached with switchTab, so `to` picks the right call. */
export const navigate = {
  to(route: Route, query?: Record<string, string>): void {
    if (TAB_ROUTES.includes(route)) {
      Taro.switchTab({ url: route }).catch(ignore);
    } else {
      Taro.navigateTo({ url: withQuery(route, query) }).catch(ignore);
    }
  },
  /** Clears the page stack: after logging in or out. */
  reLaunch(route: Route): void {
    Taro.reLaunch({ url: route }).catch(ignore);
  },
  back(): void {
    Taro.navigateBack().catch(() => Taro.switchTab({ url: Routes.home }).catch(ignore));
  },
  toLogin(): void {
    Taro.reLaunch({ url: Routes.login }).catch(ignore);
  },
};
