import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_CODE_STEP_SECONDS,
  CHECKIN_FAR_METRES,
  ErrorCode,
  OFFLINE_SCAN_MAX_AGE_HOURS,
  timeStep,
  type CheckinAnomaly,
  type CheckinDirection,
  type CheckinMethod,
  type CheckinResult,
  type CheckinView,
  type GeoPoint,
  type Paginated,
} from '@pioneer/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import { MembersService } from '../members/members.service.js';
import { ActivitiesService, outsideWindow, type LiveActivity } from './activities.service.js';
import { CheckinsRepository, uniqueViolation, type CheckinRow } from './checkins.repository.js';
import { CodesService } from './codes.service.js';
import { judgeStep } from './code-signer.js';
import type { CheckinByPersonalCodeDto, CheckinDto, MyCheckinsQueryDto } from './dto/checkins.dto.js';

/** Metres between two points on the Earth (haversine). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** A scan sent later than this after the code's time counts as sent from an offline queue. */
const ONLINE_GRACE_MS = 2 * ACTIVITY_CODE_STEP_SECONDS * 1000;
const FUTURE_SKEW_MS = 2 * 60_000;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScanTiming {
  /** When the check-in happened, as recorded. */
  at: Date;
  offline: boolean;
}

/**
 * When a venue-code scan happened, and whether to believe it. Online, the
 * code must be of the current or the previous 20-second step. A scan queued
 * offline is judged against its own scan time, and the code's step — set by
 * the venue screen, not the phone — is what gets recorded; it may be sent up
 * to 72 hours later and is marked offline.
 */
export function judgeVenueScan(codeStep: number, now: Date, scannedAt: Date | null): ScanTiming | ErrorCode {
  const codeTime = new Date(codeStep * ACTIVITY_CODE_STEP_SECONDS * 1000);
  if (scannedAt && scannedAt.getTime() > now.getTime() + FUTURE_SKEW_MS) return ErrorCode.VALIDATION_FAILED;
  if (!scannedAt || now.getTime() - scannedAt.getTime() < ONLINE_GRACE_MS) {
    const verdict = judgeStep(codeStep, timeStep(now, ACTIVITY_CODE_STEP_SECONDS));
    if (verdict === 'expired') return ErrorCode.CODE_EXPIRED;
    if (verdict === 'future') return ErrorCode.CODE_FORGED;
    return { at: now, offline: false };
  }
  if (now.getTime() - codeTime.getTime() > OFFLINE_SCAN_MAX_AGE_HOURS * 3_600_000) return ErrorCode.CODE_EXPIRED;
  if (codeTime.getTime() > now.getTime() + ACTIVITY_CODE_STEP_SECONDS * 1000) return ErrorCode.CODE_FORGED;
  // The phone's clock may be off; the step says when the code was on screen. Allow a few minutes of drift.
  if (Math.abs(codeTime.getTime() - scannedAt.getTime()) > 10 * 60_000) return ErrorCode.CODE_EXPIRED;
  return { at: codeTime, offline: true };
}

/**
 * Check-in and check-out at activities. Never lost, never doubled: a member
 * has at most one check-in per activity (the database says so), a repeated
 * client id gets the first answer, and anything odd is recorded as an
 * anomaly for the secretary rather than refused.
 */
@Injectable()
export class CheckinsService {
  private readonly perMember: RateLimiterMemory;
  private readonly perDevice: RateLimiterMemory;

  constructor(
    private readonly repo: CheckinsRepository,
    private readonly activities: ActivitiesService,
    private readonly codes: CodesService,
    private readonly clock: Clock,
    private readonly members: MembersService,
    config: AppConfig,
  ) {
    const duration = Math.max(1, Math.round(config.throttle.ttlMs / 1000));
    this.perMember = new RateLimiterMemory({
      keyPrefix: 'checkin-member',
      points: config.throttle.checkinMemberLimit,
      duration,
    });
    this.perDevice = new RateLimiterMemory({
      keyPrefix: 'checkin-device',
      points: config.throttle.checkinDeviceLimit,
      duration,
    });
  }

