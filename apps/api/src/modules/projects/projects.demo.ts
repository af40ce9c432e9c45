import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoContext, DemoSeeders } from '@core/demo/demo-seeders';
import { SequencesService } from '@core/sequences/sequences.service';
import { ContractsService } from '@modules/contracts/contracts.service';
import { TasksService } from '@modules/tasks/tasks.service';
import { ProjectMilestone } from './project-milestone.entity';
import { ProjectRecords } from './project-records';
import { PROJECT_SEQUENCE } from './projects.service';

const DAY = 86400000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One delivery project of a signed demo contract (rep1's if any) (order 90: after contracts), with milestones and tasks, rep2 a member. */
@Injectable()
export class ProjectsDemoSeeder implements OnModuleInit {
  constructor(
    private readonly seeders: DemoSeeders,
    private readonly contracts: ContractsService,
    private readonly records: ProjectRecords,
    private readonly tasks: TasksService,
    private readonly sequences: SequencesService,
  ) {}

  onModuleInit(): void {
    this.seeders.register(90, 'projects', (m, ctx) => this.seed(m, ctx));
  }

  private async seed(m: EntityManager, ctx: DemoContext): Promise<void> {
    // rep1's signed contract when there is one (the browser tests sign in as rep1), else the first
    const rep1 = ctx.users['rep1@keyuan.local'];
    const signed = (await this.contracts.demoSigned(m, 20)).filter((c) => c.ownerId);
    const contract = signed.find((c) => c.ownerId === rep1?.id) ?? signed[0];
    if (!contract?.ownerId) return;
    const now = Date.now();
    const member = ctx.users['rep2@keyuan.local'];
    const { number } = await this.sequences.next(m, PROJECT_SEQUENCE, 'PRJ{yyyyMM}-{seq:4}');
    const project = await this.records.store.create(
      null,
      {
        number,
        name: `${contract.title} 实施项目`,
        description: '部署、数据迁移与培训，分三期交付。 Deployment, data migration and training in three phases.',
        status: 'active',
        accountId: contract.accountId,
        contractId: contract.id,
        startDate: iso(now - 10 * DAY),
        endDate: iso(now + 80 * DAY),
        memberIds: member && member.id !== contract.ownerId ? [member.id] : [],
        ownerId: contract.ownerId,
        departmentId: contract.departmentId,
      },
      m,
    );
    const milestones: [string, number, boolean][] = [
      ['需求确认 Requirements signed off', -5, true],
      ['数据迁移完成 Data migrated', 30, false],
      ['上线验收 Go-live acceptance', 75, false],
    ];
    await m.getRepository(ProjectMilestone).save(
      milestones.map(([name, due, done], i) => ({ projectId: project.id, name, dueDate: iso(now + due * DAY), done, doneAt: done ? new Date(now - 5 * DAY) : null, position: i + 1 })),
    );
    // open ones due beyond the 7 days of "my tasks" (the demo's reps have their own set there)
    const tasks: [string, number, boolean][] = [
      ['召开项目启动会 Kick-off meeting', -8, true],
      ['导出旧系统客户数据 Export the old system data', 12, false],
      ['管理员培训 Admin training', 40, false],
    ];
    await this.tasks.createSystemTasks(
      m,
      tasks.map(([title, due, done]) => ({
        title,
        dueAt: new Date(now + due * DAY),
        assigneeId: contract.ownerId!,
        departmentId: contract.departmentId,
        accountId: contract.accountId,
        projectId: project.id,
        status: done ? 'done' : 'open',
      })),
    );
  }
}
