import { ACTIVITY_KINDS } from '@pioneer/shared';
import {
  EMPTY_ACTIVITY_FORM,
  KIND_GROUPS,
  activityRequestFrom,
  checkoutOf,
  isoWithOffset,
  type ActivityForm,
} from './activity-form';

const NOW = new Date('2025-03-01T00:00:00Z');

const filled: ActivityForm = {
  ...EMPTY_ACTIVITY_FORM,
  kind: 'theme_day',
  title: ' 3月主题党日 ',
  place: '村党群服务中心',
  date: '2025-03-05',
  startTime: '09:00',
  endTime: '11:00',
};

describe(isoWithOffset.name, () => {
  it.each([
    ['China', 480, '2025-03-05T09:00:00+08:00'],
    ['UTC', 0, '2025-03-05T09:00:00+00:00'],
    ['west of UTC, half hours', -210, '2025-03-05T09:00:00-03:30'],
  ])('writes the local time with the %s offset', (_zone, offset, expected) => {
    expect(isoWithOffset('2025-03-05', '09:00', offset)).toBe(expected);
  });

  it('names the same moment as the local date and time', () => {
    expect(new Date(isoWithOffset('2025-03-05', '09:00')).getTime()).toBe(new Date(2025, 2, 5, 9, 0).getTime());
  });
});

describe(activityRequestFrom.name, () => {
  it.each<[string, Partial<ActivityForm>, string]>([
    ['no kind', { kind: null }, '请选择活动类型'],
    ['no title', { title: '  ' }, '请填写活动名称'],
    ['a long title', { title: '长'.repeat(61) }, '活动名称不能超过 60 个字'],
    ['no place', { place: '' }, '请填写活动地点'],
    ['no date', { date: '' }, '请选择活动日期'],
    ['no start', { startTime: '' }, '请选择开始时间'],
    ['no end', { endTime: '' }, '请选择结束时间'],
    ['an end before the start', { endTime: '08:30' }, '结束时间要晚于开始时间'],
    ['an end equal to the start', { endTime: '09:00' }, '结束时间要晚于开始时间'],
    ['a time already past', { date: '2025-02-01' }, '结束时间已经过去，请检查日期和时间'],
  ])('refuses %s', (_name, change, message) => {
    expect(activityRequestFrom({ ...filled, ...change }, 'b-1', NOW)).toBe(message);
  });

  it('builds the request with trimmed text and the times on the chosen day', () => {
    const request = activityRequestFrom(filled, 'b-1', NOW);

    expect(request).toEqual({
      branchId: 'b-1',
      kind: 'theme_day',
      title: '3月主题党日',
      place: '村党群服务中心',
      startsAt: isoWithOffset('2025-03-05', '09:00'),
      endsAt: isoWithOffset('2025-03-05', '11:00'),
      checkoutEnabled: false,
    });
  });

  it('sends the venue location only when one was taken', () => {
    const request = activityRequestFrom({ ...filled, location: { lat: 31.6, lng: 121.1 } }, 'b-1', NOW);

    expect(request).toMatchObject({ location: { lat: 31.6, lng: 121.1 } });
  });
});

describe(checkoutOf.name, () => {
  it('is on for volunteer service and off otherwise, unless the secretary chose', () => {
    expect(checkoutOf({ ...filled, kind: 'volunteer_service' })).toBe(true);
    expect(checkoutOf({ ...filled, kind: 'party_lecture' })).toBe(false);
    expect(checkoutOf({ ...filled, kind: 'volunteer_service', checkout: false })).toBe(false);
    expect(checkoutOf({ ...filled, kind: 'theme_day', checkout: true })).toBe(true);
  });
});

describe('KIND_GROUPS', () => {
  it('offers every activity kind the server accepts, each once', () => {
    const offered = KIND_GROUPS.flatMap((g) => g.kinds);
    expect([...offered].sort()).toEqual([...ACTIVITY_KINDS].sort());
  });
});
