import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  REPORT_PAGE_DEFAULT,
  isValidReportPeriod,
  reportDueDate,
  reportPeriodDays,
  reportPeriodLabel,
  reportPeriodOf,
  reportRemindFrom,
  submittableReportPeriods,
  previousReportPeriod,
  type DueReport,
  type MonthlyReportFacts,
  type MyDueReports,
  type MyReportListItem,
  type MyReportView,
  type Paginated,
  type ReportKind,
  type ReportListItem,
  type ReportView,
} from '@pioneer/shared';
import { AuditService, auditActor } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { PiiCrypto } from '../../common/crypto/pii.service.js';
import { AppException } from '../../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { ScopeService } from '../../common/scope/scope.service.js';
import { Clock } from '../../common/time/clock.js';
import { InboxService, type InboxMessage } from '../../notifications/inbox.service.js';
import { WechatOutboxService } from '../../notifications/wechat-outbox.service.js';
import { OrgsService } from '../../orgs/orgs.service.js';
import { managedPaths, requireHomeManager, requireMemberId } from '../access.js';
import type {
  ListMyReportsQueryDto,
  ListReportsQueryDto,
  ReplyReportDto,
  SaveReportDraftDto,
  SubmitReportDto,
} from './dto/reports.dto.js';
import { ReportsRepository, type ReportRow } from './reports.repository.js';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Member reports: the member keeps drafts and submits one report per kind
 * and period to their home branch; the home branch's secretary (or an org
 * admin above it) reads it (audited, the branch's to-do closed) and replies
 * once. The text is encrypted at rest and never shown to the receiving side.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly pii: PiiCrypto,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly inbox: InboxService,
    private readonly wechat: WechatOutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The current period of each kind, and the previous one while its report is still an unsent draft. */
  async myDue(principal: Principal): Promise<MyDueReports> {
    const memberId = requireMemberId(principal);
    const now = this.clock.now();
    const wanted = REPORT_KINDS.flatMap((kind) => {
      const current = reportPeriodOf(kind, now);
      return [
        { kind, period: current },
        { kind, period: previousReportPeriod(kind, current) },
      ];
    });
    const states = await this.repo.findStates(memberId, wanted);
    const items: DueReport[] = [];
    for (const [i, { kind, period }] of wanted.entries()) {
      const state = states.find((s) => s.kind === kind && s.period === period);
      const isCurrent = i % 2 === 0;
      if (!isCurrent && state?.status !== 'draft') continue;
      items.push({
        kind,
        period,
        dueDate: reportDueDate(kind, period),
        remindFrom: reportRemindFrom(kind, period),
        status: state?.status ?? 'none',
        reportId: state?.id ?? null,
      });
    }
    return { items };
  }

  /** What the member took part in during a month, to start the monthly report from. */
  async facts(principal: Principal, month: string): Promise<MonthlyReportFacts> {
    const memberId = requireMemberId(principal);
    this.requireSubmittable('monthly', month);
    const { first, last } = reportPeriodDays('monthly', month);
    const from = new Date(`${first}T00:00:00+08:00`);
    const to = new Date(new Date(`${last}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
    const [checkins, seconds] = await Promise.all([
      this.repo.findCheckinsBetween(memberId, from, to),
      this.repo.sumStudySeconds(memberId, first, last),
    ]);
    return {
      month,
      activities: checkins.map((c) => ({ title: c.title, kind: c.kind, at: new Date(c.at).toISOString() })),
      studyMinutes: Math.floor(seconds / 60),
    };
  }

  async listMine(principal: Principal, query: ListMyReportsQueryDto): Promise<Paginated<MyReportListItem>> {
    const memberId = requireMemberId(principal);
    const limit = query.limit ?? REPORT_PAGE_DEFAULT;
    const after = query.cursor ? this.after(query.cursor) : undefined;
    const rows = await this.repo.listOwn(memberId, after, limit + 1);
    return this.page(rows, limit, (r) => ({
      id: r.id,
      kind: r.kind,
      period: r.period,
      status: r.status,
      submittedAt: iso(r.submittedAt),
      repliedAt: iso(r.repliedAt),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  async getMine(principal: Principal, id: string): Promise<MyReportView> {
    const row = await this.repo.findOwn(requireMemberId(principal), id);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '找不到这份汇报');
    return this.myView(row);
  }

  async saveDraft(principal: Principal, dto: SaveReportDraftDto): Promise<MyReportView> {
    const memberId = requireMemberId(principal);
    this.requireSubmittable(dto.kind, dto.period);
    const id = await this.repo.saveDraft(memberId, dto.kind, dto.period, this.pii.encrypt(dto.body), this.clock.now());
    if (!id) throw new AppException(ErrorCode.REPORT_ALREADY_SUBMITTED);
    return this.getMine(principal, id);
  }

  /**
   * Submits the period's report. A retry with the same client key answers
   * the report it submitted; any other second submission is 409.
   */
  async submit(principal: Principal, dto: SubmitReportDto): Promise<MyReportView> {
    const memberId = requireMemberId(principal);
    this.requireSubmittable(dto.kind, dto.period);
    const now = this.clock.now();
    const id = await this.repo.transaction(async (m) => {
      const home = await this.repo.findMemberHome(memberId, m);
      if (!home) throw new AppException(ErrorCode.NOT_FOUND, '找不到您的党员信息');
      const submitted = await this.repo.submit(
        m,
        {
          memberId,
          kind: dto.kind,
          period: dto.period,
          bodyCipher: this.pii.encrypt(dto.body),
          clientKey: dto.clientKey,
          branchId: home.branchId,
          branchPath: home.branchPath,
        },
        now,
      );
      if (!submitted) {
        const existing = await this.repo.findByPeriod(memberId, dto.kind, dto.period, m);
        if (existing && existing.clientKey === dto.clientKey) return existing.id;
        throw new AppException(ErrorCode.REPORT_ALREADY_SUBMITTED);
      }
      const what = `${reportPeriodLabel(dto.kind, dto.period)}${REPORT_KIND_LABELS[dto.kind]}`;
      const todo: InboxMessage = {
        to: { orgId: home.branchId },
        category: 'todo',
        kind: 'report.submitted',
        title: `待阅：${REPORT_KIND_LABELS[dto.kind]}`,
        body: `${this.pii.decrypt(home.nameCipher)}提交了${what}，请阅读并回复。`,
        subject: { type: 'member_report', id: submitted },
      };
      await this.inbox.send(m, [todo]);
      await this.wechat.enqueue(m, [todo]);
      // The member's own reminder for this period is done.
      await this.inbox.complete(m, submitted, ['report.due']);
      return submitted;
    });
    return this.getMine(principal, id);
  }

  async list(principal: Principal, query: ListReportsQueryDto): Promise<Paginated<ReportListItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    const orgPath = query.orgId ? ((await this.orgs.findById(query.orgId))?.path ?? null) : undefined;
    const paths = managedPaths(scope, orgPath);
    const limit = query.limit ?? REPORT_PAGE_DEFAULT;
    const rows = await this.repo.listForStaff({
      paths,
      status: query.status,
      kind: query.kind,
      after: query.cursor ? this.after(query.cursor) : undefined,
      limit: limit + 1,
    });
    return this.page(rows, limit, (r) => this.listItem(r));
  }

  /** The full text for the home side: the first reading marks it read and closes the branch's to-do; every reading is audited. */
  async read(principal: Principal, id: string, ip: string | null): Promise<ReportView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    if (!row || row.status === 'draft') throw new AppException(ErrorCode.NOT_FOUND, '找不到这份汇报');
    requireHomeManager(scope, row.branchPath, '汇报');
    await this.repo.transaction(async (m) => {
      if (await this.repo.markRead(m, id, principal.accountId, this.clock.now())) {
        await this.inbox.complete(m, id, ['report.submitted']);
      }
      await this.audit.record(
        {
          action: 'report.read',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'member_report',
          targetId: id,
          orgPath: row.branchPath,
          clientIp: ip,
        },
        m,
      );
    });
    return this.staffView((await this.repo.findById(id)) ?? row);
  }

  /** One reply per report; the member hears of it in their inbox (and on WeChat if they allowed it). */
  async reply(principal: Principal, id: string, dto: ReplyReportDto): Promise<ReportView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    if (!row || row.status === 'draft') throw new AppException(ErrorCode.NOT_FOUND, '找不到这份汇报');
    requireHomeManager(scope, row.branchPath, '汇报');
    await this.repo.transaction(async (m) => {
      const replied = await this.repo.reply(m, id, this.pii.encrypt(dto.reply), principal.accountId, this.clock.now());
      if (!replied) throw new AppException(ErrorCode.REPORT_WRONG_STATE, '这份汇报已经回复过了');
      await this.inbox.complete(m, id, ['report.submitted']);
      const notice: InboxMessage = {
        to: { memberId: row.memberId },
        category: 'notice',
        kind: 'report.replied',
        title: `书记回复了您的${REPORT_KIND_LABELS[row.kind]}`,
        body: `您的${reportPeriodLabel(row.kind, row.period)}${REPORT_KIND_LABELS[row.kind]}有了回复，请到“我的汇报”查看。`,
        subject: { type: 'member_report', id },
      };
      await this.inbox.send(m, [notice]);
      await this.wechat.enqueue(m, [notice]);
    });
    const after = await this.repo.findById(id);
    return this.staffView(after ?? row);
  }

  private requireSubmittable(kind: ReportKind, period: string): void {
    if (!isValidReportPeriod(kind, period) || !submittableReportPeriods(kind, this.clock.now()).includes(period)) {
      throw new AppException(ErrorCode.REPORT_PERIOD_INVALID);
    }
  }

  private after(cursor: string): { at: string; id: string } {
    const [at, id] = decodeCursor(cursor, [CURSOR_AT, UUID]);
    return { at, id };
  }

  private page<T>(rows: ReportRow[], limit: number, view: (r: ReportRow) => T): Paginated<T> {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = page.map(view);
    return rows.length > limit && last?.sortAt
      ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) }
      : { items };
  }

  private myView(r: ReportRow): MyReportView {
    return {
      id: r.id,
      kind: r.kind,
      period: r.period,
      status: r.status,
      body: r.bodyCipher ? this.pii.decrypt(r.bodyCipher) : '',
      submittedAt: iso(r.submittedAt),
      readAt: iso(r.readAt),
      reply: r.replyCipher ? this.pii.decrypt(r.replyCipher) : null,
      repliedAt: iso(r.repliedAt),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  private listItem(r: ReportRow): ReportListItem {
    return {
      id: r.id,
      kind: r.kind,
      period: r.period,
      status: r.status as ReportListItem['status'],
      memberId: r.memberId,
      memberName: this.pii.decrypt(r.memberNameCipher),
      branchName: r.branchName ?? '',
      submittedAt: (r.submittedAt ?? r.updatedAt).toISOString(),
      readAt: iso(r.readAt),
      repliedAt: iso(r.repliedAt),
    };
  }

  private staffView(r: ReportRow): ReportView {
    return {
      ...this.listItem(r),
      body: r.bodyCipher ? this.pii.decrypt(r.bodyCipher) : '',
      reply: r.replyCipher ? this.pii.decrypt(r.replyCipher) : null,
    };
  }
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
