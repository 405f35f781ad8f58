import { Injectable } from '@nestjs/common';
import {
  CURRENT_FLOW_STATUSES,
  ErrorCode,
  EXPORT_MAX_ROWS,
  FLOW_STATUSES,
  FLOW_STATUS_LABELS,
  FOUR_FACTS,
  FOUR_FACT_LABELS,
  FACT_STATE_LABELS,
  GENDER_LABELS,
  IMPORT_COLUMNS,
  LEDGER_PAGE_DEFAULT,
  MEMBERSHIP_STATUS_LABELS,
  ROLLUP_TOP,
  XLSX_CONTENT_TYPE,
  factsFreshSince,
  fourFactsStatus,
  maskIdNumber,
  maskPhone,
  type FlowStatus,
  type FourFact,
  type FourFactView,
  type ImportCellError,
  type ImportReport,
  type LedgerMemberItem,
  type LedgerRollupView,
  type MemberSendingView,
  type Paginated,
  type PersonFileView,
  type StatusCount,
  type UnclearMemberItem,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES, REVEAL_ROLES, actingPaths, actsFor, isWithin, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { MembersService } from '../members/members.service.js';
import type { NewMember } from '../members/members.repository.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type {
  ConfirmFactsDto,
  ExportLedgerQueryDto,
  ImportRosterQueryDto,
  LedgerPageQueryDto,
  UnclearMembersQueryDto,
} from './dto/ledger.dto.js';
import {
  LedgersRepository,
  rangeOf,
  type BranchRow,
  type ExportRow,
  type LedgerKey,
  type LedgerRow,
  type PathRange,
} from './ledgers.repository.js';
import { cellError, checkRosterRow, duplicatesInFile, type RosterRow, type RowCheck } from './roster-row.js';
import { buildTemplate, readRosterSheet, writeLedgerWorkbook } from './roster-workbook.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';

