import { TokenBucket } from './token-bucket.js';

/** A step at a moment on the test's clock, and what the bucket answers. */
type Step =
  | { at: number; take: number; wait: number }
  | { at: number; refund: number }
  | { at: number; pause: number }
  | { at: number; available: number };

function run(rate: number, burst: number, steps: Step[]): void {
  let clock = 0;
  const bucket = new TokenBucket({ ratePerSecond: rate, burst, now: () => clock });
  for (const step of steps) {
    clock = step.at;
    if ('take' in step) expect({ at: step.at, take: step.take, wait: bucket.take(step.take) }).toEqual(step);
    else if ('refund' in step) bucket.refund(step.refund);
    else if ('pause' in step) bucket.pauseFor(step.pause);
    else expect({ at: step.at, available: bucket.available() }).toEqual(step);
  }
}

describe(TokenBucket.name, () => {
  it.each<[string, number, number, Step[]]>([
    [
      'starts full: a burst goes at once, the next token after 1/rate',
      20,
      2,
      [
        { at: 0, take: 2, wait: 0 },
        { at: 0, take: 1, wait: 50 },
        { at: 49, take: 1, wait: 1 },
        { at: 50, take: 1, wait: 0 },
      ],
    ],
    [
      'waits for all of a larger take, taking nothing meanwhile',
      10,
      5,
      [
        { at: 0, take: 5, wait: 0 },
        { at: 100, take: 3, wait: 200 },
        { at: 300, take: 3, wait: 0 },
        { at: 300, available: 0 },
      ],
    ],
    [
      'never holds more than the burst, however long it was idle',
      100,
      3,
      [
        { at: 0, take: 3, wait: 0 },
        { at: 60_000, available: 3 },
        { at: 60_000, take: 3, wait: 0 },
        { at: 60_000, take: 1, wait: 10 },
      ],
    ],
    [
      'hands out at most rate × seconds + burst over a long run',
      20,
      2,
      // 2 at once, then one every 50 ms: the 42nd token is due at 2,000 ms.
      [
        { at: 0, take: 2, wait: 0 },
        ...Array.from({ length: 39 }, (_, i): Step => ({ at: 50 * (i + 1), take: 1, wait: 0 })),
        { at: 1_999, take: 1, wait: 1 },
        { at: 2_000, take: 1, wait: 0 },
      ],
    ],
    [
      'takes back what was not spent, up to the burst',
      1,
      4,
      [
        { at: 0, take: 4, wait: 0 },
        { at: 0, refund: 3 },
        { at: 0, take: 3, wait: 0 },
        { at: 0, refund: 10 },
        { at: 0, available: 4 },
      ],
    ],
    [
      'grants nothing during a pause, then resumes at the rate without a burst',
      10,
      5,
      [
        { at: 0, pause: 1_000 },
        { at: 0, take: 1, wait: 1_000 },
        { at: 999, take: 1, wait: 1 },
        { at: 999, available: 0 },
        { at: 1_000, take: 1, wait: 100 },
        { at: 1_100, take: 1, wait: 0 },
      ],
    ],
    [
      'keeps the longer of two pauses',
      10,
      1,
      [
        { at: 0, pause: 500 },
        { at: 100, pause: 100 },
        { at: 300, take: 1, wait: 200 },
        { at: 600, take: 1, wait: 0 },
      ],
    ],
    [
      'works with fractional rates below one a second',
      0.5,
      1,
      [
        { at: 0, take: 1, wait: 0 },
        { at: 0, take: 1, wait: 2_000 },
        { at: 2_000, take: 1, wait: 0 },
      ],
    ],
  ])('%s', (_label, rate, burst, steps) => run(rate, burst, steps));

  it.each([
    ['a take of nothing', 0],
    ['a take beyond the burst, which could never be granted', 3],
    ['a fractional take', 1.5],
  ])('refuses %s', (_label, n) => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 2, now: () => 0 });
    expect(() => bucket.take(n)).toThrow(RangeError);
  });

  it.each([
    ['a rate of zero', { ratePerSecond: 0, burst: 1 }],
    ['an infinite rate', { ratePerSecond: Infinity, burst: 1 }],
    ['a burst below one', { ratePerSecond: 10, burst: 0 }],
  ])('refuses %s', (_label, options) => {
    expect(() => new TokenBucket(options)).toThrow(RangeError);
  });
});
