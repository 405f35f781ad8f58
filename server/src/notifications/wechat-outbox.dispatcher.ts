import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ErrorCode } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import { WechatErrcode } from '../wechat/wechat-errcodes.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { retryDelayMs, templateValues } from './wechat-message.js';
import { WechatOutboxRepository, type AttemptOutcome, type ClaimedMessage } from './wechat-outbox.repository.js';

/** What a failed send tells us: WeChat's errcode if it answered one, and whether trying again may help. */
function failureOf(error: unknown): { errcode: number | null; retryable: boolean; refused: boolean } {
  if (error instanceof AppException) {
    const details = (error.details ?? {}) as { errcode?: unknown; retryable?: unknown };
    const errcode = typeof details.errcode === 'number' ? details.errcode : null;
    if (error.code === ErrorCode.WECHAT_NO_SUBSCRIPTION || errcode === WechatErrcode.USER_REFUSED_MESSAGE) {
      return { errcode: errcode ?? WechatErrcode.USER_REFUSED_MESSAGE, retryable: false, refused: true };
    }
    return { errcode, retryable: details.retryable === true, refused: false };
  }
  // Not a WeChat answer at all (a bug, a dropped connection): worth another try.
  return { errcode: null, retryable: true, refused: false };
}

/**
 * Sends what the outbox holds, in this process, for as long as the app runs.
 * Each round claims due rows in one short statement (SKIP LOCKED, so other
 * instances take other rows), spends a consent credit per message, and calls
 * WeChat with no transaction open; each outcome is recorded under the
 * claimed attempt number. A full batch is followed at once by the next
 * round; otherwise the dispatcher waits `pollMs`.
 */
@Injectable()
export class WechatOutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WechatOutboxDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly outbox: WechatOutboxRepository,
    private readonly wechat: WechatClient,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

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
    if (!this.enabled || !this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for a round in progress, so nothing runs once the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round;
  }

  /** One round: claims up to a batch of due messages and sends them. Answers how many were claimed. */
  async runOnce(): Promise<number> {
    const { batchSize } = this.config.subscribeMessages.dispatch;
    const now = this.clock.now();
    const claimed = await this.outbox.claimDue(now, batchSize, new Date(now.getTime() + this.leaseMs()));
    await Promise.all(claimed.map((message) => this.deliver(message)));
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.round = this.tick().finally(() => {
        this.round = null;
      });
    }, delayMs);
    // Never the reason a process stays alive; shutdown stops it properly.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let claimed = 0;
    try {
      claimed = await this.runOnce();
    } catch (error) {
      this.logger.warn(`WeChat outbox round failed: ${(error as Error).message}`);
    }
    const { batchSize, pollMs } = this.config.subscribeMessages.dispatch;
    this.schedule(claimed >= batchSize ? 0 : pollMs);
  }

  /**
   * Long enough for one send with its token refreshes (up to four requests),
   * so a row is only taken over from an instance that really stopped.
   */
  private leaseMs(): number {
    return Math.max(60_000, 4 * this.config.wechat.timeoutMs + 10_000);
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    try {
      await this.finish(message, await this.attempt(message));
    } catch (error) {
      // The row stays claimed and is taken over when its lease ends.
      this.logger.warn(`WeChat outbox message ${message.id} not recorded: ${(error as Error).message}`);
    }
  }

  private async attempt(message: ClaimedMessage): Promise<AttemptOutcome> {
    const skipped = (reason: 'no_wechat_identity' | 'no_credit'): AttemptOutcome => ({
      status: 'skipped',
      outcome: 'skipped',
      reason,
      errcode: null,
      msgId: null,
      nextAttemptAt: null,
      credits: null,
      at: this.clock.now(),
    });
    const openid = await this.outbox.findOpenid(message.accountId, this.config.wechat.appId);
    if (!openid) return skipped('no_wechat_identity');
    if (!message.creditTaken) {
      if (!(await this.outbox.takeCredit(message, this.clock.now()))) return skipped('no_credit');
      message = { ...message, creditTaken: true };
    }
    try {
      const { msgId } = await this.wechat.sendSubscribeMessage({
        toOpenid: openid,
        templateId: message.templateId,
        page: message.page ?? undefined,
        data: templateValues(message.data),
        miniprogramState: this.config.subscribeMessages.miniprogramState,
      });
      const at = this.clock.now();
      return {
        status: 'sent',
        outcome: 'sent',
        reason: null,
        errcode: null,
        msgId,
        nextAttemptAt: null,
        credits: null,
        at,
      };
    } catch (error) {
      return this.failed(message, error, this.clock.now());
    }
  }

  private failed(message: ClaimedMessage, error: unknown, at: Date): AttemptOutcome {
    const { errcode, retryable, refused } = failureOf(error);
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
    if (retryable && message.attempts < maxAttempts) {
      const next = new Date(at.getTime() + retryDelayMs(message.attempts, backoffMs));
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

  private async finish(message: ClaimedMessage, outcome: AttemptOutcome): Promise<void> {
    const recorded = await this.outbox.finishAttempt(message, outcome);
    if (!recorded) {
      this.logger.warn(`WeChat outbox message ${message.id}: attempt ${message.attempts} was taken over; not recorded`);
    }
  }
}
