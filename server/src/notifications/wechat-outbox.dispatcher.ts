import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ErrorCode } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import { TokenBucket } from '../common/rate-limit/token-bucket.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import { QUOTA_ERRCODES, WechatErrcode } from '../wechat/wechat-errcodes.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { retryDelayMs, templateValues } from './wechat-message.js';
import { WechatOutboxRepository, type AttemptOutcome, type ClaimedMessage } from './wechat-outbox.repository.js';

/** What a failed send tells us: WeChat's errcode if it answered one, and whether trying again may help. */
function failureOf(error: unknown): { errcode: number | null; retryable: boolean; refused: boolean; quota: boolean } {
  if (error instanceof AppException) {
    const details = (error.details ?? {}) as { errcode?: unknown; retryable?: unknown };
    const errcode = typeof details.errcode === 'number' ? details.errcode : null;
    if (error.code === ErrorCode.WECHAT_NO_SUBSCRIPTION || errcode === WechatErrcode.USER_REFUSED_MESSAGE) {
      return {
        errcode: errcode ?? WechatErrcode.USER_REFUSED_MESSAGE,
        retryable: false,
        refused: true,
        quota: false,
      };
    }
    const quota = errcode !== null && QUOTA_ERRCODES.has(errcode);
    return { errcode, retryable: quota || details.retryable === true, refused: false, quota };
  }
  // Not a WeChat answer at all (a bug, a dropped connection): worth another try.
  return { errcode: null, retryable: true, refused: false, quota: false };
}

/** The bucket holds this many seconds of sends: claims stay small and sends spread evenly. */
const BURST_SECONDS = 0.1;

interface Sleeper {
  wake: () => void;
  /** Also woken when a send ends (a slot came free). */
  onSendEnd: boolean;
}

/**
 * Sends what the outbox holds, in this process, for as long as the app runs.
 *
 * A token bucket (`WECHAT_SEND_RATE_PER_SECOND`, a tenth of a second's worth
 * held at most) keeps this process's WeChat calls within the quota, and at
 * most `WECHAT_SEND_CONCURRENCY` sends are in flight. Tokens are taken
 * _before_ rows are claimed, so a claimed row never waits for the limiter
 * and its lease covers only the send itself; a token not spent (nothing due,
 * no credit, no WeChat identity) is given back.
 *
 * Work goes in rounds, several at once: a round claims due rows in one
 * statement (SKIP LOCKED, so other instances take other rows), which also
 * finds each row's openid and spends its consent credit; it then calls
 * WeChat for each with no transaction open, and records every outcome in
 * one statement, each under its claimed attempt number. The database sees
 * two statements a round, not several a message. A claim that found less
 * than it asked for is followed by a pause of `pollMs`.
 *
 * When WeChat answers that the quota is reached (45009 today, 45011 this
 * minute), the message goes back to the outbox with its credit kept for the
 * retry, and the whole dispatcher sends nothing until that retry is due.
 */
