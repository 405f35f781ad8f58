import {
  NEED_HEADCOUNT_MAX,
  NEED_MAX_HOURS,
  NEED_PLACE_MAX,
  NEED_TITLE_MAX,
  type CreateNeedRequest,
} from '@pioneer/shared';

export interface NeedForm {
  skillCode: string;
  title: string;
  place: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  startTime: string;
  endTime: string;
  headcount: string;
  description: string;
}

export const EMPTY_NEED_FORM: NeedForm = {
  skillCode: '',
  title: '',
  place: '',
  date: '',
  startTime: '',
  endTime: '',
  headcount: '1',
  description: '',
};

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** A local date and time as ISO 8601 with the phone's offset at that moment: 2030-06-08 + 09:00 → …T09:00:00+08:00. */
export function localIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const offset = -new Date(y, m - 1, d, hh, mm).getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${date}T${time}:00${offset < 0 ? '-' : '+'}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/** The request to send, or what to fix first in words for the staff member. A need ending after midnight ends the next day. */
export function needRequestFrom(form: NeedForm, orgId: string, now: Date = new Date()): CreateNeedRequest | string {
  const title = form.title.trim();
  const place = form.place.trim();
  if (!form.skillCode) return '请选择需要的技能';
  if (!title) return '请写一个简短的标题';
  if (title.length > NEED_TITLE_MAX) return `标题不能超过 ${NEED_TITLE_MAX} 个字`;
  if (!place) return '请填写地点';
  if (place.length > NEED_PLACE_MAX) return `地点不能超过 ${NEED_PLACE_MAX} 个字`;
  if (!form.date || !form.startTime || !form.endTime) return '请选择日期和起止时间';
  const headcount = Number(form.headcount);
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > NEED_HEADCOUNT_MAX) {
    return `需要人数请填 1 到 ${NEED_HEADCOUNT_MAX} 之间的整数`;
  }
  const startsAt = localIso(form.date, form.startTime);
  let endsAt = localIso(form.date, form.endTime);
  if (new Date(endsAt) <= new Date(startsAt)) {
    const next = new Date(new Date(`${form.date}T00:00:00`).getTime() + 36 * 3_600_000);
    endsAt = localIso(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`, form.endTime);
  }
  if (new Date(startsAt) <= now) return '开始时间已经过了，请重新选择';
  if (new Date(endsAt).getTime() - new Date(startsAt).getTime() > NEED_MAX_HOURS * 3_600_000) {
    return `一次服务不能超过 ${NEED_MAX_HOURS} 小时`;
  }
  const request: CreateNeedRequest = { orgId, skillCode: form.skillCode, title, place, startsAt, endsAt, headcount };
  if (form.description.trim()) request.description = form.description.trim();
  return request;
}
