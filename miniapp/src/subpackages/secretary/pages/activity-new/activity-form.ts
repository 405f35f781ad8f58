import {
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  type ActivityKind,
  type CreateActivityRequest,
  type GeoPoint,
} from '@pioneer/shared';

export interface ActivityForm {
  kind: ActivityKind | null;
  title: string;
  place: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  startTime: string;
  endTime: string;
  /** null: follow the kind (on for volunteer service, where hours count). */
  checkout: boolean | null;
  location: GeoPoint | null;
}

export const EMPTY_ACTIVITY_FORM: ActivityForm = {
  kind: null,
  title: '',
  place: '',
  date: '',
  startTime: '',
  endTime: '',
  checkout: null,
  location: null,
};

/** The kinds as people look for them: 三会一课 together, then the rest. */
export const KIND_GROUPS: readonly { label: string; kinds: readonly ActivityKind[] }[] = [
  { label: '三会一课', kinds: ['members_meeting', 'committee_meeting', 'group_meeting', 'party_lecture'] },
  { label: '其他活动', kinds: ['theme_day', 'volunteer_service', 'holiday_gathering', 'catch_up_class'] },
];

export function checkoutOf(form: ActivityForm): boolean {
  return form.checkout ?? form.kind === 'volunteer_service';
}

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** The phone's UTC offset at that local moment, in minutes east of UTC (China: 480). */
export function localOffsetMinutes(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return -new Date(y, m - 1, d, hh, mm).getTimezoneOffset();
}

/** A local date and time as ISO 8601 with its offset: 2025-03-05 + 09:00 → 2025-03-05T09:00:00+08:00. */
export function isoWithOffset(date: string, time: string, offsetMinutes = localOffsetMinutes(date, time)): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${time}:00${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/** The request to send, or the first thing still to fix, in words for the secretary. */
export function activityRequestFrom(
  form: ActivityForm,
  branchId: string,
  now: Date = new Date(),
): CreateActivityRequest | string {
  const title = form.title.trim();
  const place = form.place.trim();
  if (!form.kind) return '请选择活动类型';
  if (!title) return '请填写活动名称';
  if (title.length > ACTIVITY_TITLE_MAX) return `活动名称不能超过 ${ACTIVITY_TITLE_MAX} 个字`;
  if (!place) return '请填写活动地点';
  if (place.length > ACTIVITY_PLACE_MAX) return `活动地点不能超过 ${ACTIVITY_PLACE_MAX} 个字`;
  if (!form.date) return '请选择活动日期';
  if (!form.startTime) return '请选择开始时间';
  if (!form.endTime) return '请选择结束时间';
  if (form.endTime <= form.startTime) return '结束时间要晚于开始时间';
  const startsAt = isoWithOffset(form.date, form.startTime);
  const endsAt = isoWithOffset(form.date, form.endTime);
  if (new Date(endsAt).getTime() <= now.getTime()) return '结束时间已经过去，请检查日期和时间';
  const request: CreateActivityRequest = {
    branchId,
    kind: form.kind,
    title,
    place,
    startsAt,
    endsAt,
    checkoutEnabled: checkoutOf(form),
  };
  if (form.location) request.location = form.location;
  return request;
}
