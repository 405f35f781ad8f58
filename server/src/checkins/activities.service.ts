import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_CODE_STEP_SECONDS,
  CHECKIN_CLOSES_AFTER_MINUTES,
  CHECKIN_OPENS_BEFORE_MINUTES,
  ErrorCode,
  scanLink,
  timeStep,
  type ActivityStatus,
  type ActivitySummary,
  type ActivityView,
  type AttendanceView,
  type CheckinAnomaly,
  type CheckinView,
  type Paginated,
  type ParsedCode,
  type VenueCodeView,
} from '@pioneer/shared';
import { AuditService, auditActor } from '../audit/audit.service.js';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { MANAGE_ROLES, actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { Activity } from './activity.entity.js';
import { CheckinsRepository, uniqueViolation, type ActivityRow, type CheckinRow } from './checkins.repository.js';
import { CodesService, newPublicCode } from './codes.service.js';
import { activityMac, sameText, signActivityCode } from './code-signer.js';
import type { CreateActivityDto, ListActivitiesQueryDto } from './dto/checkins.dto.js';

/** What the check-in path needs of an activity, kept in memory for a short while. */
export interface LiveActivity {
  id: string;
  publicCode: string;
  branchId: string;
  branchPath: string;
  title: string;
  secret: Buffer;
  startsAt: Date;
  endsAt: Date;
  location: { lat: number; lng: number } | null;
  checkoutEnabled: boolean;
  cancelled: boolean;
  loadedAt: number;
}

const LIVE_TTL_MS = 30_000;
const LIVE_MAX = 10_000;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MINUTE = 60_000;

export function activityStatus(a: Pick<Activity, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: Date): ActivityStatus {
  if (a.cancelledAt) return 'cancelled';
  if (now.getTime() < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE) return 'upcoming';
  if (now.getTime() > a.endsAt.getTime() + CHECKIN_CLOSES_AFTER_MINUTES * MINUTE) return 'ended';
  return 'open';
}

/** Whether a check-in at `at` falls outside the activity's check-in window. */
export function outsideWindow(a: { startsAt: Date; endsAt: Date }, at: Date): boolean {
  return (
    at.getTime() < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE ||
    at.getTime() > a.endsAt.getTime() + CHECKIN_CLOSES_AFTER_MINUTES * MINUTE
  );
}

/** Branch activities (三会一课, 主题党日, volunteer service, holiday gatherings) and their rotating venue codes. */
@Injectable()
export class ActivitiesService {
  private readonly live = new Map<string, LiveActivity>();

  constructor(
    private readonly repo: CheckinsRepository,
    private readonly codes: CodesService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateActivityDto): Promise<ActivityView> {
    const branch = await this.codes.staffBranch(principal, dto.branchId, MANAGE_ROLES);
    let created: Activity | null = null;
    for (let attempt = 0; attempt < 5 && !created; attempt += 1) {
      try {
        created = await this.repo.insertActivity({
          publicCode: newPublicCode(),
          branchId: branch.id,
          branchPath: branch.path,
          kind: dto.kind,
          title: dto.title,
          place: dto.place,
          latitude: dto.location ? dto.location.lat.toFixed(6) : null,
          longitude: dto.location ? dto.location.lng.toFixed(6) : null,
          startsAt: new Date(dto.startsAt),
          endsAt: new Date(dto.endsAt),
          checkoutEnabled: dto.checkoutEnabled ?? dto.kind === 'volunteer_service',
          secretCipher: this.pii.encrypt(randomBytes(32).toString('base64url')),
          createdBy: principal.accountId,
        });
      } catch (error) {
        if (uniqueViolation(error) === null) throw error;
      }
    }
    if (!created) throw new AppException(ErrorCode.SERVICE_UNAVAILABLE, '暂时无法创建活动，请稍后再试');
    await this.audit.record({
      action: 'activity.create',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'activity',
      targetId: created.id,
      orgPath: branch.path,
      details: { kind: dto.kind },
    });
    return this.view(principal, created.id);
  }

  async list(principal: Principal, query: ListActivitiesQueryDto): Promise<Paginated<ActivitySummary>> {
    const branch = await this.codes.staffBranch(principal, query.branchId);
    const limit = query.limit ?? 20;
    let after: { startsAt: string; id: string } | undefined;
    if (query.cursor) {
      const [startsAt, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { startsAt, id };
    }
    const rows = await this.repo.listActivities(branch.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const now = this.clock.now();
    const items = page.map((r) => this.summary(r, now));
    const last = page[page.length - 1] as (ActivityRow & { sortAt?: string }) | undefined;
    return rows.length > limit && last?.sortAt
      ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) }
      : { items };
  }

  async view(principal: Principal, id: string): Promise<ActivityView> {
    const row = await this.staffActivity(principal, id);
    const expected = await this.repo.findExpectedMembers(row.branchId);
    return this.fullView(row, expected.length);
  }

  async cancel(principal: Principal, id: string): Promise<ActivityView> {
    const row = await this.staffActivity(principal, id, true);
    await this.repo.cancelActivity(id, principal.accountId, this.clock.now());
    this.live.delete(row.publicCode);
    await this.audit.record({
      action: 'activity.cancel',
      result: 'ok',
      ...auditActor(principal),
      targetType: 'activity',
      targetId: id,
      orgPath: row.branchPath,
    });
    return this.view(principal, id);
  }

  /** The venue screen's current code; it changes every 20 seconds. */
  async venueCode(principal: Principal, id: string): Promise<VenueCodeView> {
    const row = await this.staffActivity(principal, id);
    if (row.cancelledAt) throw new AppException(ErrorCode.ACTIVITY_CANCELLED);
    const live = await this.byPublicCode(row.publicCode);
    const now = this.clock.now();
    const step = timeStep(now, ACTIVITY_CODE_STEP_SECONDS);
    const scene = signActivityCode(live!.secret, row.publicCode, step);
    return {
      activityId: row.id,
      scene,
      link: scanLink(this.config.publicBaseUrl, scene),
      rotatesAt: new Date((step + 1) * ACTIVITY_CODE_STEP_SECONDS * 1000).toISOString(),
      stepSeconds: ACTIVITY_CODE_STEP_SECONDS,
    };
  }

  async attendance(principal: Principal, id: string): Promise<AttendanceView> {
    const row = await this.staffActivity(principal, id);
    const [checkins, expected] = await Promise.all([
      this.repo.findActivityCheckins(id),
      this.repo.findExpectedMembers(row.branchId),
    ]);
    const present = new Set(checkins.map((c) => c.memberId));
    // One phone checking in several members is seen only across rows: flag each of them.
    const membersPerDevice = new Map<string, Set<string>>();
    for (const c of checkins) {
      if (!c.deviceId) continue;
      const set = membersPerDevice.get(c.deviceId) ?? new Set<string>();
      set.add(c.memberId);
      membersPerDevice.set(c.deviceId, set);
    }
    return {
      activity: this.fullView(row, expected.length),
      present: checkins.map((c) =>
        this.checkinView(c, c.deviceId && membersPerDevice.get(c.deviceId)!.size > 1 ? ['shared_device'] : []),
      ),
      absent: expected
        .filter((e) => !present.has(e.memberId))
        .map((e) => ({ memberId: e.memberId, memberName: this.pii.decrypt(e.memberNameCipher), side: e.side })),
    };
  }

  /** What an activity code points at, once its signature checks out (the step is judged at check-in). */
  async summaryForCode(parsed: Extract<ParsedCode, { kind: 'activity' }>): Promise<ActivitySummary> {
    const live = await this.verifySignature(parsed);
    const row = await this.repo.findActivityRow(live.id);
    return this.summary(row!, this.clock.now());
  }

  /** The activity an activity code names, with its signature checked; forged or unknown codes are refused. */
  async verifySignature(parsed: Extract<ParsedCode, { kind: 'activity' }>): Promise<LiveActivity> {
    const live = await this.byPublicCode(parsed.activityCode);
    if (!live || !sameText(activityMac(live.secret, live.publicCode, parsed.step), parsed.mac))
      throw new AppException(ErrorCode.CODE_FORGED);
    return live;
  }

  /** An activity by its public code, from a short-lived in-memory copy (the hot path of check-in). */
  async byPublicCode(code: string): Promise<LiveActivity | null> {
    const cached = this.live.get(code);
    if (cached && Date.now() - cached.loadedAt < LIVE_TTL_MS) return cached;
    const a = await this.repo.findActivityByPublicCode(code);
    if (!a) return null;
    if (this.live.size >= LIVE_MAX) this.live.clear();
    const live: LiveActivity = {
      id: a.id,
      publicCode: a.publicCode,
      branchId: a.branchId,
      branchPath: a.branchPath,
      title: a.title,
      secret: Buffer.from(this.pii.decrypt(a.secretCipher), 'base64url'),
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      location: a.latitude && a.longitude ? { lat: Number(a.latitude), lng: Number(a.longitude) } : null,
      checkoutEnabled: a.checkoutEnabled,
      cancelled: a.cancelledAt !== null,
      loadedAt: Date.now(),
    };
    this.live.set(code, live);
    return live;
  }

  /** An activity of a branch the caller is staff of (secretary, committee member, admin above). */
  async staffActivity(principal: Principal, id: string, manage = false): Promise<ActivityRow> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findActivityRow(id);
    if (!row || !actsFor(scope, row.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个活动');
    if (manage && !actsFor(scope, row.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有支部书记或上级组织管理员可以取消活动');
    return row;
  }

  checkinView(c: CheckinRow, extra: CheckinAnomaly[] = []): CheckinView {
    return {
      id: c.id,
      activityId: c.activityId,
      activityTitle: c.activityTitle,
      memberId: c.memberId,
      memberName: this.pii.decrypt(c.memberNameCipher),
      method: c.method,
      checkedInAt: c.checkedInAt.toISOString(),
      checkedOutAt: c.checkedOutAt ? c.checkedOutAt.toISOString() : null,
      minutes: c.checkedOutAt ? Math.floor((c.checkedOutAt.getTime() - c.checkedInAt.getTime()) / MINUTE) : null,
      offline: c.offline,
      anomalies: [...new Set([...c.anomalies, ...extra])],
    };
  }

  private summary(r: ActivityRow, now: Date): ActivitySummary {
    return {
      id: r.id,
      branchId: r.branchId,
      branchName: r.branchName,
      kind: r.kind,
      title: r.title,
      place: r.place,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      checkoutEnabled: r.checkoutEnabled,
      status: activityStatus(r, now),
    };
  }

  private fullView(r: ActivityRow, expected: number): ActivityView {
    return {
      ...this.summary(r, this.clock.now()),
      location: r.latitude && r.longitude ? { lat: Number(r.latitude), lng: Number(r.longitude) } : null,
      checkedIn: r.checkedIn,
      expected,
      createdAt: r.createdAt.toISOString(),
    };
  }
}
