import type { FlowOrigin, FlowStatus } from './flows.js';
import type { MemberSendingView } from './members.js';

/**
 * Ledgers (台账): the sending side's records of its members. 修武县's
 * "one file per person, one book per village, one ledger per township, one
 * per county" maps to the person file, the branch list and the rollup.
 */
export const LedgerRoutes = {
  confirmFacts: '/api/ledgers/members/:id/facts',
  personFile: '/api/ledgers/members/:id/file',
  unclear: '/api/ledgers/unclear',
  branch: '/api/ledgers/branch/:orgId',
  rollup: '/api/ledgers/rollup/:orgId',
  importTemplate: '/api/ledgers/import/template',
  import: '/api/ledgers/import',
  export: '/api/ledgers/export/:orgId.xlsx',
} as const;

// ── 四清: the four clear facts ────────────────────────────────────────────

/** 基本情况清, 流动时间清, 流动去向清, 从事行业清. */
export const FOUR_FACTS = ['identity', 'time', 'whereabouts', 'work'] as const;
export type FourFact = (typeof FOUR_FACTS)[number];

export const FOUR_FACT_LABELS: Record<FourFact, string> = {
  identity: '基本情况',
  time: '流动时间',
  whereabouts: '流动去向',
  work: '从事行业',
};

/** A fact confirmed more than this many (UTC) days ago needs checking again: the sources survey quarterly. */
export const FACT_STALE_AFTER_DAYS = 90;

export const FACT_STATES = ['clear', 'stale', 'missing'] as const;
export type FactState = (typeof FACT_STATES)[number];

export const FACT_STATE_LABELS: Record<FactState, string> = {
  clear: '已清',
  stale: '超期未核',
  missing: '未核实',
};

export interface FactConfirmation {
  fact: FourFact;
  /** A Date or an ISO 8601 string; null when never confirmed. */
  confirmedAt: Date | string | null;
}

export interface FactStatus {
  fact: FourFact;
  state: FactState;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first instant that still counts as fresh: the start of today (UTC)
 * minus FACT_STALE_AFTER_DAYS days. A fact confirmed earlier is stale. The
 * server's SQL uses the same bound, so lists and the pure rule agree.
 */
export function factsFreshSince(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - FACT_STALE_AFTER_DAYS * DAY_MS);
}

/** The state of each of the four facts, in FOUR_FACTS order; a fact not given is missing. */
export function fourFactsStatus(facts: readonly FactConfirmation[], now: Date): FactStatus[] {
  const freshSince = factsFreshSince(now).getTime();
  return FOUR_FACTS.map((fact) => {
    const confirmedAt = facts.find((f) => f.fact === fact)?.confirmedAt ?? null;
    if (confirmedAt === null) return { fact, state: 'missing' };
    const at = new Date(confirmedAt).getTime();
    if (Number.isNaN(at)) return { fact, state: 'missing' };
    return { fact, state: at >= freshSince ? 'clear' : 'stale' };
  });
}

/** Whether any of the four facts is stale or missing. */
export function isUnclear(facts: readonly FactConfirmation[], now: Date): boolean {
  return fourFactsStatus(facts, now).some((s) => s.state !== 'clear');
}

export interface ConfirmFactsRequest {
  /** The facts the caller has just checked (at least one, no repeats). */
  facts: FourFact[];
}

/** One fact in a person file: its state and who confirmed it last. */
export interface FourFactView {
  fact: FourFact;
  label: string;
  state: FactState;
  /** ISO 8601, or null when never confirmed. */
  confirmedAt: string | null;
  confirmedByName: string | null;
}

// ── lists ────────────────────────────────────────────────────────────────

export const LEDGER_PAGE_MAX = 100;
export const LEDGER_PAGE_DEFAULT = 50;

export interface LedgerPageQuery {
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** 1..100, default 50. */
  limit?: number;
}

export interface UnclearMembersQuery extends LedgerPageQuery {
  /** Limit to an org subtree within the caller's scope; default all of it. */
  orgId?: string;
}

/** One row of a branch or village book (一村一册). */
export interface LedgerMemberItem {
  id: string;
  name: string;
  phoneMasked: string | null;
  branchId: string;
  branchName: string;
  /** Status of the member's latest flow, if they ever had one. */
  flowStatus: FlowStatus | null;
  destinationRegionCode: string | null;
  /** Industry of the latest flow, else the one on the roster. */
  industry: string | null;
  /** Any of the four facts stale or missing. */
  unclear: boolean;
}

/** A member with a stale or missing fact, and which. */
export interface UnclearMemberItem extends LedgerMemberItem {
  facts: FactStatus[];
}

// ── person file (一人一档) ────────────────────────────────────────────────

export interface PersonFileFlow {
  id: string;
  status: FlowStatus;
  origin: FlowOrigin;
  receivingBranchName: string | null;
  destinationRegionCode: string | null;
  industry: string | null;
  occupation: string | null;
  expectedFrom: string | null;
  expectedUntil: string | null;
  /** ISO 8601 timestamps. */
  createdAt: string;
  approvedAt: string | null;
  arrivedAt: string | null;
  activatedAt: string | null;
  endedAt: string | null;
}