  /** A member scans the venue screen. */
  async checkin(principal: Principal, dto: CheckinDto): Promise<CheckinResult> {
    const memberId = principal.memberId;
    if (!memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先绑定党员信息，再签到');
    await this.limit(memberId, dto.deviceId);
    const parsed = this.codes.parse(dto.code);
    if (parsed.kind !== 'activity') {
      throw new AppException(
        ErrorCode.CODE_WRONG_KIND,
        parsed.kind === 'personal'
          ? '这是个人先锋码，请扫描活动现场大屏上的签到码'
          : '这是党支部报到码，请在报到页面使用',
      );
    }
    const activity = await this.activities.verifySignature(parsed);
    if (dto.activityId && dto.activityId !== activity.id)
      throw new AppException(ErrorCode.CODE_WRONG_BRANCH, '这个签到码属于另一个活动');
    const timing = judgeVenueScan(
      parsed.step,
      this.clock.now(),
      dto.scannedAt && dto.offline ? new Date(dto.scannedAt) : null,
    );
    if (typeof timing === 'string') throw this.timingError(timing);
    return this.record(principal, activity, {
      memberId,
      method: 'venue_code',
      clientId: dto.clientId,
      direction: dto.direction ?? 'in',
      timing,
      deviceId: dto.deviceId ?? null,
      location: dto.location ?? null,
    });
  }

  /** A secretary scans a member's personal code for an activity of their branch. */
  async checkinByPersonalCode(
    principal: Principal,
    activityId: string,
    dto: CheckinByPersonalCodeDto,
  ): Promise<CheckinResult> {
    const row = await this.activities.staffActivity(principal, activityId);
    const parsed = this.codes.parse(dto.code);
    if (parsed.kind !== 'personal') throw new AppException(ErrorCode.CODE_WRONG_KIND, '请扫描党员手机上的“个人先锋码”');
    const now = this.clock.now();
    const offline = !!dto.offline && !!dto.scannedAt;
    const at = offline ? new Date(dto.scannedAt!) : now;
    if (
      offline &&
      (at.getTime() > now.getTime() + FUTURE_SKEW_MS ||
        now.getTime() - at.getTime() > OFFLINE_SCAN_MAX_AGE_HOURS * 3_600_000)
    )
      throw this.timingError(at.getTime() > now.getTime() ? ErrorCode.VALIDATION_FAILED : ErrorCode.CODE_EXPIRED);
    const memberId = await this.codes.verifyPersonalCode(parsed, at);
    await this.limit(memberId, undefined);
    const activity = (await this.activities.byPublicCode(row.publicCode))!;
    return this.record(principal, activity, {
      memberId,
      method: 'personal_code',
      clientId: dto.clientId,
      direction: dto.direction ?? 'in',
      timing: { at, offline },
      deviceId: null,
      location: null,
    });
  }

  async mine(principal: Principal, query: MyCheckinsQueryDto): Promise<Paginated<CheckinView>> {
    if (!principal.memberId) return { items: [] };
    return this.page(principal.memberId, query);
  }

  /** A member's attendance, for whoever may see the member: their sending branch, the receiving branch, themself. */
  async ofMember(principal: Principal, memberId: string, query: MyCheckinsQueryDto): Promise<Paginated<CheckinView>> {
    await this.members.view(principal, memberId);
    return this.page(memberId, query);
  }

  private async page(memberId: string, query: MyCheckinsQueryDto): Promise<Paginated<CheckinView>> {
    const limit = query.limit ?? 20;
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { at, id };
    }
    const rows = await this.repo.findMemberCheckins(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = page.map((r) => this.activities.checkinView(r));
    const last = page[page.length - 1];
    return rows.length > limit ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  private async record(
    principal: Principal,
    activity: LiveActivity,
    input: {
      memberId: string;
      method: CheckinMethod;
      clientId: string;
      direction: CheckinDirection;
      timing: ScanTiming;
      deviceId: string | null;
      location: GeoPoint | null;
    },
  ): Promise<CheckinResult> {
    if (activity.cancelled) throw new AppException(ErrorCode.ACTIVITY_CANCELLED);
    if (input.direction === 'out') return this.checkOut(activity, input.memberId, input.clientId, input.timing.at);
    const anomalies: CheckinAnomaly[] = [];
    if (input.timing.offline) anomalies.push('offline');
    if (outsideWindow(activity, input.timing.at)) anomalies.push('outside_window');
    if (input.location && activity.location && distanceMetres(input.location, activity.location) > CHECKIN_FAR_METRES)
      anomalies.push('far_from_venue');
    try {
      const { row, created } = await this.repo.insertCheckin({
        activityId: activity.id,
        memberId: input.memberId,
        method: input.method,
        clientId: input.clientId,
        checkedInAt: input.timing.at,
        recordedBy: principal.accountId,
        deviceId: input.deviceId,
        latitude: input.location?.lat ?? null,
        longitude: input.location?.lng ?? null,
        offline: input.timing.offline,
        anomalies,
      });
      return { repeated: !created, checkin: this.activities.checkinView(row) };
    } catch (error) {
      if (uniqueViolation(error) !== 'checkins_client_once') throw error;
      // This client id was already used by the member: for this activity it is a repeat, for another a client bug.
      const earlier = await this.repo.findCheckinByClientId(input.memberId, input.clientId);
      if (earlier && earlier.activityId === activity.id)
        return { repeated: true, checkin: this.activities.checkinView(earlier) };
      throw new AppException(ErrorCode.CLIENT_ID_REUSED);
    }
  }

  private async checkOut(activity: LiveActivity, memberId: string, clientId: string, at: Date): Promise<CheckinResult> {
    if (!activity.checkoutEnabled)
      throw new AppException(ErrorCode.VALIDATION_FAILED, '这次活动不需要签退', [
        { path: 'direction', problem: 'this activity does not record check-outs' },
      ]);
    const existing = await this.repo.findCheckin(activity.id, memberId);
    if (!existing) throw new AppException(ErrorCode.ACTIVITY_NOT_CHECKED_IN);
    if (existing.checkedOutAt) return { repeated: true, checkin: this.activities.checkinView(existing) };
    await this.repo.checkOut(existing.id, at, clientId);
    const row: CheckinRow = (await this.repo.findCheckin(activity.id, memberId))!;
    return { repeated: row.checkoutClientId !== clientId, checkin: this.activities.checkinView(row) };
  }

  private timingError(code: ErrorCode): AppException {
    if (code === ErrorCode.VALIDATION_FAILED)
      return new AppException(code, '扫码时间不正确，请检查手机时间', [
        { path: 'scannedAt', problem: 'scannedAt is in the future' },
      ]);
    return new AppException(code);
  }

  /** Per member and per device, so one phone or one account cannot flood the venue; addresses are not limited here (carrier NAT). */
  private async limit(memberId: string, deviceId: string | undefined): Promise<void> {
    try {
      await this.perMember.consume(memberId);
      if (deviceId) await this.perDevice.consume(deviceId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppException(ErrorCode.RATE_LIMITED, `签到太频繁，请 ${seconds} 秒后再试`, {
        retryAfterSeconds: seconds,
      });
    }
  }
}
