import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  formatServiceTime,
  nextServiceStatus,
  serviceMinutes,
  type Paginated,
  type ServiceView,
} from '@pioneer/shared';
import { CodesService } from '../checkins/codes.service.js';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { actingPaths, actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService } from '../notifications/inbox.service.js';
import { PointsService } from '../points/points.service.js';
import type { ConfirmServiceDto, PageQueryDto, ServiceScanDto } from './dto/volunteer.dto.js';
import { afterCursor, page } from './skill-cards.service.js';
import { NEED_ROLES } from './volunteer-access.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository, type ServiceRow } from './volunteer.repository.js';

/**
 * Service records: checked in and out by the recipient scanning the
 * member's personal code (the 流动先锋码 machinery: signed, rotating every
 * 30 s, judged by the server's clock), hours from check-in to check-out,
 * then confirmed and rated by the recipient, which awards points in the
 * same transaction. The member never checks themself in, nor confirms.
 */
@Injectable()
export class ServiceRecordsService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly views: VolunteerViews,
    private readonly codes: CodesService,
    private readonly points: PointsService,
    private readonly scopes: ScopeService,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
  ) {}

  async view(principal: Principal, id: string): Promise<ServiceView> {
    const { row, role } = await this.visible(principal, id);
    await this.views.skillsReady();
    return this.views.service(row, role);
  }

  async mine(principal: Principal, query: PageQueryDto): Promise<Paginated<ServiceView>> {
    if (!principal.memberId) return { items: [] };
    const limit = query.limit ?? 20;
    const rows = await this.repo.servicesOfMember(principal.memberId, afterCursor(query.cursor), limit + 1);
    await this.views.skillsReady();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.service(r, 'member'),
    );
  }

  /** Services the caller receives: the requests they made, and needs of the orgs they post needs for. */
  async received(principal: Principal, query: PageQueryDto): Promise<Paginated<ServiceView>> {
    const scope = await this.scopes.forPrincipal(principal);
    const limit = query.limit ?? 20;
    const rows = await this.repo.servicesReceived(
      principal.accountId,
      actingPaths(scope, NEED_ROLES),
      afterCursor(query.cursor),
      limit + 1,
    );
    await this.views.skillsReady();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.service(r, 'recipient'),
    );
  }

  /** The recipient scans the member's personal code: the first scan checks in, the second out. */
  async scan(principal: Principal, id: string, dto: ServiceScanDto): Promise<ServiceView> {
    const { row, role } = await this.visible(principal, id);
    if (role !== 'recipient') throw new AppException(ErrorCode.FORBIDDEN, '签到签退须由服务对象扫描党员的个人先锋码');
    const parsed = this.codes.parse(dto.code);
    if (parsed.kind !== 'personal') throw new AppException(ErrorCode.CODE_WRONG_KIND, '请扫描党员手机上的“个人先锋码”');
    const now = this.clock.now();
    const memberId = await this.codes.verifyPersonalCode(parsed, now);
    if (memberId !== row.memberId) throw new AppException(ErrorCode.SERVICE_WRONG_MEMBER);
    await this.repo.transaction(async (m) => {
      const current = await this.repo.lockService(m, id);
      if (!current) throw new AppException(ErrorCode.NOT_FOUND);
      // A second scan of the same step (a double tap, a retry) changes nothing.
      if (dto.direction === 'in' && current.status === 'in_progress') return;
      if (dto.direction === 'out' && (current.status === 'completed' || current.status === 'confirmed')) return;
      const next = nextServiceStatus(current.status, dto.direction === 'in' ? 'check_in' : 'check_out');
      if (!next)
        throw new AppException(
          ErrorCode.SERVICE_STATE,
          dto.direction === 'out' && current.status === 'scheduled' ? '还没有签到，不能签退' : undefined,
        );
      if (dto.direction === 'in') {
        await this.repo.checkIn(m, id, now, principal.accountId);
      } else {
        const minutes = serviceMinutes(current.checkedInAt!, now);
        if (minutes === null) throw new AppException(ErrorCode.SERVICE_STATE, '签退时间早于签到时间');
        await this.repo.checkOut(m, id, now, principal.accountId, minutes);
      }
    });
    return this.view(principal, id);
  }

  /** The recipient confirms the service and rates it; points for the time and for the rating post with it. */
  async confirm(principal: Principal, id: string, dto: ConfirmServiceDto): Promise<ServiceView> {
    const { row, role } = await this.visible(principal, id);
    if (role !== 'recipient') throw new AppException(ErrorCode.FORBIDDEN, '服务须由服务对象确认和评价');
    await this.repo.transaction(async (m) => {
      const current = await this.repo.lockService(m, id);
      if (!current || !nextServiceStatus(current.status, 'confirm')) throw new AppException(ErrorCode.SERVICE_STATE);
      const fresh = (await this.repo.findService(id, m))!;
      await this.repo.confirm(m, id, this.clock.now(), principal.accountId, dto.rating, dto.comment || null);
      const minutes = fresh.minutes ?? 0;
      await this.points.award(m, {
        memberId: row.memberId,
        source: 'service_hours',
        sourceRef: id,
        quantity: minutes,
        reason: `志愿服务“${row.title}”${formatServiceTime(minutes)}`,
        actorAccountId: principal.accountId,
      });
      await this.points.award(m, {
        memberId: row.memberId,
        source: 'service_rating',
        sourceRef: id,
        quantity: dto.rating,
        reason: `志愿服务“${row.title}”获评 ${dto.rating} 星`,
        actorAccountId: principal.accountId,
      });
      await this.inbox.send(m, [
        {
          to: { memberId: row.memberId },
          category: 'notice',
          kind: 'volunteer.confirmed',
          title: '您的志愿服务已确认',
          body: `${row.title}：${formatServiceTime(minutes)}，评价 ${dto.rating} 星`,
          subject: { type: 'volunteer_service', id },
        },
      ]);
    });
    return this.view(principal, id);
  }

  /** Either side calls off a service not yet begun; a need's seat is given back. */
  async cancel(principal: Principal, id: string): Promise<ServiceView> {
    await this.visible(principal, id);
    await this.repo.transaction(async (m) => {
      const current = await this.repo.lockService(m, id);
      if (!current || !nextServiceStatus(current.status, 'cancel')) throw new AppException(ErrorCode.SERVICE_STATE);
      await this.repo.cancelService(m, id, this.clock.now());
      if (current.needId) await this.repo.releaseSeat(m, current.needId);
    });
    return this.view(principal, id);
  }

  /** The service, for its member or its recipient; anyone else finds nothing. */
  private async visible(principal: Principal, id: string): Promise<{ row: ServiceRow; role: 'member' | 'recipient' }> {
    const row = await this.repo.findService(id);
    if (row) {
      if (principal.memberId && row.memberId === principal.memberId) return { row, role: 'member' };
      if (row.recipientAccountId === principal.accountId) return { row, role: 'recipient' };
      if (row.recipientOrgPath) {
        const scope = await this.scopes.forPrincipal(principal);
        if (actsFor(scope, row.recipientOrgPath, NEED_ROLES)) return { row, role: 'recipient' };
      }
    }
    throw new AppException(ErrorCode.NOT_FOUND, '找不到这次志愿服务');
  }
}
