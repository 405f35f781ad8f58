import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  maskPhone,
  type Paginated,
  type Role,
  type StudyDeliveryView,
  type StudyItemView,
  type StudyPackSummary,
  type StudyPackView,
} from '@pioneer/shared';
import ExcelJS from 'exceljs';
import type { EntityManager } from 'typeorm';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { REVEAL_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import type { Org } from '../orgs/org.entity.js';
import { WechatOutboxService } from '../notifications/wechat-outbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type {
  CreateStudyPackDto,
  ListStudyPacksQueryDto,
  PublishStudyPackDto,
  StudyItemDto,
  UpdateStudyPackDto,
} from './dto/study.dto.js';
import { StudyDeliveryService } from './study-delivery.service.js';
import { normaliseItem } from './study-items.js';
import { StudyRepository, type ItemRow, type PackRow } from './study.repository.js';

/** Who writes, schedules and publishes packs: the org department (组织部门) acting for the audience's org. */
export const STUDY_AUTHOR_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;
const SCHEDULE_MAX_DAYS = 366;
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface StudyFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export function itemView(row: ItemRow): StudyItemView {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    title: row.title,
    body: row.body,
    url: row.url,
    minSeconds: row.minSeconds,
    capSeconds: row.capSeconds,
    quiz: row.quiz,
  };
}

/**
 * Writing and publishing study packs. Staff acting for a pack's org see it;
 * only its org admins change, publish or withdraw it (403 for other staff who
 * see it, 404 for anyone who does not). A pack is edited only as a draft;
 * publishing (now or at a set time) hands it to the fan-out in the same
 * transaction.
 */
