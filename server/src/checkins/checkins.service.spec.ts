import { ErrorCode } from '@pioneer/shared';
import { distanceMetres, judgeVenueScan } from './checkins.service.js';

const STEP = 20_000;
const now = new Date('2026-11-21T04:00:10.000Z');
const nowStep = Math.floor(now.getTime() / STEP);

describe(judgeVenueScan.name, () => {
  it.each([
    ['the current code, online', nowStep, null, { at: now, offline: false }],
    ['the previous code, online', nowStep - 1, null, { at: now, offline: false }],
    ['a code two steps old, online', nowStep - 2, null, ErrorCode.CODE_EXPIRED],
    ['a code two steps ahead, online', nowStep + 2, null, ErrorCode.CODE_FORGED],
    [
      'an offline scan sent an hour later',
      nowStep - 180,
      new Date(now.getTime() - 3_600_000),
      { at: new Date((nowStep - 180) * STEP), offline: true },
    ],
    [
      'an offline scan claiming a time far from its code',
      nowStep - 180,
      new Date(now.getTime() - 7_200_000),
      ErrorCode.CODE_EXPIRED,
    ],
    [
      'an offline scan older than 72 hours',
      nowStep - 73 * 180,
      new Date(now.getTime() - 73 * 3_600_000),
      ErrorCode.CODE_EXPIRED,
    ],
    ['a scan time in the future', nowStep, new Date(now.getTime() + 3_600_000), ErrorCode.VALIDATION_FAILED],
    ['a scan time just now counts as online', nowStep - 2, new Date(now.getTime() - 5_000), ErrorCode.CODE_EXPIRED],
  ])('%s', (_label, step, scannedAt, expected) => {
    expect(judgeVenueScan(step, now, scannedAt)).toEqual(expected);
  });
});

describe(distanceMetres.name, () => {
  it.each([
    [{ lat: 31.1546, lng: 121.3515 }, { lat: 31.1546, lng: 121.3515 }, 0, 1],
    // 七宝 to 人民广场, about 12 km
    [{ lat: 31.1546, lng: 121.3515 }, { lat: 31.2304, lng: 121.4737 }, 14_000, 2_000],
    // one thousandth of a degree of latitude, about 111 m
    [{ lat: 31, lng: 121 }, { lat: 31.001, lng: 121 }, 111, 1],
  ])('from %j to %j is about %i m', (a, b, metres, tolerance) => {
    expect(Math.abs(distanceMetres(a, b) - metres)).toBeLessThanOrEqual(tolerance);
  });
});
