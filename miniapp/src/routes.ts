/** Page paths as the router knows them; app.config.ts lists the same pages. */
export const Routes = {
  home: '/pages/home/index',
  scan: '/pages/scan/index',
  study: '/pages/study/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  secretaryConsole: '/subpackages/secretary/pages/console/index',
} as const;
export type Route = (typeof Routes)[keyof typeof Routes];

export const TAB_ROUTES: readonly Route[] = [Routes.home, Routes.scan, Routes.study, Routes.me];
