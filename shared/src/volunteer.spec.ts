import {
  MATCH_POINTS,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  SERVICE_EVENTS,
  SERVICE_MAX_MINUTES,
  SERVICE_STATUSES,
  formatServiceTime,
  matchScore,
  nextRequestStatus,
  nextServiceStatus,
  serviceMinutes,
  windowParts,
  type MatchCard,
  type MatchNeed,
  type RequestAction,
  type RequestStatus,
  type ServiceEvent,
  type ServiceStatus,
} from './volunteer.js';

process.env.TZ = 'Asia/Shanghai';

describe('nextRequestStatus', () => {
  const allowed: [RequestStatus, RequestAction, RequestStatus][] = [
    ['pending', 'accept', 'accepted'],
    ['pending', 'decline', 'declined'],
    ['pending', 'withdraw', 'withdrawn'],
  ];
  it.each(allowed)('%s + %s → %s', (from, action, to) => {
    expect(nextRequestStatus(from, action)).toBe(to);
  });

  const refused = REQUEST_STATUSES.flatMap((s) => REQUEST_ACTIONS.map((a) => [s, a] as const)).filter(
    ([s, a]) => !allowed.some(([f, x]) => f === s && x === a),
  );
  it.each(refused)('%s + %s is refused', (from, action) => {
    expect(nextRequestStatus(from, action)).toBeNull();
  });
  it('refuses every action once decided (9 combinations)', () => {
    expect(refused).toHaveLength(9);
  });
});

describe('nextServiceStatus', () => {
  const allowed: [ServiceStatus, ServiceEvent, ServiceStatus][] = [
    ['scheduled', 'check_in', 'in_progress'],
    ['scheduled', 'cancel', 'cancelled'],
    ['in_progress', 'check_out', 'completed'],
    ['completed', 'confirm', 'confirmed'],
  ];
  it.each(allowed)('%s + %s → %s', (from, event, to) => {
    expect(nextServiceStatus(from, event)).toBe(to);
  });

  const refused = SERVICE_STATUSES.flatMap((s) => SERVICE_EVENTS.map((e) => [s, e] as const)).filter(
    ([s, e]) => !allowed.some(([f, x]) => f === s && x === e),
  );
  it.each(refused)('%s + %s is refused', (from, event) => {
    expect(nextServiceStatus(from, event)).toBeNull();
  });
});

describe('serviceMinutes', () => {
  const at = (hhmm: string, day = '2025-06-07') => new Date(`${day}T${hhmm}:00+08:00`);
  it.each([
    ['09:00', '09:00', 0],
    ['09:00', '09:00:59', 0],
    ['09:00', '10:30', 90],
    ['09:00', '09:59:59', 59],
    ['08:00', '20:00', SERVICE_MAX_MINUTES],
    ['08:00', '23:59', SERVICE_MAX_MINUTES],
  ])('%s → %s is %s minutes', (from, to, minutes) => {
    const out = to.length > 5 ? new Date(`2025-06-07T${to}+08:00`) : at(to);
    expect(serviceMinutes(at(from), out)).toBe(minutes);
  });
  it('is null when the check-out is before the check-in', () => {
    expect(serviceMinutes(at('10:00'), at('09:59'))).toBeNull();
  });
  it('caps a forgotten check-out days later', () => {
    expect(serviceMinutes(at('10:00'), at('10:00', '2025-06-10'))).toBe(SERVICE_MAX_MINUTES);
  });
});

describe('formatServiceTime', () => {
  it.each([
    [0, '0 分钟'],
    [20, '20 分钟'],
    [60, '1 小时'],
    [90, '1.5 小时'],
    [125, '2.1 小时'],
  ])('%s minutes read as %s', (minutes, text) => {
    expect(formatServiceTime(minutes)).toBe(text);
  });
});

