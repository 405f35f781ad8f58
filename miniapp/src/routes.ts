/** Page paths as the router knows them; app.config.ts lists the same pages. */
export const Routes = {
  home: '/pages/home/index',
  scan: '/pages/scan/index',
  study: '/pages/study/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  memberReport: '/subpackages/member/pages/report/index',
  /** ?code=<scene or fallback code> */
  memberArrival: '/subpackages/member/pages/arrival/index',
  /** ?code=<activity scene> */
  memberCheckin: '/subpackages/member/pages/checkin/index',
  memberPersonalCode: '/subpackages/member/pages/personal-code/index',
  memberCheckins: '/subpackages/member/pages/checkins/index',
  /** ?flowId=<flow id>: 流动党员活动证 */
  memberCertificate: '/subpackages/member/pages/certificate/index',
  /** ?flowId=<flow id>: 返乡登记 */
  memberReturn: '/subpackages/member/pages/return/index',
  inbox: '/subpackages/inbox/pages/index/index',
  secretaryConsole: '/subpackages/secretary/pages/console/index',
  secretaryRoster: '/subpackages/secretary/pages/roster/index',
  /** ?id=<member id> */
  secretaryPerson: '/subpackages/secretary/pages/person/index',
  secretaryPending: '/subpackages/secretary/pages/pending/index',
  secretaryUnclear: '/subpackages/secretary/pages/unclear/index',
  /** ?orgId=<org id>; without it, the first of the caller's orgs: members home for the holidays */
  secretaryHolidays: '/subpackages/secretary/pages/holidays/index',
  /** ?branchId=<org id> */
  secretaryActivities: '/subpackages/secretary/pages/activities/index',
  /** ?branchId=<org id> */
  secretaryActivityNew: '/subpackages/secretary/pages/activity-new/index',
  /** ?id=<activity id> */
  secretaryActivity: '/subpackages/secretary/pages/activity/index',
  /** ?orgId=<branch id> */
  secretaryBranchCode: '/subpackages/secretary/pages/branch-code/index',
  /** ?activityId=<id> to record attendance, or ?branchId=<id> to record an arrival */
  secretaryScanMember: '/subpackages/secretary/pages/scan-member/index',
  /** ?id=<activity id>: the venue screen for a laptop or TV */
  venueScreen: '/subpackages/venue/pages/screen/index',
  /** ?orgId=<org id>; without it, the first of the caller's orgs */
  orgRollup: '/subpackages/org/pages/rollup/index',
  /** ?orgId=<org id> */
  orgImport: '/subpackages/org/pages/import/index',
  orgAudit: '/subpackages/org/pages/audit/index',
  orgCodeKeys: '/subpackages/org/pages/code-keys/index',
  /** ?id=<item id>&packId=<pack id>: read, listen or watch one study item (packId gives the progress so far) */
  studyItem: '/subpackages/study/pages/item/index',
  /** ?id=<pack id>: one delivered pack */
  studyPack: '/subpackages/study/pages/pack/index',
  studyPacks: '/subpackages/study/pages/packs/index',
  studyPlan: '/subpackages/study/pages/plan/index',
  studyHistory: '/subpackages/study/pages/history/index',
  /** ?orgId=<org id>; without it, the first of the caller's orgs */
  studyAdminPacks: '/subpackages/study-admin/pages/packs/index',
  /** ?id=<pack id> */
  studyAdminPack: '/subpackages/study-admin/pages/pack/index',
  /** ?orgId=<org id> for a new pack, ?id=<pack id> to change one */
  studyAdminPackEdit: '/subpackages/study-admin/pages/pack-edit/index',
  /** ?packId=<pack id>, plus &itemId=<item id> to change one */
  studyAdminItemEdit: '/subpackages/study-admin/pages/item-edit/index',
  /** ?orgId=<org id> */
  studyAdminPlans: '/subpackages/study-admin/pages/plans/index',
  /** ?orgId=<org id> */
  studyAdminCompletion: '/subpackages/study-admin/pages/completion/index',
  /** ?flowId=<flow id>, or ?itemId=<item id> from an inbox to-do: 三张责任清单, each side marks its own */
  dutiesList: '/subpackages/duties/pages/list/index',
  /** ?orgId=<org id>; without it, the first of the caller's orgs */
  dutiesProgress: '/subpackages/duties/pages/progress/index',
  /** The member's reports (思想汇报、组织生活月报告): what is due, and what was sent */
  reportsMine: '/subpackages/reports/pages/mine/index',
  /** ?kind=&period= to write one; ?id=<report id> to open one */
  reportsWrite: '/subpackages/reports/pages/write/index',
  /** The member's suggestions (建言献策) */
  reportsSuggestions: '/subpackages/reports/pages/suggestions/index',
  reportsSuggest: '/subpackages/reports/pages/suggest/index',
  /** ?id=<suggestion id>&side=member|home */
  reportsSuggestion: '/subpackages/reports/pages/suggestion/index',
  /** Home side: members' reports to read */
  reportsToRead: '/subpackages/reports/pages/to-read/index',
  /** ?id=<report id> */
  reportsRead: '/subpackages/reports/pages/read/index',
  /** Home side: suggestions received, ?orgId=<org id> */
  reportsReceived: '/subpackages/reports/pages/received/index',
  /** ?orgId=<org id>: send a holiday greeting */
  reportsGreeting: '/subpackages/reports/pages/greeting/index',
  /** 流入地: members whose feedback is due this period */
  feedbackDue: '/subpackages/feedback/pages/due/index',
  /** ?flowId=<flow id>&period=<2026-Q1>: the pre-filled feedback form */
  feedbackForm: '/subpackages/feedback/pages/form/index',
  /** 流出地: feedback received, to acknowledge */
  feedbackReceived: '/subpackages/feedback/pages/received/index',
  /** 流出地: the branch's democratic evaluation rounds */
  evaluationRounds: '/subpackages/feedback/pages/evaluation/index',
  /** ?id=<round id> */
  evaluationRound: '/subpackages/feedback/pages/round/index',
  /** The member: self-assessment and my results */
  myEvaluation: '/subpackages/feedback/pages/mine/index',
  /** 结对联系: the secretary's pairing screen, ?branchId=<org id> (else the caller's first branch) */
  pairingBranch: '/subpackages/pairing/pages/branch/index',
  /** The committee member's paired members */
  pairingMine: '/subpackages/pairing/pages/mine/index',
  /** ?memberId=<member id>: the member's pairing, contact log and the log-contact form */
  pairingMember: '/subpackages/pairing/pages/member/index',
  /** 疑似失联: proposals for the secretary to confirm or dismiss */
  pairingLost: '/subpackages/pairing/pages/lost/index',
  /** 志愿服务: the entry to everything below, for members, residents and staff alike */
  volunteerHub: '/subpackages/volunteer/pages/hub/index',
  /** 我的技能卡 (members) */
  volunteerCards: '/subpackages/volunteer/pages/cards/index',
  /** ?id=<card id> to change one; without it, a new card */
  volunteerCardEdit: '/subpackages/volunteer/pages/card-edit/index',
  /** Requests to my cards: accept or decline */
  volunteerRequests: '/subpackages/volunteer/pages/requests/index',
  /** The services I give: show my personal code to check in and out */
  volunteerServices: '/subpackages/volunteer/pages/services/index',
  /** 雁归: willing to come home and serve */
  volunteerReturn: '/subpackages/volunteer/pages/return/index',
  /** 社区志愿板, ?areaId=<community or street id>; without it, the last one chosen */
  volunteerBoard: '/subpackages/volunteer/pages/board/index',
  /** ?id=<card id>: one card and the request form */
  volunteerCard: '/subpackages/volunteer/pages/card/index',
  /** The requests I sent, with their status */
  volunteerSent: '/subpackages/volunteer/pages/sent/index',
  /** The services I receive: scan in and out, confirm and rate */
  volunteerReceived: '/subpackages/volunteer/pages/received/index',
  /** ?id=<service id> */
  volunteerService: '/subpackages/volunteer/pages/service/index',
  /** ?orgId=<org id>; without it, the caller's first org: post a need */
  volunteerNeedNew: '/subpackages/volunteer/pages/need-new/index',
  /** ?orgId=<org id>; without it, the caller's first org: the needs it posted */
  volunteerNeeds: '/subpackages/volunteer/pages/needs/index',
  /** ?id=<need id>: a need, its matches with reasons, invitations, sign-ups */
  volunteerNeed: '/subpackages/volunteer/pages/need/index',
  /** ?orgId=<org id>; without it, the caller's first org: 雁归人才库 (org admins) */
  volunteerReserve: '/subpackages/volunteer/pages/reserve/index',
  /** 我的积分: balance and every entry */
  pointsMine: '/subpackages/points/pages/mine/index',
  /** 兑换: the benefits the member may redeem */
  pointsRedeem: '/subpackages/points/pages/redeem/index',
  /** My redemptions with their codes */
  pointsRedemptions: '/subpackages/points/pages/redemptions/index',
  /** 核销: staff scan or type a redemption code */
  pointsFulfil: '/subpackages/points/pages/fulfil/index',
  /** The branch's review queue and its review setting */
  pointsReview: '/subpackages/points/pages/review/index',
  /** ?memberId=<member id>: the sending branch's view of a member's points, awards and corrections */
  pointsMember: '/subpackages/points/pages/member/index',
  /** The catalogue of benefits (org admins, community staff) */
  pointsBenefits: '/subpackages/points/pages/benefits/index',
} as const;
export type Route = (typeof Routes)[keyof typeof Routes];

export const TAB_ROUTES: readonly Route[] = [Routes.home, Routes.scan, Routes.study, Routes.me];
