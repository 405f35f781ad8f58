import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';

/** pg-boss keeps its tables in their own schema of the app's database. */
export const JOBS_SCHEMA = 'pgboss';

export interface QueueSettings {
  /**
   * `standard`: every job sent is kept. `stately`: at most one queued and one
   * running job per `singletonKey`; a second send with the same key while one
   * waits is dropped (what a resumable fan-out wants).
   */
  policy?: 'standard' | 'stately';
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Each retry waits about twice as long as the one before. */
  retryBackoff?: boolean;
  /** A running job not done after this long is failed (and retried). */
  expireInSeconds?: number;
}

export interface SendOptions {
  singletonKey?: string;
  retryLimit?: number;
  retryBackoff?: boolean;
  retryDelaySeconds?: number;
  /** Not before this moment. */
  startAfter?: Date;
}

export interface WorkOptions {
  /** Workers in this process, each taking one job at a time. */
  workers?: number;
  /** How often an idle worker looks for work (pg-boss's minimum is 0.5 s). */
  pollingSeconds?: number;
}

export interface JobMeta {
  id: string;
  name: string;
}

export type JobHandler<T> = (data: T, job: JobMeta) => Promise<void>;

interface Registration {
  name: string;
  handler: JobHandler<never>;
  options: WorkOptions;
  workerIds: string[];
}

interface ScheduleRequest {
  name: string;
  cron: string;
  tz: string;
  data: object;
}

/** pg-boss runs its SQL through this, so a job can be written inside the caller's transaction. */
function executorFor(manager: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const runner = manager.queryRunner;
      if (!runner) throw new Error('JobQueue: the EntityManager given has no query runner (not a transaction)');
      const result = await runner.query(text, values, true);
      return { rows: (result.records ?? []) as unknown[] };
    },
  };
}