@Injectable()
export class StudyPacksService {
  constructor(
    private readonly repo: StudyRepository,
    private readonly fanout: StudyDeliveryService,
    private readonly wechat: WechatOutboxService,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateStudyPackDto): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.authorOrg(scope, dto.audience.orgId);
    const month = this.monthFor(dto.kind, dto.month);
    const id = await this.repo.insertPack({
      ownerOrgId: org.id,
      ownerPath: org.path,
      kind: dto.kind,
      title: dto.title,
      summary: dto.summary ?? null,
      month,
      audienceScope: dto.audience.scope,
      createdBy: principal.accountId,
    });
    return this.view(principal, id);
  }

  async list(principal: Principal, query: ListStudyPacksQueryDto): Promise<Paginated<StudyPackSummary>> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope);
    if (query.orgId) {
      const org = await this.orgs.getVisible(scope, query.orgId);
      paths = actsFor(scope, org.path) ? [org.path] : [];
    }
    const limit = query.limit ?? 20;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { createdAt, id };
    }
    const rows = await this.repo.listPacks({ paths, status: query.status, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items = page.map((r) => ({ ...this.packFields(r), itemCount: r.itemCount }));
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  /** The pack as its authors see it, quiz answers included: also the preview of what members will read. */
  async view(principal: Principal, id: string): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    const pack = await this.visiblePack(scope, id);
    const items = await this.repo.findItems(id);
    return { ...this.packFields(pack), items: items.map(itemView) };
  }

  async update(principal: Principal, id: string, dto: UpdateStudyPackDto): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, id);
    const org = dto.audience ? await this.authorOrg(scope, dto.audience.orgId) : null;
    await this.repo.transaction(async (m) => {
      const pack = await this.draft(m, id);
      const kind = dto.kind ?? pack.kind;
      await this.repo.updatePackFields(
        m,
        id,
        {
          ownerOrgId: org?.id ?? pack.ownerOrgId,
          ownerPath: org?.path ?? pack.ownerPath,
          kind,
          title: dto.title ?? pack.title,
          summary: dto.summary ?? pack.summary,
          month: this.monthFor(kind, dto.month ?? pack.month ?? undefined),
          audienceScope: dto.audience?.scope ?? pack.audienceScope,
        },
        this.clock.now(),
      );
    });
    return this.view(principal, id);
  }

  async addItem(principal: Principal, packId: string, dto: StudyItemDto): Promise<StudyItemView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, packId);
    const values = normaliseItem(dto);
    const itemId = await this.repo.transaction(async (m) => {
      await this.draft(m, packId);
      return this.repo.insertItem(m, packId, values);
    });
    return itemView((await this.repo.findItem(packId, itemId))!);
  }

  async updateItem(principal: Principal, packId: string, itemId: string, dto: StudyItemDto): Promise<StudyItemView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, packId);
    const values = normaliseItem(dto);
    await this.repo.transaction(async (m) => {
      await this.draft(m, packId);
      if (!(await this.repo.findItem(packId, itemId, m)))
        throw new AppException(ErrorCode.NOT_FOUND, '找不到这项学习内容');
      await this.repo.updateItem(m, itemId, values, this.clock.now());
    });
    return itemView((await this.repo.findItem(packId, itemId))!);
  }

  async deleteItem(principal: Principal, packId: string, itemId: string): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, packId);
    await this.repo.transaction(async (m) => {
      await this.draft(m, packId);
      if (!(await this.repo.findItem(packId, itemId, m)))
        throw new AppException(ErrorCode.NOT_FOUND, '找不到这项学习内容');
      await this.repo.deleteItem(m, itemId);
    });
    return this.view(principal, packId);
  }

  /**
   * Publishes now or at `publishAt`: a draft or a scheduled pack (to publish
   * at once or at another time). On a pack still being delivered it sends the
   * fan-out again, which resumes with the batches not yet done.
   */
  async publish(principal: Principal, id: string, dto: PublishStudyPackDto): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, id);
    const now = this.clock.now();
    const publishAt = dto.publishAt ? new Date(dto.publishAt) : null;
    if (publishAt && (publishAt <= now || publishAt.getTime() - now.getTime() > SCHEDULE_MAX_DAYS * DAY_MS))
      throw new AppException(ErrorCode.STUDY_PUBLISH_AT_INVALID, undefined, [
        { path: 'publishAt', problem: 'publishAt must be in the future, within a year' },
      ]);
    await this.repo.transaction(async (m) => {
      const pack = (await this.repo.lockPack(m, id))!;
      if (pack.status === 'publishing' && !publishAt) {
        await this.fanout.enqueueFanout(m, id, null);
        return;
      }
      if (pack.status !== 'draft' && pack.status !== 'scheduled')
        throw new AppException(ErrorCode.STUDY_PACK_WRONG_STATE, '这份学习礼包已发布或已撤回');
      if (pack.itemCount === 0) throw new AppException(ErrorCode.STUDY_PACK_EMPTY);
      if (publishAt) await this.repo.setPackSchedule(m, id, publishAt, now);
      else await this.repo.startPublishing(m, id, now);
      await this.fanout.enqueueFanout(m, id, publishAt);
      await this.audit.record(
        {
          action: 'study.publish',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'study_pack',
          targetId: id,
          orgPath: pack.ownerPath,
          details: { publishAt: publishAt ? publishAt.toISOString() : null, audience: pack.audienceScope },
        },
        m,
      );
    });
    this.fanout.wake();
    return this.view(principal, id);
  }

  /** Stops a pack: a scheduled one never goes out, a delivery under way stops, members no longer see it. */
  async withdraw(principal: Principal, id: string): Promise<StudyPackView> {
    const scope = await this.scopes.forPrincipal(principal);
    await this.authorPack(scope, id);
    await this.repo.transaction(async (m) => {
      const pack = (await this.repo.lockPack(m, id))!;
      if (pack.status === 'withdrawn') throw new AppException(ErrorCode.STUDY_PACK_WRONG_STATE, '这份学习礼包已撤回');
      await this.repo.withdrawPack(m, id, this.clock.now());
      await this.audit.record(
        {
          action: 'study.withdraw',
          result: 'ok',
          ...auditActor(principal),
          targetType: 'study_pack',
          targetId: id,
          orgPath: pack.ownerPath,
          details: { from: pack.status },
        },
        m,
      );
    });
    return this.view(principal, id);
  }

  /**
   * How far delivery has got: inbox entries, red parcels, and the WeChat
   * messages queued for members who allowed them (sent, skipped at send time
   * for want of a credit or an identity, or given up).
   */
  async delivery(principal: Principal, id: string): Promise<StudyDeliveryView> {
    const scope = await this.scopes.forPrincipal(principal);
    const pack = await this.visiblePack(scope, id);
    const [counts, wechat] = await Promise.all([
      this.repo.deliveryCounts(id),
      this.wechat.countBySubject('study.pack', id),
    ]);
    return {
      packId: id,
      status: pack.status,
      audience: pack.audienceCount ?? 0,
      inboxDelivered: counts.delivered,
      wechatSent: wechat.sent,
      wechatSkipped: wechat.skipped,
      wechatFailed: wechat.failed,
      redParcels: counts.redParcels,
    };
  }

  /**
   * The mailed red-parcel list: members of the audience without a
   * smartphone, with what a parcel needs. The full address and phone only
   * for members whose membership the caller holds (the sending side); others
   * (received members) show a masked phone. Secretaries and org admins of the
   * pack's org only; every export is audited, refusals included.
   */
  async redParcels(principal: Principal, id: string, clientIp: string | null): Promise<StudyFile> {
    const scope = await this.scopes.forPrincipal(principal);
    const pack = await this.visiblePack(scope, id);
    const audit = (result: 'ok' | 'denied', details: Record<string, unknown>) =>
      this.audit.record({
        action: 'study.red_parcels_export',
        result,
        ...auditActor(principal),
        targetType: 'study_pack',
        targetId: id,
        orgPath: pack.ownerPath,
        clientIp,
        details,
      });
    if (!actsFor(scope, pack.ownerPath, REVEAL_ROLES)) {
      await audit('denied', {});
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或组织部门管理员可以导出红色邮包名单');
    }
    const rows = await this.repo.findRedParcels(pack);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '流动先锋';
    const sheet = workbook.addWorksheet('红色邮包');
    sheet.columns = [
      { header: '姓名', key: 'name', width: 12 },
      { header: '所在党支部', key: 'branch', width: 28 },
      { header: '收件地址', key: 'address', width: 40 },
      { header: '联系电话', key: 'phone', width: 16 },
      { header: '学习礼包', key: 'pack', width: 28 },
    ];
    for (const r of rows) {
      const own = actsFor(scope, r.branchPath, REVEAL_ROLES);
      const phone = this.pii.decryptOptional(r.phoneCipher);
      sheet.addRow({
        name: this.pii.decrypt(r.nameCipher),
        branch: r.branchName,
        address: own ? (this.pii.decryptOptional(r.residenceCipher) ?? '') : '（请向本人核实）',
        phone: phone ? (own ? phone : maskPhone(phone)) : '',
        pack: pack.title,
      });
    }
    sheet.getRow(1).font = { bold: true };
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    await audit('ok', { rows: rows.length });
    return { filename: `红色邮包名单-${pack.title}.xlsx`, contentType: XLSX_CONTENT_TYPE, body };
  }

  // ── helpers ──────────────────────────────────────────────────────────

  /** An org the caller may publish to: visible (else 404) and acted for as its org admin (else 403). */
  private async authorOrg(scope: Scope, orgId: string): Promise<Org> {
    const org = await this.orgs.getVisible(scope, orgId);
    if (!actsFor(scope, org.path, STUDY_AUTHOR_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有组织部门管理员可以编写和发布学习礼包');
    return org;
  }

  /** A pack of an org the caller acts for; anything else is not confirmed to exist. */
  private async visiblePack(scope: Scope, id: string): Promise<PackRow> {
    const pack = await this.repo.findPack(id);
    if (!pack || !actsFor(scope, pack.ownerPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这份学习礼包');
    return pack;
  }

  private async authorPack(scope: Scope, id: string): Promise<PackRow> {
    const pack = await this.visiblePack(scope, id);
    if (!actsFor(scope, pack.ownerPath, STUDY_AUTHOR_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有组织部门管理员可以编写和发布学习礼包');
    return pack;
  }

  /** The pack locked for an edit, which only a draft allows. */
  private async draft(m: EntityManager, id: string): Promise<PackRow> {
    const pack = await this.repo.lockPack(m, id);
    if (!pack) throw new AppException(ErrorCode.NOT_FOUND, '找不到这份学习礼包');
    if (pack.status !== 'draft') throw new AppException(ErrorCode.STUDY_PACK_NOT_EDITABLE);
    return pack;
  }

  private monthFor(kind: string, month: string | undefined): string | null {
    if (kind === 'monthly' && !month) throw new AppException(ErrorCode.STUDY_MONTH_REQUIRED);
    return month ?? null;
  }

  private packFields(p: PackRow): Omit<StudyPackView, 'items'> {
    return {
      id: p.id,
      kind: p.kind,
      title: p.title,
      summary: p.summary,
      month: p.month,
      ownerOrgId: p.ownerOrgId,
      ownerOrgName: p.ownerOrgName,
      audience: { orgId: p.ownerOrgId, scope: p.audienceScope },
      status: p.status,
      publishAt: p.publishAt ? p.publishAt.toISOString() : null,
      publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
      createdAt: p.createdAt.toISOString(),
    };
  }
}
