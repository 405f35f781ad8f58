export const OrgRoutes = {
  list: '/api/orgs',
  one: '/api/orgs/:id',
  children: '/api/orgs/:id/children',
} as const;

/** Levels of the tree, top to bottom. */
export const ORG_LEVELS = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'committee',
  'branch',
  'group',
] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  province: '省',
  city: '市',
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  committee: '党委（党总支）',
  branch: '党支部',
  group: '党小组',
};

export const ORG_KINDS = [
  'regular',
  'mobile_member_branch',
  'chamber_branch',
  'trade_branch',
  'park_branch',
  'community',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  regular: '普通党组织',
  mobile_member_branch: '流动党员党支部',
  chamber_branch: '商会党支部',
  trade_branch: '功能性党支部',
  park_branch: '园区党组织',
  community: '社区',
};

/** A level may only sit below the levels above it (a branch under a village or committee, never the other way). */
export function canNest(parent: OrgLevel, child: OrgLevel): boolean {
  return ORG_LEVELS.indexOf(child) > ORG_LEVELS.indexOf(parent);
}

/** GB/T 2260 administrative region code: six digits. */
export const REGION_CODE_PATTERN = /^[0-9]{6}$/;

export interface OrgView {
  id: string;
  parentId: string | null;
  level: OrgLevel;
  kind: OrgKind;
  name: string;
  regionCode: string | null;
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  secretaryName: string | null;
  activityDay: number | null;
  foundingOrgId: string | null;
  /** Names from the root down to this org, for display: 河南省 / 焦作市 / 修武县 / … */
  trail: string[];
}

export interface CreateOrgRequest {
  parentId: string;
  level: OrgLevel;
  kind?: OrgKind;
  name: string;
  regionCode?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  secretaryName?: string;
  activityDay?: number;
  foundingOrgId?: string;
}
