/** The demo members the seed creates; their openids are what the stand-in WeChat server mints codes for. */
export const DEMO_MEMBERS = [
  { openid: 'demo-openid-zhangwei', displayName: '张伟' },
  { openid: 'demo-openid-lina', displayName: '李娜' },
  { openid: 'demo-openid-wangqiang', displayName: '王强' },
] as const;
