import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { PgBoss } from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/tokens';

type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/** Queue settings of a job (pg-boss queue options), e.g. `{ retryLimit: 0, expireInSeconds: 6 * 3600 }`. */
export interface JobQueueOptions {
  retryLimit?: number;
  retryDelay?: number;
  expireInSeconds?: number;
}

/**
 * Background jobs on pg-boss, in the same PostgreSQL (schema `pgboss`, managed by pg-boss itself), so
 * any instance may run any job and a crash loses nothing. Modules register handlers and cron
 * schedules at init; with JOBS_ENABLED=false (tests) nothing polls, and `runNow` calls a handler inline.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private stopping = false;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: { name: string; cron: string }[] = [];
  private readonly queueOptions = new Map<string, JobQueueOptions>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  /** A handler for `name`, optionally on a cron schedule and with queue options (retries, expiry). */
  register(name: string, handler: JobHandler, cron?: string, options?: JobQueueOptions): void {
    this.handlers.set(name, handler);
    if (options) this.queueOptions.set(name, options);
    if (cron) this.schedules.push({ name, cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobsEnabled || this.handlers.size === 0) return;
    const { PgBoss } = await import('pg-boss');
    // Always the primary (DATABASE_URL, never a replica). Works behind PgBouncer in transaction mode: pg-boss
    // takes its advisory locks inside its transactions (pg_advisory_xact_lock); LISTEN/NOTIFY, which needs a
    // session, stays off (polling only).
    const boss = new PgBoss({ connectionString: this.databaseUrl, schema: 'pgboss', max: 3, application_name: 'keyuan-jobs', useListenNotify: false } as never);
    // after stop, connections the database closes on its own shutdown are not errors worth a log line
    boss.on('error', (e: unknown) => {
      if (!this.stopping) this.logger.error(e instanceof Error ? e.message : String(e));
    });
    await boss.start();
    for (const [name, handler] of this.handlers) {
      const options = this.queueOptions.get(name);
      await boss.createQueue(name, options);
      // createQueue leaves an existing queue as it was: bring its settings up to date
      if (options) await boss.updateQueue(name, options);
      await boss.work(name, async (jobs: { data: Record<string, unknown> }[]) => {
        for (const job of jobs) await handler(job.data ?? {});
      });
    }
    for (const s of this.schedules) await boss.schedule(s.name, s.cron, {}, { tz: this.config.timezone } as never);
    this.boss = boss;
    this.logger.log(`Workers on ${[...this.handlers.keys()].join(', ')}`);
  }

  /** Whether `send` queues into pg-boss (false: jobs are disabled and `send` runs the handler inline). */
  get queueing(): boolean {
    return this.boss !== null;
  }

  /**
   * Queue a job (runs inline when jobs are disabled). `startAfterSec` delays it; with jobs disabled a delayed
   * job is not run at all (nothing polls: tests drive such work themselves).
   */
  async send(name: string, data: Record<string, unknown> = {}, opts: { startAfterSec?: number } = {}): Promise<void> {
    if (this.boss) {
      await this.boss.send(name, data, opts.startAfterSec ? ({ startAfter: Math.ceil(opts.startAfterSec) } as never) : undefined);
      return;
    }
    if (opts.startAfterSec) return;
    await this.runNow(name, data);
  }

  async runNow(name: string, data: Record<string, unknown> = {}): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no job handler ${name}`);
    await handler(data);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.boss) await this.boss.stop({ graceful: true, timeout: 10000 } as never);
  }
}
