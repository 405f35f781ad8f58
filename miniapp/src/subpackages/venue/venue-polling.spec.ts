import { makeVenueCode } from '../../../test/activity-factories';
import { VENUE_CODE_LEAD_MS, nextCodeDelay } from './venue-polling';

const NOW = Date.parse('2025-03-05T01:00:00Z');
const at = (secondsFromNow: number) => new Date(NOW + secondsFromNow * 1000).toISOString();

describe(nextCodeDelay.name, () => {
  it.each([
    ['shortly before the rotation', at(20), 20_000 - VENUE_CODE_LEAD_MS],
    ['at least a second after a code that is nearly stale', at(1), 1000],
    ['at least a second when the laptop clock runs ahead', at(-60), 1000],
    ['at most one step when the laptop clock runs behind', at(600), 20_000],
    ['one step when the time cannot be read', 'soon', 20_000],
  ])('asks again %s', (_when, rotatesAt, delay) => {
    expect(nextCodeDelay(makeVenueCode({ rotatesAt, stepSeconds: 20 }), NOW)).toBe(delay);
  });
});
