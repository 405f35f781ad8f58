export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** The most tokens held at once: what may be spent in one go after an idle spell. */
  burst: number;
  /** Milliseconds on a clock that never goes back; injectable so tests can move time. */
  now?: () => number;
}

/**
 * A token bucket: `ratePerSecond` tokens a second, at most `burst` held. A
 * caller takes tokens before the work they pay for and gives back those it
 * did not use; `pauseFor` stops all granting for a while (the far side said
 * "slow down"). Synchronous and clock-injected, so its arithmetic is tested
 * without waiting; callers do the waiting.
 */
export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError(`TokenBucket: ratePerSecond must be a positive number, got ${options.ratePerSecond}`);
    }
    if (!Number.isInteger(options.burst) || options.burst < 1) {
      throw new RangeError(`TokenBucket: burst must be a whole number of at least 1, got ${options.burst}`);
    }
    this.ratePerSecond = options.ratePerSecond;
    this.burst = options.burst;
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.burst;
    this.updatedAt = this.now();
  }

  /**
   * Takes `n` tokens (1 to `burst`) if all are there: answers 0. Otherwise
   * takes none and answers the milliseconds until `n` will be there (or
   * until a pause ends), so the caller knows how long to wait.
   */
  take(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > this.burst) {
      throw new RangeError(`TokenBucket: can take 1 to ${this.burst} tokens at once, asked for ${n}`);
    }
    const at = this.refill();
    if (at < this.pausedUntil) return Math.ceil(this.pausedUntil - at);
    if (this.tokens >= n) {
      this.tokens -= n;
      return 0;
    }
    // Less a hair: float dust in the tokens held must not cost a whole extra millisecond.
    return Math.max(1, Math.ceil(((n - this.tokens) * 1000) / this.ratePerSecond - 1e-6));
  }

  /** Gives back tokens taken but not spent (the work did not happen); never beyond `burst`. */
  refund(n: number): void {
    if (n <= 0) return;
    this.refill();
    this.tokens = Math.min(this.burst, this.tokens + n);
  }

  /**
   * Grants nothing for `ms` from now (a later pause that ends sooner does not
   * shorten one in force) and drops the tokens held, so sending resumes at
   * the rate rather than with a burst. Answers whether the pause in force
   * was lengthened.
   */
  pauseFor(ms: number): boolean {
    const at = this.refill();
    const until = at + Math.max(0, ms);
    if (until <= this.pausedUntil) return false;
    this.pausedUntil = until;
    this.tokens = 0;
    this.updatedAt = until;
    return true;
  }

  /** Tokens that could be taken now (fractions included). */
  available(): number {
    const at = this.refill();
    return at < this.pausedUntil ? 0 : this.tokens;
  }

  private refill(): number {
    const at = this.now();
    if (at > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((at - this.updatedAt) * this.ratePerSecond) / 1000);
      this.updatedAt = at;
    }
    return at;
  }
}