describe('windowParts', () => {
  const at = (s: string) => new Date(s);
  it.each([
    // 2025-06-07 is a Saturday (6), 2025-06-08 a Sunday (7).
    ['2025-06-07T09:00:00+08:00', '2025-06-07T11:00:00+08:00', [6], ['morning']],
    ['2025-06-07T14:00:00+08:00', '2025-06-07T14:30:00+08:00', [6], ['afternoon']],
    ['2025-06-07T11:00:00+08:00', '2025-06-07T13:00:00+08:00', [6], ['morning', 'afternoon']],
    ['2025-06-07T17:00:00+08:00', '2025-06-07T19:00:00+08:00', [6], ['afternoon', 'evening']],
    ['2025-06-07T22:00:00+08:00', '2025-06-08T07:00:00+08:00', [6, 7], ['morning', 'evening']],
    // Given in UTC: 01:00Z is 09:00 in Beijing.
    ['2025-06-07T01:00:00Z', '2025-06-07T02:00:00Z', [6], ['morning']],
  ])('%s – %s touches days %j and slots %j', (from, to, days, slots) => {
    expect(windowParts(at(from), at(to))).toEqual({ days, slots });
  });
});

describe('matchScore', () => {
  const county = '/p/c/county/';
  const street = `${county}street/`;
  const community = `${street}community/`;
  const other = `${street}other/`;
  const need: MatchNeed = {
    skillCode: 'plumbing',
    skillLabel: '水电维修',
    orgPath: `${community}branch/`,
    nearbyPath: street,
    // Saturday morning.
    startsAt: new Date('2025-06-07T09:00:00+08:00'),
    endsAt: new Date('2025-06-07T11:00:00+08:00'),
  };
  const card = (over: Partial<MatchCard>): MatchCard => ({
    skillCodes: ['plumbing'],
    areaPath: community,
    availability: { days: [6, 7], slots: ['morning'] },
    servicesConfirmed: 0,
    ratingAverage: null,
    ...over,
  });
  const P = MATCH_POINTS;

  it.each<[string, Partial<MatchCard>, number, string[]]>([
    [
      'everything fits',
      {},
      P.skill + P.same_area + P.day_free + P.slot_free,
      ['skill', 'same_area', 'day_free', 'slot_free'],
    ],
    [
      'another skill',
      { skillCodes: ['legal'] },
      P.same_area + P.day_free + P.slot_free,
      ['same_area', 'day_free', 'slot_free'],
    ],
    [
      'another community in the street',
      { areaPath: other },
      P.skill + P.nearby_area + P.day_free + P.slot_free,
      ['skill', 'nearby_area', 'day_free', 'slot_free'],
    ],
    [
      'a card for the whole street',
      { areaPath: street },
      P.skill + P.same_area + P.day_free + P.slot_free,
      ['skill', 'same_area', 'day_free', 'slot_free'],
    ],
    [
      'another county',
      { areaPath: '/p/c/elsewhere/x/' },
      P.skill + P.day_free + P.slot_free,
      ['skill', 'day_free', 'slot_free'],
    ],
    [
      'free only on weekdays',
      { availability: { days: [1, 2, 3], slots: ['morning'] } },
      P.skill + P.same_area + P.slot_free,
      ['skill', 'same_area', 'slot_free'],
    ],
    [
      'free only in the evening',
      { availability: { days: [6], slots: ['evening'] } },
      P.skill + P.same_area + P.day_free,
      ['skill', 'same_area', 'day_free'],
    ],
    [
      'experienced and well rated',
      { servicesConfirmed: 5, ratingAverage: 4.8 },
      100,
      ['skill', 'same_area', 'day_free', 'slot_free', 'experienced', 'well_rated'],
    ],
    [
      'rated below 4.5',
      { servicesConfirmed: 2, ratingAverage: 4.4 },
      P.skill + P.same_area + P.day_free + P.slot_free,
      ['skill', 'same_area', 'day_free', 'slot_free'],
    ],
  ])('%s', (_, over, score, reasons) => {
    expect(matchScore(need, card(over))).toEqual({ score, reasons });
  });

  it('ranks the skill above the place, and the place above the time', () => {
    const skillFar = matchScore(need, card({ areaPath: '/x/', availability: { days: [], slots: [] } })).score;
    const nearNoSkill = matchScore(need, card({ skillCodes: [], availability: { days: [], slots: [] } })).score;
    const freeOnly = matchScore(
      need,
      card({ skillCodes: [], areaPath: '/x/', availability: { days: [6], slots: [] } }),
    ).score;
    expect(skillFar).toBeGreaterThan(nearNoSkill);
    expect(nearNoSkill).toBeGreaterThan(freeOnly);
  });
});