@Injectable()
export class WechatOutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WechatOutboxDispatcher.name);
  private readonly bucket: TokenBucket;
  /** Claimed messages whose WeChat call has not ended yet. */
  private inFlight = 0;
  private readonly rounds = new Set<Promise<void>>();
  private readonly sleepers = new Set<Sleeper>();
  private pumping: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly outbox: WechatOutboxRepository,
    private readonly wechat: WechatClient,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const { ratePerSecond } = config.subscribeMessages.dispatch;
    this.bucket = new TokenBucket({ ratePerSecond, burst: Math.max(1, Math.ceil(ratePerSecond * BURST_SECONDS)) });
  }

  /** Nothing to send unless a template is configured. */
  get enabled(): boolean {
    return Object.values(this.config.subscribeMessages.templates).some((id) => id !== null);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (!this.enabled || !this.stopped || this.pumping) return;
    this.stopped = false;
    this.pumping = this.pump()
      .catch((error: Error) => this.logger.error(`WeChat outbox dispatcher stopped: ${error.message}`))
      .finally(() => {
        this.pumping = null;
      });
  }

  /** Stops claiming and waits for the rounds under way, so nothing runs once the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const sleeper of [...this.sleepers]) sleeper.wake();
    await this.pumping;
  }

  /**
   * One round, outside the running loop: waits for the tokens, claims up to
   * a claim's worth of due messages and sends them. Answers how many were claimed.
   */
  async runOnce(): Promise<number> {
    const want = this.claimSize();
    for (let wait = this.bucket.take(want); wait > 0; wait = this.bucket.take(want)) await this.sleep(wait);
    let claimed: ClaimedMessage[] = [];
    try {
      claimed = await this.claim(want);
    } finally {
      this.bucket.refund(want - claimed.length);
    }
    await this.launch(claimed);
    return claimed.length;
  }

  /** Rows per claim: no more than a batch, than may be in flight, or than the bucket holds. */
  private claimSize(): number {
    const { batchSize, concurrency } = this.config.subscribeMessages.dispatch;
    return Math.min(batchSize, concurrency, this.bucket.burst);
  }

  private async pump(): Promise<void> {
    const { pollMs, concurrency } = this.config.subscribeMessages.dispatch;
    const claimSize = this.claimSize();
    // Claims worth their round trip: wait until at least half a claim's sends have room.
    const room = Math.ceil(claimSize / 2);
    while (!this.stopped) {
      const free = concurrency - this.inFlight;
      if (free < room) {
        await this.sleep(pollMs, true);
        continue;
      }
      const want = Math.min(claimSize, free);
      const wait = this.bucket.take(want);
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      let claimed: ClaimedMessage[];
      try {
        claimed = await this.claim(want);
      } catch (error) {
        this.bucket.refund(want);
        this.logger.warn(`WeChat outbox claim failed: ${(error as Error).message}`);
        await this.sleep(pollMs);
        continue;
      }
      this.bucket.refund(want - claimed.length);
      if (claimed.length > 0) void this.launch(claimed);
      if (claimed.length < want) await this.sleep(pollMs);
    }
    await Promise.all(this.rounds);
  }

  private claim(limit: number): Promise<ClaimedMessage[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs());
    return this.outbox.claimDue(now, limit, leaseUntil, this.config.wechat.appId, now);
  }

  /** Starts a round for claimed messages; each counts as in flight until its WeChat call ends. Never rejects. */
  private launch(claimed: ClaimedMessage[]): Promise<void> {
    this.inFlight += claimed.length;
    const round: Promise<void> = this.round(claimed)
      .catch((error: Error) => this.logger.warn(`WeChat outbox round failed: ${error.message}`))
      .finally(() => this.rounds.delete(round));
    this.rounds.add(round);
    return round;
  }

  /** A message's call has ended (or will not be made): its place in flight is free. */
  private release(): void {
    this.inFlight -= 1;
    for (const sleeper of [...this.sleepers]) if (sleeper.onSendEnd) sleeper.wake();
  }

  /** Waits `ms`, or less when stopped (or, if asked, when a send ends). */
  private sleep(ms: number, onSendEnd = false): Promise<void> {
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        wake: () => {
          clearTimeout(timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
        onSendEnd,
      };
      const timer = setTimeout(sleeper.wake, ms);
      // Never the reason a process stays alive; shutdown stops it properly.
      timer.unref();
      this.sleepers.add(sleeper);
    });
  }

  /**
   * Long enough for one send with its token refreshes (up to four requests),
   * so a row is only taken over from an instance that really stopped.
   */
  private leaseMs(): number {
    return Math.max(60_000, 4 * this.config.wechat.timeoutMs + 10_000);
  }

  private async round(claimed: ClaimedMessage[]): Promise<void> {
    const results = await Promise.all(
      claimed.map(async (message) => {
        try {
          return { message, outcome: await this.attempt(message) };
        } finally {
          this.release();
        }
      }),
    );
    await this.record(results);
  }

  /**
   * Records a round's outcomes, trying again briefly if the database hiccups:
   * a row left unrecorded is taken over when its lease ends and sent again.
   */
  private async record(results: { message: ClaimedMessage; outcome: AttemptOutcome }[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const recorded = await this.outbox.finishAttempts(results);
        for (const { message } of results) {
          if (!recorded.has(message.id)) {
            this.logger.warn(
              `WeChat outbox message ${message.id}: attempt ${message.attempts} was taken over; not recorded`,
            );
          }
        }
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.logger.warn(`WeChat outbox: ${results.length} outcomes not recorded: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private async attempt(message: ClaimedMessage): Promise<AttemptOutcome> {
    const skipped = (reason: 'no_wechat_identity' | 'no_credit'): AttemptOutcome => {
      // WeChat was not called: the token paid for a call goes back.
      this.bucket.refund(1);
      return {
        status: 'skipped',
        outcome: 'skipped',
        reason,
        errcode: null,
        msgId: null,
        nextAttemptAt: null,
        credits: null,
        at: this.clock.now(),
      };
    };
    if (message.openid === null) return skipped('no_wechat_identity');
    if (!message.creditTaken) return skipped('no_credit');
    try {
      const { msgId } = await this.wechat.sendSubscribeMessage({
        toOpenid: message.openid,
        templateId: message.templateId,
        page: message.page ?? undefined,
        data: templateValues(message.data),
        miniprogramState: this.config.subscribeMessages.miniprogramState,
      });
      return {
        status: 'sent',
        outcome: 'sent',
        reason: null,
        errcode: null,
        msgId,
        nextAttemptAt: null,
        credits: null,
        at: this.clock.now(),
      };
    } catch (error) {
      return this.failed(message, error, this.clock.now());
    }
  }

  private failed(message: ClaimedMessage, error: unknown, at: Date): AttemptOutcome {
    const { errcode, retryable, refused, quota } = failureOf(error);
    const reason = errcode === null ? 'unavailable' : 'errcode';
    // WeChat holds no subscription for this person and template: our count was wrong, and retrying cannot help.
    if (refused) {
      return {
        status: 'skipped',
        outcome: 'skipped',
        reason: 'refused',
        errcode,
        msgId: null,
        nextAttemptAt: null,
        credits: 'use_up',
        at,
      };
    }
    const { maxAttempts, backoffMs } = this.config.subscribeMessages.dispatch;
    // Over the quota, WeChat judged nothing about the message: it waits (credit kept) and is never given up for it.
    if (quota || (retryable && message.attempts < maxAttempts)) {
      const delayMs = retryDelayMs(message.attempts, backoffMs);
      if (quota && this.bucket.pauseFor(delayMs)) {
        this.logger.warn(
          `WeChat quota reached (errcode ${errcode}): sending paused for ${Math.round(delayMs / 1000)} s`,
        );
      }
      const next = new Date(at.getTime() + delayMs);
      return {
        status: 'pending',
        outcome: 'failed',
        reason,
        errcode,
        msgId: null,
        nextAttemptAt: next,
        credits: null,
        at,
      };
    }
    // Given up: WeChat spent nothing, so neither do we.
    const gaveUp = { status: 'failed', outcome: 'failed', nextAttemptAt: null, credits: 'give_back' } as const;
    return { ...gaveUp, reason, errcode, msgId: null, at };
  }
}
