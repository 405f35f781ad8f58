/** Page paths as the router knows them; app.config.ts lists the same pages. */
export const Routes = {
  home: '/pages/home/index',
  scan: '/pages/scan/index',
  study: '/pages/study/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  memberReport: '/subpackages/member/pages/report/index',
  secretaryConsole: '/subpackages/secretary/pages/console/index',
  secretaryRoster: '/subpackages/secretary/pages/roster/index',
  /** ?id=<member id> */
  secretaryPerson: '/subpackages/secretary/pages/person/index',
  secretaryPending: '/subpackages/secretary/pages/pending/index',
  secretaryUnclear: '/subpackages/secretary/pages/unclear/index',
  /** ?orgId=<org id>; without it, the first of the caller's orgs */
  orgRollup: '/subpackages/org/pages/rollup/index',
  /** ?orgId=<org id> */
  orgImport: '/subpackages/org/pages/import/index',
  orgAudit: '/subpackages/org/pages/audit/index',
} as const;
export type Route = (typeof Routes)[keyof typeof Routes];

export const TAB_ROUTES: readonly Route[] = [Routes.home, Routes.scan, Routes.study, Routes.me];
