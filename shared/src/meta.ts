export const MetaRoutes = {
  meta: '/api/meta',
} as const;

export interface DemoMemberView {
  openid: string;
  displayName: string;
}

/** Public settings the client reads at start. */
export interface MetaView {
  appName: string;
  version: string;
  /** Present only in development: demo sign-in through the stand-in WeChat server. */
  devLogin: null | { standInUrl: string; demoMembers: DemoMemberView[] };
}