export interface PersonFileView {
  member: MemberSendingView;
  facts: FourFactView[];
  /** Newest first. */
  flows: PersonFileFlow[];
}

// ── rollup (一乡一账, 一县一账) ───────────────────────────────────────────

/** Flows that have not ended: the member is away, or about to leave, or lost. */
export const CURRENT_FLOW_STATUSES: readonly FlowStatus[] = [
  'found',
  'reported',
  'approved',
  'arrived',
  'active',
  'lost_contact',
];

export const ROLLUP_TOP = 20;

export interface StatusCount {
  status: FlowStatus;
  count: number;
}

export interface RegionCount {
  /** GB/T 2260 code, or null when not recorded. */
  regionCode: string | null;
  count: number;
}

export interface IndustryCount {
  industry: string | null;
  count: number;
}

export interface LedgerRollupView {
  orgId: string;
  orgName: string;
  /** Flows whose sending branch is in the subtree, by status (every status, zero included). */
  outflowByStatus: StatusCount[];
  /** Flows whose receiving branch is in the subtree, by status (every status, zero included). */
  inflowByStatus: StatusCount[];
  /** Current outflows (CURRENT_FLOW_STATUSES) by destination, largest first, at most ROLLUP_TOP. */
  outflowByDestination: RegionCount[];
  /** Current outflows by industry, largest first, at most ROLLUP_TOP. */
  outflowByIndustry: IndustryCount[];
  totalMembers: number;
  unclearMembers: number;
}

// ── import and export ────────────────────────────────────────────────────

export const IMPORT_MODES = ['preview', 'commit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
export const EXPORT_MAX_ROWS = 50_000;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportRosterQuery {
  /** The org the rows go under: every branch named in the file must be in its subtree. */
  orgId: string;
  /** preview (default) writes nothing; commit writes all rows or none. */
  mode?: ImportMode;
}

/** The roster fields a row fills, and the columns of the template, in order. */
export type ImportField =
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'phone'
  | 'education'
  | 'joinedAt'
  | 'membershipStatus'
  | 'residence'
  | 'occupation'
  | 'industry'
  | 'employer'
  | 'branchId'
  | 'branchName';

export interface ImportColumn {
  field: ImportField;
  /** The header text in row 1 of the sheet. */
  header: string;
  required: boolean;
  maxLength: number;
  hint: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'name', header: '姓名', required: true, maxLength: 50, hint: '必填' },
  { field: 'gender', header: '性别', required: false, maxLength: 2, hint: '男 或 女' },
  { field: 'ethnicity', header: '民族', required: false, maxLength: 20, hint: '如：汉族' },
  { field: 'birthDate', header: '出生日期', required: false, maxLength: 20, hint: '如 1985-03-12；不填则取自身份证号' },
  { field: 'idNumber', header: '身份证号', required: true, maxLength: 18, hint: '必填，18 位，请按文本填写' },
  { field: 'phone', header: '手机号', required: false, maxLength: 11, hint: '11 位手机号码' },
  { field: 'education', header: '学历', required: false, maxLength: 20, hint: '如：大专' },
  { field: 'joinedAt', header: '入党日期', required: false, maxLength: 20, hint: '如 2010-07-01' },
  {
    field: 'membershipStatus',
    header: '党员类型(正式/预备)',
    required: false,
    maxLength: 4,
    hint: '正式 或 预备；不填按正式',
  },
  { field: 'residence', header: '现居住地', required: false, maxLength: 200, hint: '详细地址' },
  { field: 'occupation', header: '职业', required: false, maxLength: 50, hint: '如：快递员' },
  { field: 'industry', header: '行业', required: false, maxLength: 50, hint: '如：交通运输' },
  { field: 'employer', header: '工作单位', required: false, maxLength: 100, hint: '' },
  {
    field: 'branchId',
    header: '所在党支部编号',
    required: false,
    maxLength: 36,
    hint: '党支部编号与名称填一项即可；所选组织本身是党支部时可都不填',
  },
  { field: 'branchName', header: '所在党支部名称', required: false, maxLength: 100, hint: '所选组织下党支部的全称' },
];

/** Why a cell was refused. */
export const IMPORT_ISSUES = [
  'required',
  'too_long',
  'invalid_value',
  'invalid_date',
  'invalid_id_number',
  'invalid_phone',
  'duplicate_in_file',
  'duplicate_on_roster',
  'unknown_branch',
  'ambiguous_branch',
  'branch_out_of_scope',
] as const;
export type ImportIssue = (typeof IMPORT_ISSUES)[number];

/** One bad cell: row as Excel numbers it, column as its header text, and a message for the person fixing it. */
export interface ImportCellError {
  row: number;
  column: string;
  code: ImportIssue;
  message: string;
}

export interface ImportReport {
  mode: ImportMode;
  /** Non-empty data rows read. */
  totalRows: number;
  /** Rows with no problem. */
  goodRows: number;
  /** Rows written (commit only; 0 on preview). */
  inserted: number;
  errors: ImportCellError[];
}

export interface ExportLedgerQuery {
  /** Full ID numbers, phones and addresses: branch secretaries and org admins of the sending side only; audited. */
  full?: boolean;
}
