export default defineAppConfig({
  pages: ['pages/home/index', 'pages/scan/index', 'pages/study/index', 'pages/me/index', 'pages/login/index'],
  // Everything beyond the tab pages loads on demand, so a member's first load stays small.
  subPackages: [
    {
      root: 'subpackages/member',
      pages: [
        'pages/report/index',
        'pages/arrival/index',
        'pages/checkin/index',
        'pages/personal-code/index',
        'pages/checkins/index',
        'pages/certificate/index',
        'pages/return/index',
      ],
    },
    {
      root: 'subpackages/secretary',
      pages: [
        'pages/console/index',
        'pages/roster/index',
        'pages/person/index',
        'pages/pending/index',
        'pages/unclear/index',
        'pages/holidays/index',
        'pages/activities/index',
        'pages/activity-new/index',
        'pages/activity/index',
        'pages/branch-code/index',
        'pages/scan-member/index',
      ],
    },
    {
      root: 'subpackages/org',
      pages: ['pages/rollup/index', 'pages/import/index', 'pages/audit/index', 'pages/code-keys/index'],
    },
    {
      root: 'subpackages/venue',
      pages: ['pages/screen/index'],
    },
    {
      root: 'subpackages/inbox',
      pages: ['pages/index/index'],
    },
    {
      root: 'subpackages/study',
      pages: ['pages/item/index', 'pages/pack/index', 'pages/packs/index', 'pages/plan/index', 'pages/history/index'],
    },
    {
      root: 'subpackages/study-admin',
      pages: [
        'pages/packs/index',
        'pages/pack/index',
        'pages/pack-edit/index',
        'pages/item-edit/index',
        'pages/plans/index',
        'pages/completion/index',
      ],
    },
    {
      root: 'subpackages/duties',
      pages: ['pages/list/index', 'pages/progress/index'],
    },
    {
      root: 'subpackages/reports',
      pages: [
        'pages/mine/index',
        'pages/write/index',
        'pages/suggestions/index',
        'pages/suggest/index',
        'pages/suggestion/index',
        'pages/to-read/index',
        'pages/read/index',
        'pages/received/index',
        'pages/greeting/index',
      ],
    },
    {
      root: 'subpackages/pairing',
      pages: ['pages/branch/index', 'pages/mine/index', 'pages/member/index', 'pages/lost/index'],
    },
    {
      root: 'subpackages/feedback',
      pages: [
        'pages/due/index',
        'pages/form/index',
        'pages/received/index',
        'pages/evaluation/index',
        'pages/round/index',
        'pages/mine/index',
      ],
    },
    {
      root: 'subpackages/points',
      pages: [
        'pages/mine/index',
        'pages/redeem/index',
        'pages/redemptions/index',
        'pages/fulfil/index',
        'pages/review/index',
        'pages/member/index',
        'pages/benefits/index',
      ],
    },
  ],
  window: {
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTitleText: '流动先锋',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/scan/index',
        text: '扫码',
        iconPath: 'assets/tab/scan.png',
        selectedIconPath: 'assets/tab/scan-active.png',
      },
      {
        pagePath: 'pages/study/index',
        text: '学习',
        iconPath: 'assets/tab/study.png',
        selectedIconPath: 'assets/tab/study-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // Location is only read with the member's permission: a check-in far from the venue is flagged, never refused.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '签到时核对您是否在活动地点附近（不会保存您的行动轨迹）' },
  },
  lazyCodeLoading: 'requiredComponents',
});
