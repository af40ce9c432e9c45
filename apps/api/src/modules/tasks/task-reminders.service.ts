import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { ACTIVE_TASK_STATUSES, Task } from './task.entity';
import { formatInZone } from './tasks.service';

export const REMIND_JOB = 'tasks.remind';
/** Reminders sent per run; the next minute's run picks up the rest. */
const BATCH = 500;

/**
 * Every minute, notifies the assignees of open tasks whose reminder time has passed, once per task
 * (`reminded_at`). Rows are locked with SKIP LOCKED, so several instances never send one twice.
 */
@Injectable()
export class TaskRemindersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(REMIND_JOB, async () => void (await this.sendDue()), '* * * * *');
  }

  /** Sends the due reminders; answers how many went out. */
  async sendDue(): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due = await m
        .getRepository(Task)
        .createQueryBuilder('t')
        .where('t.remind_at <= now() AND t.reminded_at IS NULL AND t.status IN (:...active)', { active: ACTIVE_TASK_STATUSES })
        .orderBy('t.remind_at', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const t of due) {
        await this.notifications.notify(m, [t.assigneeId], {
          kind: 'task.reminder',
          params: { title: t.title, due: formatInZone(t.dueAt, this.config.timezone) },
          entityType: 'task',
          entityId: t.id,
        });
      }
      // a derived flag, not an edit: no version bump, no audit entry
      if (due.length) await m.query(`UPDATE tasks SET reminded_at = now() WHERE id = ANY($1)`, [due.map((t) => t.id)]);
      return due.length;
    });
  }
}
