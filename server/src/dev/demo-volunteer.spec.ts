import { nextSaturdayAt } from './demo-volunteer.js';

describe(nextSaturdayAt.name, () => {
  it.each([
    // Beijing Wednesday 2030-06-05 10:00 → Saturday 2030-06-08 09:00
    ['2030-06-05T02:00:00Z', '2030-06-08T01:00:00.000Z'],
    // Beijing Friday evening: too close, the Saturday after
    ['2030-06-07T12:00:00Z', '2030-06-15T01:00:00.000Z'],
    // UTC Friday 20:00 is already Saturday in Beijing: the next one
    ['2030-06-07T20:00:00Z', '2030-06-15T01:00:00.000Z'],
    // Beijing Sunday → six days on
    ['2030-06-09T02:00:00Z', '2030-06-15T01:00:00.000Z'],
  ])('from %s is %s (09:00 Beijing)', (now, expected) => {
    expect(nextSaturdayAt(new Date(now), 9).toISOString()).toBe(expected);
  });
});