/** An uploaded file as multer's memory storage gives it. */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** A generated file to send back. */
export interface LedgerFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATH = /^(\/[0-9a-f-]{36})+\/$/;
/** Clients send .xlsx under its own type, or as a generic binary or zip. */
const XLSX_UPLOAD_TYPES = new Set([
  XLSX_CONTENT_TYPE,
  'application/octet-stream',
  'application/zip',
  'application/x-zip-compressed',
]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const TEMPLATE_BRANCH_LIMIT = 2000;
const EXPORT_PAGE = 5000;
const ROSTER_LOOKUP_CHUNK = 1000;

function encodeLedgerCursor(row: LedgerRow): string {
  return encodeCursor([row.branchPath, row.id]);
}

function decodeLedgerCursor(cursor: string): LedgerKey {
  const [branchPath, id] = decodeCursor(cursor, [PATH, UUID]);
  return { branchPath, id };
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function byRowThenColumn(a: ImportCellError, b: ImportCellError): number {
  const column = (e: ImportCellError) => IMPORT_COLUMNS.findIndex((c) => c.header === e.column);
  return a.row - b.row || column(a) - column(b);
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * Ledgers (台账) for the sending side: the four facts (四清), the person file
 * (一人一档), branch and village books, township and county rollups, and the
 * roster's Excel import and export. Who sees what comes from the scope model:
 * every list is a range over the caller's subtrees, every id is checked, and
 * ids outside the caller's world answer NOT_FOUND.
 */
@Injectable()
export class LedgersService {
  constructor(
    private readonly ledgers: LedgersRepository,
    private readonly members: MembersService,
    private readonly orgs: OrgsService,
    private readonly audit: AuditService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  // ── 四清 ──────────────────────────────────────────────────────────────

  /**
   * Facts the member stated themself on arrival (where they live and work, for how long): confirmed in the
   * arrival's transaction, by the member's own account.
   */
  async confirmFactsOnArrival(manager: EntityManager, memberId: string, facts: FourFact[], by: string): Promise<void> {
    await this.ledgers.confirmFacts(memberId, facts, this.clock.now(), by, manager);
  }

  /** The sending side (secretary, committee member or org admin above the branch) confirms facts it has just checked. */
  async confirmFacts(principal: Principal, memberId: string, dto: ConfirmFactsDto): Promise<FourFactView[]> {
    await this.sendingView(principal, memberId, '只有党员所在支部或上级组织可以核实四清信息');
    await this.ledgers.confirmFacts(memberId, dto.facts, this.clock.now(), principal.accountId);
    return this.factViews(memberId);
  }

  async unclear(principal: Principal, query: UnclearMembersQueryDto): Promise<Paginated<UnclearMemberItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    const paths = query.orgId ? [(await this.ledgerOrg(scope, query.orgId)).path] : actingPaths(scope);
    return this.page(paths, true, query);
  }

  // ── 一人一档 ──────────────────────────────────────────────────────────

  async personFile(principal: Principal, memberId: string): Promise<PersonFileView> {
    const member = await this.sendingView(principal, memberId, '一人一档只向党员所在支部和上级组织开放');
    const [facts, flows] = await Promise.all([this.factViews(memberId), this.ledgers.findFlowsOfMember(memberId)]);
    return {
      member,
      facts,
      flows: flows.map((f) => ({
        id: f.id,
        status: f.status,
        origin: f.origin,
        receivingBranchName: f.receivingBranchName,
        destinationRegionCode: f.destinationRegionCode,
        industry: f.industry,
        occupation: f.occupation,
        expectedFrom: f.expectedFrom,
        expectedUntil: f.expectedUntil,
        createdAt: f.createdAt.toISOString(),
        approvedAt: iso(f.approvedAt),
        arrivedAt: iso(f.arrivedAt),
        activatedAt: iso(f.activatedAt),
        endedAt: iso(f.endedAt),
      })),
    };
  }

  // ── 一村一册, 一乡一账, 一县一账 ──────────────────────────────────────────

  async branchBook(
    principal: Principal,
    orgId: string,
    query: LedgerPageQueryDto,
  ): Promise<Paginated<LedgerMemberItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.ledgerOrg(scope, orgId);
    const page = await this.page([org.path], false, query);
    return { ...page, items: page.items.map(({ facts: _facts, ...item }) => item) };
  }

  /** Figures for any subtree in scope; each is one indexed statement over the subtree's path range. */
  async rollup(principal: Principal, orgId: string): Promise<LedgerRollupView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.ledgerOrg(scope, orgId);
    const range = rangeOf(org.path);
    const [outflow, inflow, destinations, industries, totalMembers, clearMembers] = await Promise.all([
      this.ledgers.countOutflowsByStatus(range),
      this.ledgers.countInflowsByStatus(range),
      this.ledgers.topOutflowDestinations(range, CURRENT_FLOW_STATUSES, ROLLUP_TOP),
      this.ledgers.topOutflowIndustries(range, CURRENT_FLOW_STATUSES, ROLLUP_TOP),
      this.ledgers.countMembers(range),
      this.ledgers.countClearMembers(range, factsFreshSince(this.clock.now())),
    ]);
    return {
      orgId: org.id,
      orgName: org.name,
      outflowByStatus: everyStatus(outflow),
      inflowByStatus: everyStatus(inflow),
      outflowByDestination: destinations,
      outflowByIndustry: industries,
      totalMembers,
      unclearMembers: totalMembers - clearMembers,
    };
  }

  // ── import ───────────────────────────────────────────────────────────

  async importTemplate(principal: Principal, orgId?: string): Promise<LedgerFile> {
    let branches: { id: string; name: string; trail: string }[] = [];
    if (orgId) {
      const scope = await this.scopes.forPrincipal(principal);
      const org = await this.ledgerOrg(scope, orgId);
      const rows = await this.ledgers.listBranchesInSubtree(rangeOf(org.path), TEMPLATE_BRANCH_LIMIT);
      const names = await this.orgNamesOnPaths(rows.map((r) => r.path));
      branches = rows.map((r) => ({ id: r.id, name: r.name, trail: trailBelow(org, r.path, names) }));
    }
    return { filename: '党员名册导入模板.xlsx', contentType: XLSX_CONTENT_TYPE, body: await buildTemplate(branches) };
  }

  /**
   * Checks every row of an uploaded roster and reports every bad cell. On
   * commit, writes all rows in one transaction or, if any row is bad, none.
   * A retried commit of the same file finds its ID numbers on the roster and
   * writes nothing, so the import needs no idempotency key.
   */
  async importRoster(
    principal: Principal,
    query: ImportRosterQueryDto,
    file: UploadedFile | undefined,
  ): Promise<ImportReport> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.ledgerOrg(scope, query.orgId);
    const manages = actingPaths(scope, MANAGE_ROLES).some((p) => isWithin(org.path, p) || isWithin(p, org.path));
    if (!manages) throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织部门管理员可以导入党员名册');
    const mode = query.mode ?? 'preview';
    const sheetRows = await readRosterSheet(checkUpload(file).buffer);

    const now = this.clock.now();
    const checks = sheetRows.map((r) => checkRosterRow(r, now));
    const errors = [
      ...checks.flatMap((c) => c.errors),
      ...duplicatesInFile(checks),
      ...(await this.rosterDuplicates(checks)),
    ];
    const branches = await this.resolveBranches(scope, org, checks);
    errors.push(...branches.errors);
    errors.sort(byRowThenColumn);

    const badRows = new Set(errors.map((e) => e.row));
    const good = checks.filter((c): c is RowCheck & { value: RosterRow } => c.value !== null && !badRows.has(c.row));
    const report: ImportReport = { mode, totalRows: checks.length, goodRows: good.length, inserted: 0, errors };
    if (mode === 'preview') return report;
    if (errors.length > 0) throw new AppException(ErrorCode.IMPORT_INVALID, undefined, { ...report });
    if (good.length === 0) throw new AppException(ErrorCode.IMPORT_FILE_INVALID, '表格中没有党员数据');

    // Encrypt and index before the transaction, so it holds its locks only for the inserts.
    const prepared = good.map((c) => ({ row: c.row, values: this.newMember(c.value, branches.byRow.get(c.row)!) }));
    const inserted = await this.ledgers.transaction(async (manager) => {
      for (const { row, values } of prepared) {
        try {
          await this.members.insert(values, manager);
        } catch (error) {
          // Someone put this ID number on the roster since the check above.
          if (error instanceof AppException && error.code === ErrorCode.MEMBER_DUPLICATE_ID_NUMBER) {
            const duplicate = cellError(row, 'idNumber', 'duplicate_on_roster', '该身份证号已在党员名册中');
            throw new AppException(ErrorCode.IMPORT_INVALID, undefined, {
              ...report,
              goodRows: report.goodRows - 1,
              errors: [duplicate],
            });
          }
          throw error;
        }
      }
      await this.audit.record(
        {
          action: 'ledger.import',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'org',
          targetId: org.id,
          orgPath: org.path,
          details: { rows: prepared.length },
        },
        manager,
      );
      return prepared.length;
    });
    return { ...report, inserted };
  }

  // ── export ───────────────────────────────────────────────────────────

  /**
   * The ledger of a subtree as a sheet, masked unless `full` (secretaries and
   * org admins of the sending side only). Every export is audited, refused
   * full exports included; the cap keeps the sheet buildable in memory.
   */
  async exportLedger(
    principal: Principal,
    orgId: string,
    query: ExportLedgerQueryDto,
    clientIp: string | null,
  ): Promise<LedgerFile> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.ledgerOrg(scope, orgId);
    const full = query.full === true;
    const audit = (result: 'ok' | 'denied', details: Record<string, unknown>) =>
      this.audit.record({
        action: 'ledger.export',
        result,
        ...auditActor(principal),
        targetType: 'org',
        targetId: org.id,
        orgPath: org.path,
        clientIp,
        details: { full, ...details },
      });
    if (full && !actsFor(scope, org.path, REVEAL_ROLES)) {
      await audit('denied', {});
      throw new AppException(ErrorCode.FORBIDDEN, '只有流出地支部书记或组织部门管理员可以导出完整身份证号和手机号');
    }
    const range = rangeOf(org.path);
    const total = await this.ledgers.countMembers(range);
    if (total > EXPORT_MAX_ROWS) {
      throw new AppException(
        ErrorCode.EXPORT_TOO_LARGE,
        `该组织下共有 ${total} 名党员，超过单次导出上限 ${EXPORT_MAX_ROWS} 名，请选择下一级组织分别导出`,
        { total, max: EXPORT_MAX_ROWS },
      );
    }
    const now = this.clock.now();
    const sheet = await writeLedgerWorkbook('党员台账', EXPORT_SHEET_COLUMNS, this.exportRows(range, full, now));
    await audit('ok', { rows: sheet.rows });
    return {
      filename: `党员台账-${org.name}-${ymd(now)}${full ? '-完整' : ''}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      body: sheet.body,
    };
  }

  // ── helpers ──────────────────────────────────────────────────────────

  /**
   * An org whose ledger the caller may read: within a subtree they act for.
   * Outside it the org is not confirmed to exist; a system admin, who may see
   * the tree but not members, is refused outright.
   */
  private async ledgerOrg(scope: Scope, orgId: string): Promise<Org> {
    const org = await this.orgs.getVisible(scope, orgId);
    if (!actsFor(scope, org.path)) throw new AppException(ErrorCode.FORBIDDEN, '系统管理员不查看党员台账');
    return org;
  }

  /** The member's sending view, or NOT_FOUND out of scope, or FORBIDDEN for the receiving side and the member themself. */
  private async sendingView(principal: Principal, memberId: string, refusal: string): Promise<MemberSendingView> {
    const view = await this.members.view(principal, memberId);
    if (view.side !== 'sending') throw new AppException(ErrorCode.FORBIDDEN, refusal);
    return view;
  }

  private async factViews(memberId: string): Promise<FourFactView[]> {
    const rows = await this.ledgers.findFactChecksOfMember(memberId);
    const states = fourFactsStatus(rows, this.clock.now());
    return FOUR_FACTS.map((fact, i) => {
      const row = rows.find((r) => r.fact === fact);
      return {
        fact,
        label: FOUR_FACT_LABELS[fact],
        state: states[i].state,
        confirmedAt: row ? row.confirmedAt.toISOString() : null,
        confirmedByName: row?.confirmedByName ?? null,
      };
    });
  }

  private async page(
    paths: string[],
    unclearOnly: boolean,
    query: LedgerPageQueryDto,
  ): Promise<Paginated<UnclearMemberItem>> {
    const limit = query.limit ?? LEDGER_PAGE_DEFAULT;
    const now = this.clock.now();
    const rows = await this.ledgers.findLedgerPage({
      ranges: paths.map(rangeOf),
      unclearOnly,
      freshSince: factsFreshSince(now),
      after: query.cursor ? decodeLedgerCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = page.map((row) => this.ledgerItem(row, now));
    return rows.length > limit ? { items, nextCursor: encodeLedgerCursor(page[page.length - 1]) } : { items };
  }

  private ledgerItem(row: LedgerRow, now: Date): UnclearMemberItem {
    const facts = fourFactsStatus(row.facts, now);
    return {
      id: row.id,
      name: this.pii.decrypt(row.nameCipher),
      phoneMasked: row.phoneCipher ? maskPhone(this.pii.decrypt(row.phoneCipher)) : null,
      branchId: row.branchId,
      branchName: row.branchName,
      flowStatus: row.flowStatus,
      destinationRegionCode: row.destinationRegionCode,
      industry: row.industry,
      unclear: facts.some((f) => f.state !== 'clear'),
      facts,
    };
  }

  /** ID numbers already on the roster, looked up by blind index in chunks. */
  private async rosterDuplicates(checks: RowCheck[]): Promise<ImportCellError[]> {
    const withId = checks.filter((c): c is RowCheck & { idNumber: string } => c.idNumber !== null);
    const indexOf = new Map(withId.map((c) => [c.row, this.pii.index('id_number', c.idNumber)]));
    const found = new Set<string>();
    const indexes = [...new Set(indexOf.values())];
    for (let i = 0; i < indexes.length; i += ROSTER_LOOKUP_CHUNK) {
      for (const idx of await this.ledgers.findRosteredIdNumberIndexes(indexes.slice(i, i + ROSTER_LOOKUP_CHUNK)))
        found.add(idx);
    }
    return withId
      .filter((c) => found.has(indexOf.get(c.row)!))
      .map((c) => cellError(c.row, 'idNumber', 'duplicate_on_roster', '该身份证号已在党员名册中'));
  }

  /**
   * The branch of every row: by number, else by name, else the chosen org
   * itself when it is a branch. Each must be a branch under the chosen org
   * that the caller manages (secretary of it or admin above it).
   */
  private async resolveBranches(
    scope: Scope,
    org: Org,
    checks: RowCheck[],
  ): Promise<{ byRow: Map<number, BranchRow>; errors: ImportCellError[] }> {
    const ids = [...new Set(checks.map((c) => c.branchId).filter((id): id is string => id !== null))];
    const names = [...new Set(checks.map((c) => c.branchName).filter((n): n is string => n !== null))];
    const found = await this.ledgers.findBranchesInSubtree(rangeOf(org.path), ids, names);
    const self: BranchRow = { id: org.id, name: org.name, path: org.path, level: org.level };
    const byRow = new Map<number, BranchRow>();
    const errors: ImportCellError[] = [];
    for (const c of checks) {
      let branch: BranchRow | null = null;
      let field: 'branchId' | 'branchName' = 'branchName';
      if (c.branchId) {
        field = 'branchId';
        const hit = found.find((b) => b.id === c.branchId) ?? (c.branchId === org.id ? self : undefined);
        if (!hit) errors.push(cellError(c.row, 'branchId', 'unknown_branch', '在所选组织下找不到这个党支部编号'));
        else if (hit.level !== 'branch')
          errors.push(cellError(c.row, 'branchId', 'unknown_branch', `“${hit.name}”不是党支部，党员只能落在党支部`));
        else if (c.branchName && c.branchName !== hit.name)
          errors.push(cellError(c.row, 'branchName', 'invalid_value', `与党支部编号对应的名称是“${hit.name}”，请核对`));
        else branch = hit;
      } else if (c.branchName) {
        const hits = found.filter((b) => b.level === 'branch' && b.name === c.branchName);
        if (hits.length === 0 && org.level === 'branch' && org.name === c.branchName) branch = self;
        else if (hits.length === 0)
          errors.push(
            cellError(c.row, 'branchName', 'unknown_branch', `在所选组织下找不到名为“${c.branchName}”的党支部`),
          );
        else if (hits.length > 1)
          errors.push(
            cellError(
              c.row,
              'branchName',
              'ambiguous_branch',
              `所选组织下有 ${hits.length} 个同名党支部，请改填党支部编号`,
            ),
          );
        else branch = hits[0];
      } else if (org.level === 'branch') {
        branch = self;
      } else {
        errors.push(cellError(c.row, 'branchName', 'required', '请填写所在党支部编号或名称'));
      }
      if (!branch) continue;
      if (!actsFor(scope, branch.path, MANAGE_ROLES))
        errors.push(
          cellError(
            c.row,
            field,
            'branch_out_of_scope',
            `您无权向“${branch.name}”导入党员，须为该支部书记或上级组织管理员`,
          ),
        );
      else byRow.set(c.row, branch);
    }
    return { byRow, errors };
  }

  private newMember(row: RosterRow, branch: BranchRow): NewMember {
    const optional = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
    return this.members.newMember(
      {
        name: row.name,
        idNumber: row.idNumber,
        phone: optional(row.phone),
        gender: optional(row.gender),
        ethnicity: optional(row.ethnicity),
        birthDate: optional(row.birthDate),
        education: optional(row.education),
        joinedAt: optional(row.joinedAt),
        membershipStatus: row.membershipStatus,
        residence: optional(row.residence),
        occupation: optional(row.occupation),
        industry: optional(row.industry),
        employer: optional(row.employer),
      },
      branch.id,
      branch.path,
    );
  }

  private async orgNamesOnPaths(paths: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
    const orgs = await this.orgs.findByIds(ids);
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  /** The sheet's rows, read page by page in ledger order, at most EXPORT_MAX_ROWS. */
  private async *exportRows(range: PathRange, full: boolean, now: Date): AsyncGenerator<(string | null)[]> {
    let after: LedgerKey | undefined;
    let count = 0;
    for (;;) {
      const page = await this.ledgers.findExportPage(range, after, EXPORT_PAGE);
      for (const row of page) {
        if (count++ >= EXPORT_MAX_ROWS) return;
        yield this.exportCells(row, full, now);
      }
      if (page.length < EXPORT_PAGE) return;
      after = page[page.length - 1];
    }
  }

  private exportCells(r: ExportRow, full: boolean, now: Date): (string | null)[] {
    const idNumber = this.pii.decrypt(r.idNumberCipher);
    const phone = this.pii.decryptOptional(r.phoneCipher);
    const facts = fourFactsStatus(r.facts, now);
    const unclear = facts.filter((f) => f.state !== 'clear');
    return [
      r.branchName,
      this.pii.decrypt(r.nameCipher),
      r.gender ? GENDER_LABELS[r.gender] : null,
      r.ethnicity,
      r.birthDate,
      full ? idNumber : maskIdNumber(idNumber),
      phone === null ? null : full ? phone : maskPhone(phone),
      r.education,
      r.joinedAt,
      MEMBERSHIP_STATUS_LABELS[r.membershipStatus],
      full ? this.pii.decryptOptional(r.residenceCipher) : null,
      r.occupation,
      r.industry,
      r.employer,
      r.flowStatus ? FLOW_STATUS_LABELS[r.flowStatus] : '未流动',
      r.receivingBranchName,
      r.destinationRegionCode,
      r.expectedFrom,
      r.expectedUntil,
      unclear.length === 0
        ? FACT_STATE_LABELS.clear
        : unclear.map((f) => `${FOUR_FACT_LABELS[f.fact]}${FACT_STATE_LABELS[f.state]}`).join('、'),
    ];
  }
}

const EXPORT_SHEET_COLUMNS = [
  { header: '所在党支部', width: 24 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '民族', width: 8 },
  { header: '出生日期', width: 12 },
  { header: '身份证号', width: 22 },
  { header: '手机号', width: 14 },
  { header: '学历', width: 8 },
  { header: '入党日期', width: 12 },
  { header: '党员类型', width: 10 },
  { header: '现居住地（完整导出）', width: 30 },
  { header: '职业', width: 12 },
  { header: '行业', width: 12 },
  { header: '工作单位', width: 24 },
  { header: '流动状态', width: 18 },
  { header: '流入地党组织', width: 24 },
  { header: '流动去向（行政区划代码）', width: 14 },
  { header: '外出时间', width: 12 },
  { header: '预计返回', width: 12 },
  { header: '四清情况', width: 30 },
];

/** Every status with its count, zero included, in lifecycle order: a chart needs no gaps. */
function everyStatus(rows: { status: FlowStatus; count: number }[]): StatusCount[] {
  return FLOW_STATUSES.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 }));
}

/** Names of the orgs between `org` (exclusive) and the branch at `path` (exclusive), top down. */
function trailBelow(org: Org, path: string, names: Map<string, string>): string {
  const ids = path.slice(org.path.length).split('/').filter(Boolean).slice(0, -1);
  return [org.name, ...ids.map((id) => names.get(id) ?? '')].join(' / ');
}

function checkUpload(file: UploadedFile | undefined): UploadedFile {
  if (!file || file.size === 0)
    throw new AppException(ErrorCode.IMPORT_FILE_INVALID, '请选择要导入的 .xlsx 文件（表单字段名为 file）');
  const isXlsx =
    file.originalname.toLowerCase().endsWith('.xlsx') &&
    XLSX_UPLOAD_TYPES.has(file.mimetype) &&
    file.buffer.subarray(0, 4).equals(ZIP_MAGIC);
  if (!isXlsx)
    throw new AppException(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      '只能导入 .xlsx 格式的表格；旧版 .xls 或 .csv 请先在 Excel 中另存为 .xlsx',
    );
  return file;
}