/**
 * The app's persistent job queue: pg-boss on the app's own database, schema
 * `pgboss`. Features declare queues and register handlers while modules
 * initialise; the queue starts on application bootstrap (creating its schema
 * the first time) and stops gracefully on shutdown, letting running jobs
 * finish before the database closes. A job can be sent inside a TypeORM
 * transaction, so it exists exactly when the change that asked for it
 * committed.
 *
 * A worker that just finished a job looks for the next one at once rather
 * than after its polling interval, so a queue of many short jobs (a
 * fan-out's batches) drains at full speed.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<string, QueueSettings>();
  private readonly registrations: Registration[] = [];
  private readonly schedules: ScheduleRequest[] = [];
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopping = false;

  constructor(private readonly config: AppConfig) {}

  /** Declares a queue and its defaults. Call before bootstrap (a constructor or onModuleInit). */
  declare(name: string, settings: QueueSettings = {}): void {
    this.queues.set(name, settings);
  }

  /** Runs `handler` for each job of `name`. A handler that throws fails the job, which is retried per the queue's settings. */
  work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    if (!this.queues.has(name)) this.declare(name);
    const registration: Registration = { name, handler, options, workerIds: [] };
    this.registrations.push(registration);
    if (this.boss)
      this.attach(this.boss, registration).catch((error: Error) =>
        this.logger.error(`job queue: could not start workers for ${name}: ${error.message}`),
      );
  }

  /** A recurring job: pg-boss's cron, evaluated in `tz`, one job per due minute across all instances. */
  schedule(name: string, cron: string, data: object = {}, tz = 'Asia/Shanghai'): void {
    if (!this.queues.has(name)) this.declare(name);
    this.schedules.push({ name, cron, data, tz });
  }

  /**
   * Sends one job; answers its id, or null when a `stately` queue already
   * holds a waiting job with the same singletonKey. Given a transaction's
   * manager, the job commits or rolls back with it.
   */
  async send(name: string, data: object, options: SendOptions = {}, manager?: EntityManager): Promise<string | null> {
    this.requireDeclared(name);
    const boss = await this.ready();
    const id = await boss.send(name, data, {
      ...this.sendOptions(options),
      ...(manager ? { db: executorFor(manager) } : {}),
    });
    if (!manager) this.wake(name);
    return id;
  }

  /** Sends many jobs of one queue in one statement (duplicates by singletonKey dropped as in `send`). */
  async sendMany(
    name: string,
    jobs: { data: object; options?: SendOptions }[],
    manager?: EntityManager,
  ): Promise<void> {
    if (jobs.length === 0) return;
    this.requireDeclared(name);
    const boss = await this.ready();
    const settings = this.queues.get(name) ?? {};
    await boss.insert(
      jobs.map((job) => {
        const o = { ...this.sendOptions({ ...job.options }) };
        return {
          name,
          data: job.data,
          singletonKey: o.singletonKey,
          startAfter: job.options?.startAfter?.toISOString(),
          retryLimit: o.retryLimit ?? settings.retryLimit,
          retryDelay: o.retryDelay ?? settings.retryDelaySeconds,
          retryBackoff: o.retryBackoff ?? settings.retryBackoff,
          expireInSeconds: settings.expireInSeconds,
        };
      }),
      manager ? { db: executorFor(manager) } : {},
    );
    if (!manager) this.wake(name);
  }

  /**
   * A job for a queue nobody declared would be dropped by pg-boss without a word
   * (e.g. sent before the app's modules initialised): refuse it loudly instead.
   */
  private requireDeclared(name: string): void {
    if (!this.queues.has(name))
      throw new Error(`job queue "${name}" is not declared; is the app initialised (app.init()) before jobs are sent?`);
  }

  /** Tells this process's workers of `name` to look for work now (e.g. after the transaction that sent it committed). */
  wake(name: string): void {
    const boss = this.boss;
    if (!boss) return;
    for (const r of this.registrations) if (r.name === name) for (const id of r.workerIds) boss.notifyWorker(id);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    if (!boss) return;
    this.boss = null;
    // Running jobs get 20 s to finish; anything still running then is failed and retried later by whoever runs next.
    await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  }

  private ready(): Promise<PgBoss> {
    if (this.boss) return Promise.resolve(this.boss);
    if (this.stopping) return Promise.reject(new Error('JobQueue is stopping'));
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.config.database.url,
      schema: JOBS_SCHEMA,
      application_name: 'pioneer-jobs',
      max: Math.max(2, Math.min(4, this.config.database.poolSize)),
    });
    boss.on('error', (error: Error) => this.logger.error(`job queue: ${error.message}`, error.stack));
    await boss.start();
    for (const [name, s] of this.queues) {
      const queue: PgBoss.Queue = {
        name,
        policy: s.policy ?? 'standard',
        retryLimit: s.retryLimit ?? 3,
        retryDelay: s.retryDelaySeconds ?? 5,
        retryBackoff: s.retryBackoff ?? true,
        ...(s.expireInSeconds ? { expireInSeconds: s.expireInSeconds } : {}),
      };
      // createQueue leaves an existing queue as it is; updateQueue applies changed settings.
      await boss.createQueue(name, queue);
      await boss.updateQueue(name, queue);
    }
    for (const s of this.schedules) await boss.schedule(s.name, s.cron, s.data, { tz: s.tz });
    this.boss = boss;
    for (const r of this.registrations) await this.attach(boss, r);
    return boss;
  }

  private async attach(boss: PgBoss, r: Registration): Promise<void> {
    const workers = r.options.workers ?? 1;
    for (let i = 0; i < workers; i += 1) {
      let workerId = '';
      workerId = await boss.work<object>(
        r.name,
        { batchSize: 1, pollingIntervalSeconds: r.options.pollingSeconds ?? 2 },
        async ([job]) => {
          try {
            await r.handler(job.data as never, { id: job.id, name: job.name });
          } catch (error) {
            this.logger.warn(
              `job ${job.name} ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            throw error;
          }
          // Found work: look again at once instead of sleeping out the polling interval.
          if (workerId) boss.notifyWorker(workerId);
        },
      );
      r.workerIds.push(workerId);
    }
  }

  private sendOptions(o: SendOptions) {
    return {
      ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
      ...(o.retryLimit !== undefined ? { retryLimit: o.retryLimit } : {}),
      ...(o.retryBackoff !== undefined ? { retryBackoff: o.retryBackoff } : {}),
      ...(o.retryDelaySeconds !== undefined ? { retryDelay: o.retryDelaySeconds } : {}),
      ...(o.startAfter ? { startAfter: o.startAfter } : {}),
    };
  }
}
