import { scrubDetails } from './audit.service.js';

describe('scrubDetails', () => {
  it('masks a whole phone or ID number a caller forgot to mask, at any depth', () => {
    expect(scrubDetails({ phone: '13812345678', nested: { ids: ['11010119900307451X'] } })).toEqual({
      phone: '138****5678',
      nested: { ids: ['1****************X'] },
    });
  });

  it('keeps other values and turns the details into plain JSON', () => {
    expect(
      scrubDetails({ username: 'shuji', attemptsLeft: 3, at: new Date('2026-01-01T00:00:00Z'), gone: undefined }),
    ).toEqual({
      username: 'shuji',
      attemptsLeft: 3,
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(scrubDetails(undefined)).toBeNull();
  });
});
